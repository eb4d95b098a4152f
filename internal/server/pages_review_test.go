package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// recordsState is registryState without the views the page records when it
// shows a refused form again: seeing the review again is a view.
func recordsState(t *testing.T, client *ent.Client) string {
	t.Helper()
	state := registryState(t, client)
	state = state[:strings.LastIndex(state, ", audit ")]
	return state + ", changes " + queryRow(t, client, "SELECT COUNT(*), 0 FROM audit_events WHERE action NOT IN ('login', 'view')")
}

// TestReviewFormsRefuseBadInput posts each form of the review workspace
// wrong: each answers 422 with the error summary and the message beside
// the field, keeps what was typed, and writes nothing.
func TestReviewFormsRefuseBadInput(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	manager := signedIn(t, s)
	adm, _ := reviewSignedIn(t, s, "adm@example.org", "adm")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0300", nil, nil)
	api := newAPIClient(t, s, "manager")
	r := mustPostReview(t, api, h, withJSONField(t, withJSONField(t, reviewBody, "meeting_on", "null"), "status", `"gathering_views"`))
	// A second review waits for its panel: the recommendation and decision
	// forms are shown for it.
	waiting := mustPostReview(t, api, h, withJSONField(t, withJSONField(t, withJSONField(t, reviewBody, "status", `"awaiting_panel"`),
		"report", `"Written."`), "recommendation", `"continue_approval"`))
	p := mustPostPanel(t, api, `{"name": "Fostering panel", "meets_on": "`+todayPlus(-3).String()+`"}`)
	expect(t, 201)(api.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", p.ID), fmt.Sprintf(`{"review_id": %d}`, waiting.ID)))
	path := fmt.Sprintf("/reviews/%d", r.ID)
	waitingPath := fmt.Sprintf("/reviews/%d", waiting.ID)
	report := func(day, month, year, text, rec string) url.Values {
		return url.Values{"to": {"report_written"}, "version": {"1"}, "meeting-day": {day}, "meeting-month": {month},
			"meeting-year": {year}, "report": {text}, "recommendation": {rec}}
	}
	cases := []struct {
		name   string
		b      *browser
		review string
		action string
		form   url.Values
		status int
		says   []string
		keeps  string
	}{
		{"ReportMeetingNotADate", manager, path, "/step", report("31", "2", "2026", "Kept text", "continue_approval"), 422,
			[]string{"The date of the review meeting must be a real date"}, "Kept text"},
		{"ReportMeetingPartMissing", manager, path, "/step", report("3", "", "2026", "", ""), 422,
			[]string{"must include a month"}, ""},
		{"ReportMeetingInFuture", manager, path, "/step", report("1", "1", fmt.Sprint(httpx.Today().Year()+1), "x", "continue_approval"), 422,
			[]string{"must be today or in the past"}, ""},
		{"ReportWithoutReportOrRecommendation", manager, path, "/step", report("2", "3", "2026", "", ""), 422,
			[]string{"Enter the report", "Choose a recommendation"}, ""},
		{"CancelWithoutReason", manager, path, "/step", url.Values{"to": {"cancelled"}, "version": {"1"}}, 422,
			[]string{"Enter why the review is cancelled"}, ""},
		{"ImpossibleStep", manager, path, "/step", url.Values{"to": {"awaiting_panel"}, "version": {"1"}}, 409,
			[]string{"is gathering_views and cannot move to awaiting_panel"}, ""},
		{"ViewsMissingEverything", manager, path, "/views", url.Values{"author_name": {"Kept author"}}, 422,
			[]string{"Choose whose views these are", "Enter the views", "Enter the date the views were received"}, "Kept author"},
		{"ViewsReceivedTomorrow", manager, path, "/views", url.Values{"source": {"fostered_child"}, "author_name": {"AB"}, "text": {"Kept text"},
			"received-day": {fmt.Sprint(todayPlus(1).Day())}, "received-month": {fmt.Sprint(int(todayPlus(1).Month()))},
			"received-year": {fmt.Sprint(todayPlus(1).Year())}}, 422, []string{"must be today or in the past"}, "Kept text"},
		{"PanelNotChosen", manager, path, "/panel", url.Values{}, 422, []string{"Choose the panel"}, ""},
		{"RecommendationMissing", manager, waitingPath, "/recommendation", url.Values{}, 422,
			[]string{"Choose the panel", "Enter the date of the panel"}, ""},
		{"DecisionMissing", adm, waitingPath, "/decide", url.Values{"version": {"1"}, "reasons": {"Kept reasons"}}, 422,
			[]string{"Choose the decision", "Enter the date of the decision"}, "Kept reasons"},
		{"DecisionNotDecidable", adm, path, "/decide", url.Values{"version": {"1"}, "outcome": {"approval_continues"},
			"decided-day": {"1"}, "decided-month": {"1"}, "decided-year": {"2026"}, "reasons": {"x"}}, 409,
			[]string{"is gathering_views: a decision is recorded once the report is written"}, ""},
		// Deciding before the panel has recommended keeps what was typed
		// and says what the review waits for, on its own page.
		{"DecisionBeforeThePanel", adm, waitingPath, "/decide", url.Values{"version": {"1"}, "outcome": {"approval_continues"},
			"decided-day": {"1"}, "decided-month": {"1"}, "decided-year": {"2026"}, "reasons": {"Kept reasons"}}, 409,
			[]string{"has not yet made its recommendation"}, "Kept reasons"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := recordsState(t, st.Client)
			tc.b.get(tc.review)
			resp, body := tc.b.post(tc.review+tc.action, tc.form)
			if resp.StatusCode != tc.status {
				t.Fatalf("%d, want %d: %.300s", resp.StatusCode, tc.status, body)
			}
			if !strings.Contains(body, `class="govuk-error-summary"`) {
				t.Error("no error summary")
			}
			if strings.Contains(body, "Someone else has changed this record") {
				t.Error("a step the review is not ready for is shown as someone else's change")
			}
			for _, want := range tc.says {
				if !strings.Contains(body, want) {
					t.Errorf("the page does not say %q", want)
				}
			}
			if tc.keeps != "" && !strings.Contains(body, tc.keeps) {
				t.Errorf("what was typed (%q) is not kept", tc.keeps)
			}
			if after := recordsState(t, st.Client); after != before {
				t.Errorf("changed: %s, then %s", before, after)
			}
		})
	}
	if got := st.Client.Review.GetX(t.Context(), r.ID); got.Status != review.StatusGatheringViews || got.Version != 1 {
		t.Errorf("review now %s version %d", got.Status, got.Version)
	}
	on := httpx.Today()
	manager.get(path)
	if resp, body := manager.post(path+"/views", url.Values{"source": {"fostered_child"}, "author_name": {"AB"}, "text": {"I like it here."},
		"received-day": {fmt.Sprint(on.Day())}, "received-month": {fmt.Sprint(int(on.Month()))}, "received-year": {fmt.Sprint(on.Year())}}); resp.StatusCode != 303 {
		t.Fatalf("record views: %d %.300s", resp.StatusCode, body)
	}
	if got := st.Client.Contribution.Query().OnlyX(t.Context()); got.Source != "fostered_child" || got.AuthorName != "AB" || got.ReviewID != r.ID {
		t.Errorf("recorded %+v", got)
	}
}
