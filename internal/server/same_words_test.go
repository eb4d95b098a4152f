package server

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/internal/httpx"
)

// TestReviewStepSameWordsOnPageAndAPI makes the same mistakes in moving a
// review on, once through the review workspace and once through the API,
// and finds each problem the API names on the page too, in the same
// words: the rules, and what they say, live once, in the registry.
func TestReviewStepSameWordsOnPageAndAPI(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	manager := signedIn(t, s)
	api := newAPIClient(t, s, "manager")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0310", nil, nil)
	r := mustPostReview(t, api, h, withJSONField(t, reviewBody, "meeting_on", "null"))
	path := fmt.Sprintf("/reviews/%d", r.ID)
	next := httpx.Today().AddDays(30)
	cases := []struct {
		name   string
		page   url.Values
		api    map[string]string // JSON fields replacing reviewBody's
		fields []string          // the API fields that must be named
	}{
		{"ReportWithNothing", url.Values{"to": {"report_written"}},
			map[string]string{"status": `"report_written"`, "meeting_on": "null"},
			[]string{"meeting_on", "report", "recommendation"}},
		{"MeetingNotYetHeld", url.Values{"to": {"report_written"}, "meeting-day": {fmt.Sprint(next.Day())},
			"meeting-month": {fmt.Sprint(int(next.Month()))}, "meeting-year": {fmt.Sprint(next.Year())},
			"report": {"Written."}, "recommendation": {"continue_approval"}},
			map[string]string{"status": `"report_written"`, "meeting_on": `"` + next.String() + `"`,
				"report": `"Written."`, "recommendation": `"continue_approval"`},
			[]string{"meeting_on"}},
		{"CancelWithoutReason", url.Values{"to": {"cancelled"}},
			map[string]string{"status": `"cancelled"`, "meeting_on": "null"},
			[]string{"cancelled_reason"}},
		// The page checked hidden characters itself, but not the length
		// the API allows: a 2,001-character reason was saved.
		{"CancelWithTooLongReason", url.Values{"to": {"cancelled"}, "reason": {strings.Repeat("a", 2001)}},
			map[string]string{"status": `"cancelled"`, "meeting_on": "null", "cancelled_reason": `"` + strings.Repeat("a", 2001) + `"`},
			[]string{"cancelled_reason"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := reviewBody
			for name, v := range tc.api {
				body = withJSONField(t, body, name, v)
			}
			resp, out := api.send("PUT", fmt.Sprintf("/api/v1/reviews/%d", r.ID), body, "If-Match", `"1"`)
			if resp.StatusCode != 422 {
				t.Fatalf("API: %d, want 422: %s", resp.StatusCode, out)
			}
			p := decodeProblem(t, resp, out)
			manager.get(path)
			form := url.Values{"version": {"1"}}
			for k, v := range tc.page {
				form[k] = v
			}
			resp, page := manager.post(path+"/step", form)
			if resp.StatusCode != 422 {
				t.Fatalf("page: %d, want 422: %.300s", resp.StatusCode, page)
			}
			page = html.UnescapeString(page)
			for _, f := range tc.fields {
				msg := p.Fields[f]
				if msg == "" {
					t.Errorf("the API names no problem with %s: %v", f, p.Fields)
					continue
				}
				if strings.Contains(f, "_") && strings.Contains(msg, f) {
					t.Errorf("the API's message for %s names the field as a program would: %q", f, msg)
				}
				if !strings.Contains(page, msg) {
					t.Errorf("the API says %q of %s; the page does not", msg, f)
				}
			}
		})
	}
}
