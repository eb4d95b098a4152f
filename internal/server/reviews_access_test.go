package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/hearth-registry/hearth/internal/httpx"
)

// reviewSignedIn returns a browser signed in as a new user with role.
func reviewSignedIn(t *testing.T, s *Server, email, role string) (*browser, int) {
	t.Helper()
	u := mustCreateUser(t, s.Store.Client, email, role)
	b := newBrowser(t, s)
	b.signIn(email, testPassword)
	return b, u.ID
}

// TestCarerSeesOnlyTheirReviews shows a carer reading their own
// household's review without the staff's notes, and every other
// household's reviews answered 404, by id and by list.
func TestCarerSeesOnlyTheirReviews(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	carer, carerID := reviewSignedIn(t, s, "sian@example.net", "carer")
	own := mustCreateReviewedHousehold(t, st.Client, "FH-0200", nil, &carerID)
	other := mustCreateReviewedHousehold(t, st.Client, "FH-0201", nil, nil)
	api := newAPIClient(t, s, "manager")
	notes := withJSONField(t, reviewBody, "report", `"Draft: concerns about supervision"`)
	mine := mustPostReview(t, api, own, notes)
	theirs := mustPostReview(t, api, other, notes)

	resp, body := carer.get(fmt.Sprintf("/api/v1/reviews/%d", mine.ID))
	if resp.StatusCode != 200 || strings.Contains(body, "concerns about supervision") || strings.Contains(body, `"report"`) {
		t.Errorf("own review: %d %s, want 200 without the report", resp.StatusCode, body)
	}
	for _, path := range []string{fmt.Sprintf("/api/v1/reviews/%d", theirs.ID), fmt.Sprintf("/api/v1/households/%d/reviews", other),
		fmt.Sprintf("/api/v1/reviews/%d/contributions", theirs.ID)} {
		if resp, body := carer.get(path); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "FH-0201") {
			t.Errorf("%s: %d %s, want 404", path, resp.StatusCode, body)
		}
	}
	list := getJSON[httpx.Page[jsonapi.ReviewJSON]](t, carer, fmt.Sprintf("/api/v1/households/%d/reviews", own))
	if len(list.Items) != 1 || list.Items[0].ID != mine.ID || list.Items[0].Report != nil {
		t.Errorf("own list: %+v", list.Items)
	}
	if resp, _ := carer.get("/api/v1/reviews"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("carer reading the service-wide list: %d, want 403", resp.StatusCode)
	}
}

// TestReviewingOfficerWritesOnlyTheirReports shows a reviewing officer
// writing the report of a review assigned to them, and refused (403) any
// other review, the fields that are not theirs, and the decision; the
// decision maker then records the decision, which a manager cannot change.
func TestReviewingOfficerWritesOnlyTheirReports(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	officer, officerID := reviewSignedIn(t, s, "iro@example.org", "reviewing_officer")
	otherOfficer, _ := reviewSignedIn(t, s, "iro2@example.org", "reviewing_officer")
	adm, admID := reviewSignedIn(t, s, "adm@example.org", "adm")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0202", nil, nil)
	api := newAPIClient(t, s, "manager")
	assigned := withJSONField(t, reviewBody, "reviewing_officer_id", fmt.Sprint(officerID))
	mine := mustPostReview(t, api, h, assigned)
	unassigned := mustPostReview(t, api, h, reviewBody)

	written := withJSONField(t, withJSONField(t, withJSONField(t, assigned, "status", `"report_written"`),
		"report", `"The household continues to do well."`), "recommendation", `"continue_approval"`)
	path := func(id int) string { return fmt.Sprintf("/api/v1/reviews/%d", id) }
	for _, tc := range []struct {
		name   string
		b      *browser
		id     int
		body   string
		status int
		field  string
	}{
		{"ErrNotAssigned", officer, unassigned.ID, withJSONField(t, reviewBody, "report", `"mine now"`), 403, ""},
		{"ErrAnotherOfficer", otherOfficer, mine.ID, written, 403, ""},
		{"ErrDueDateNotTheirs", officer, mine.ID, withJSONField(t, written, "due_on", `"2026-06-01"`), 403, "due_on"},
		{"ErrCancelling", officer, mine.ID, withJSONField(t, withJSONField(t, written, "status", `"cancelled"`), "cancelled_reason", `"no longer needed"`), 403, "status"},
		{"OK", officer, mine.ID, written, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := registryState(t, st.Client)
			resp, body := tc.b.sendVersioned("PUT", path(tc.id), tc.body, `"1"`)
			if resp.StatusCode != tc.status {
				t.Fatalf("%d %s, want %d", resp.StatusCode, body, tc.status)
			}
			if tc.field != "" && !strings.Contains(decodeProblem(t, resp, body).Fields[tc.field], "cannot change") {
				t.Errorf("%s not named: %s", tc.field, body)
			}
			if after := registryState(t, st.Client); (after == before) != (tc.status != 200) {
				t.Errorf("records %s, then %s", before, after)
			}
		})
	}
	byEdit := withJSONField(t, withJSONField(t, withJSONField(t, written, "status", `"decided"`),
		"outcome", `"approval_continues"`), "decided_on", `"`+httpx.Today().String()+`"`)
	if resp, body := adm.sendVersioned("PUT", path(mine.ID), byEdit, `"2"`); resp.StatusCode != 409 || !strings.Contains(body, "recording the decision") {
		t.Errorf("deciding by an edit: %d %s, want 409", resp.StatusCode, body)
	}
	decision := `{"decided_on": "` + httpx.Today().String() + `", "outcome": "approval_continues", "decision_reasons": "As the panel recommended."}`
	resp, body := officer.sendVersioned("POST", path(mine.ID)+"/decision", decision, `"2"`)
	if resp.StatusCode != 403 {
		t.Errorf("officer deciding: %d %s, want 403", resp.StatusCode, body)
	}
	resp, body = adm.sendVersioned("POST", path(mine.ID)+"/decision", decision, `"2"`)
	if resp.StatusCode != 200 {
		t.Fatalf("decision maker deciding: %d %s", resp.StatusCode, body)
	}
	if r := decodeReviewBody[jsonapi.ReviewJSON](t, body); r.DecidedByID == nil || *r.DecidedByID != admID {
		t.Errorf("decided by %v, want %d", r.DecidedByID, admID)
	}
	changed := withJSONField(t, byEdit, "outcome", `"approval_terminated"`)
	if resp, body := api.send("PUT", path(mine.ID), changed, "If-Match", `"3"`); resp.StatusCode != 409 || !strings.Contains(body, "is decided: only notice_sent_on and decision_reasons can still be corrected, not outcome") {
		t.Errorf("manager changing the outcome: %d %s, want 409", resp.StatusCode, body)
	}
}
