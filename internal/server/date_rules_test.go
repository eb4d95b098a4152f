package server

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"
)

// TestDatesAgreeWithEachOther makes the statutory record's dates
// contradict each other, through the API and the pages alike: a decision
// dated before the panel's recommendation, and a review meeting dated
// before the household's previous one. Each is refused, naming the other
// date, and nothing changes. (The rest of the date rules are listed in
// docs/design.md, each with its test.)
func TestDatesAgreeWithEachOther(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	api := newAPIClient(t, s, "manager")
	admAPI := newAPIClient(t, s, "adm")
	adm, _ := reviewSignedIn(t, s, "adm@example.org", "adm")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0570", nil, nil)
	meeting, met, recommended := todayPlus(-30), todayPlus(-10), todayPlus(-3)
	r := mustPostReview(t, api, h, withJSONField(t, withJSONField(t, withJSONField(t, withJSONField(t, reviewBody,
		"status", `"awaiting_panel"`), "report", `"Written."`), "recommendation", `"continue_approval"`),
		"meeting_on", fmt.Sprintf("%q", meeting.String())))
	p := mustPostPanel(t, api, fmt.Sprintf(`{"name": "Fostering panel", "meets_on": "%s"}`, met))
	_, out := api.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", p.ID), fmt.Sprintf(`{"review_id": %d}`, r.ID))
	item := decodeReviewBody[jsonapi.PanelItemJSON](t, out)
	expect(t, 200)(api.send("PUT", fmt.Sprintf("/api/v1/panel-items/%d", item.ID), fmt.Sprintf(
		`{"review_id": %d, "recommendation": "continue_approval", "recommended_on": "%s"}`, r.ID, recommended), "If-Match", `"1"`))

	early := todayPlus(-5) // after the meeting, before the recommendation
	want := "The date of the decision must be the same as or after the panel's recommendation, " + recommended.Long()
	before := recordsState(t, st.Client)
	resp, out := admAPI.send("POST", fmt.Sprintf("/api/v1/reviews/%d/decision", r.ID), fmt.Sprintf(
		`{"decided_on": "%s", "outcome": "approval_continues", "decision_reasons": "Safe, warm care."}`, early), "If-Match", `"1"`)
	if p := decodeProblem(t, resp, out); resp.StatusCode != 422 || p.Fields["decided_on"] != want {
		t.Errorf("API: a decision before the recommendation answered %d %v, want 422 %q", resp.StatusCode, p.Fields, want)
	}
	adm.get(fmt.Sprintf("/reviews/%d", r.ID))
	resp, page := adm.post(fmt.Sprintf("/reviews/%d/decide", r.ID), url.Values{"version": {"1"}, "outcome": {"approval_continues"},
		"decided-day": {fmt.Sprint(early.Day())}, "decided-month": {fmt.Sprint(int(early.Month()))},
		"decided-year": {fmt.Sprint(early.Year())}, "reasons": {"Safe, warm care."}})
	if resp.StatusCode != 422 || !strings.Contains(html.UnescapeString(page), want) {
		t.Errorf("page: a decision before the recommendation answered %d without %q", resp.StatusCode, want)
	}
	if after := recordsState(t, st.Client); after != before {
		t.Errorf("changed: %s, then %s", before, after)
	}

	// The next review's meeting, dated before this one's.
	next := mustPostReview(t, api, h, withJSONField(t, withJSONField(t, reviewBody, "meeting_on", "null"),
		"due_on", fmt.Sprintf("%q", todayPlus(300).String())))
	body := withJSONField(t, withJSONField(t, reviewBody, "due_on", fmt.Sprintf("%q", todayPlus(300).String())),
		"meeting_on", fmt.Sprintf("%q", meeting.AddDays(-1).String()))
	resp, out = api.send("PUT", fmt.Sprintf("/api/v1/reviews/%d", next.ID), body, "If-Match", `"1"`)
	wantMeeting := "The date of the review meeting must be after the household's previous review meeting, " + meeting.Long()
	if p := decodeProblem(t, resp, out); resp.StatusCode != 422 || p.Fields["meeting_on"] != wantMeeting {
		t.Errorf("API: a meeting before the previous one answered %d %v, want 422 %q", resp.StatusCode, p.Fields, wantMeeting)
	}
}
