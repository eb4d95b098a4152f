package server

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/review"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

const reviewBody = `{"kind": "annual", "due_on": "2026-03-14", "meeting_on": "2026-03-02", "status": "gathering_views",
	"proposed_categories": ["short_term"], "proposed_number_of_children": 2, "proposed_age_from": 0, "proposed_age_to": 11}`

const usualLimitWarning = "Children Act 1989 sch 7: more than 3 needs siblings or an exemption"

// mustPostReview schedules a review of household h through the API and
// returns it.
func mustPostReview(t *testing.T, api apiClient, h int, body string) jsonapi.ReviewJSON {
	t.Helper()
	resp, out := api.send("POST", fmt.Sprintf("/api/v1/households/%d/reviews", h), body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create review: %d %s", resp.StatusCode, out)
	}
	return decodeReviewBody[jsonapi.ReviewJSON](t, out)
}

// TestReviewCreate shows a manager scheduling a first review: 201 with its
// address and ETag, panel required whatever was sent, a warning (not a
// refusal) for four children, and an audit entry with the values.
func TestReviewCreate(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0100", nil, nil)
	api := newAPIClient(t, s, "manager")
	body := withJSONField(t, withJSONField(t, reviewBody, "proposed_number_of_children", "4"), "kind", `"first"`)
	resp, out := api.send("POST", fmt.Sprintf("/api/v1/households/%d/reviews", h), body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", resp.StatusCode, out)
	}
	r := decodeReviewBody[jsonapi.ReviewJSON](t, out)
	if r.HouseholdID != h || r.Kind != review.KindFirst || !r.PanelRequired || *r.ProposedNumberOfChildren != 4 || r.Version != 1 {
		t.Errorf("created %+v", r)
	}
	if !slices.Equal(r.Warnings, []string{usualLimitWarning}) {
		t.Errorf("warnings = %q", r.Warnings)
	}
	if resp.Header.Get("Location") != fmt.Sprintf("/api/v1/reviews/%d", r.ID) || resp.Header.Get("ETag") != `"1"` {
		t.Errorf("Location %q ETag %q", resp.Header.Get("Location"), resp.Header.Get("ETag"))
	}
	e := st.Client.AuditEvent.Query().Where(auditevent.Entity("review"), auditevent.ActionEQ(auditevent.ActionCreate)).OnlyX(t.Context())
	if fmt.Sprint(e.Changes["proposed_number_of_children"].New) != "4" || e.Changes["panel_required"].New != true ||
		e.Changes["due_on"].New != "2026-03-14" || *e.EntityID != r.ID {
		t.Errorf("audit = %+v", e.Changes)
	}
	if _, out := api.send("POST", fmt.Sprintf("/api/v1/households/%d/reviews", h), reviewBody); !strings.Contains(out, `"warnings":[]`) {
		t.Errorf("two children: %s, want no warnings", out)
	}
}

// TestReviewRejectsBadInput shows each bad review refused with a 4xx
// naming what was wrong, and the registry unchanged.
func TestReviewRejectsBadInput(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0101", nil, nil)
	ssw := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	gone := mustCreateUser(t, st.Client, "gone@example.org", "reviewing_officer")
	st.Client.User.UpdateOneID(gone.ID).SetActive(false).ExecX(t.Context())
	api := newAPIClient(t, s, "manager")
	with := func(field, value string) string { return withJSONField(t, reviewBody, field, value) }
	tomorrow := `"` + httpx.Today().AddDays(1).String() + `"`
	decided := func(field, value string) string {
		b := withJSONField(t, with("status", `"decided"`), "outcome", `"approval_continues"`)
		return withJSONField(t, withJSONField(t, b, "decided_on", `"2026-03-10"`), field, value)
	}
	cases := []reviewRefusal{
		{"ErrKindUnknown", with("kind", `"biennial"`), 422, "kind", "Choose the kind of review"},
		{"ErrStatusUnknown", with("status", `"held"`), 422, "status", "Choose the stage of the review"},
		{"ErrDueOnMissing", with("due_on", ""), 422, "due_on", "Enter the date the review is due"},
		{"ErrDueOnNotADate", with("due_on", `"2026-02-30"`), 422, "due_on", "2026-03-14"},
		{"ErrMeetingInFutureOnceReportWritten", withJSONField(t, with("status", `"report_written"`), "meeting_on", tomorrow),
			422, "meeting_on", "must be today or in the past"},
		{"ErrDecidedWithoutDate", decided("decided_on", ""), 422, "decided_on", "Enter the date of the decision"},
		{"ErrDecidedWithoutOutcome", decided("outcome", ""), 422, "outcome", "Choose the decision"},
		{"ErrDecidedInFuture", decided("decided_on", tomorrow), 422, "decided_on", "The date of the decision must be today or in the past"},
		{"ErrOutcomeWithoutDecision", with("outcome", `"terms_revised"`), 422, "outcome", "The decision is recorded only once the review is decided"},
		{"ErrOutcomeUnknown", decided("outcome", `"approved"`), 422, "outcome", "Choose the decision"},
		{"ErrNoticeBeforeDecision", decided("notice_sent_on", `"2026-03-01"`), 422, "notice_sent_on", "The date written notice was sent must be the same as or after the date of the decision"},
		{"ErrOfficerNotReviewingOfficer", with("reviewing_officer_id", fmt.Sprint(ssw.ID)), 422, "reviewing_officer_id", "Choose an active reviewing officer"},
		{"ErrOfficerInactive", with("reviewing_officer_id", fmt.Sprint(gone.ID)), 422, "reviewing_officer_id", "Choose an active reviewing officer"},
		{"ErrTooManyChildren", with("proposed_number_of_children", "7"), 422, "proposed_number_of_children", "The proposed number of children must be between 1 and 6"},
		{"ErrNoChildren", with("proposed_number_of_children", "0"), 422, "proposed_number_of_children", "The proposed number of children must be between 1 and 6"},
		{"ErrAgeRangeBackwards", withJSONField(t, with("proposed_age_from", "12"), "proposed_age_to", "5"), 422, "proposed_age_to", "The proposed oldest age must be the same as or more than the proposed youngest age, 12"},
		{"ErrAgeTooOld", with("proposed_age_to", "22"), 422, "proposed_age_to", "The proposed oldest age must be between 0 and 21"},
		{"ErrCategoryUnknown", with("proposed_categories", `["weekends"]`), 422, "proposed_categories", "Choose the proposed categories of approval from the list"},
		{"ErrRecommendationUnknown", with("recommendation", `"approve"`), 422, "recommendation", "Choose a recommendation"},
		{"ErrUnknownField", with("colour", `"blue"`), 422, "colour", "unknown"},
		{"ErrDecisionByManager", decided("status", `"decided"`), 403, "outcome", "You cannot change this on this review"},
	}
	expectReviewRefusals(t, st.Client, func(body string) (*http.Response, string) {
		return api.send("POST", fmt.Sprintf("/api/v1/households/%d/reviews", h), body)
	}, cases)
	expectReviewRefusals(t, st.Client, func(body string) (*http.Response, string) {
		return api.send("POST", "/api/v1/households/999999/reviews", body)
	}, []reviewRefusal{{"ErrHouseholdUnknown", reviewBody, 404, "", "no household 999999"}})
}

// TestReviewUpdateNeedsCurrentVersion shows an update without If-Match
// refused with 428, from a stale copy with 412, and from the current one
// accepted and audited with old and new values; then archived.
func TestReviewUpdateNeedsCurrentVersion(t *testing.T) {
	s, st, _ := testServer(t)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0102", nil, nil)
	api := newAPIClient(t, s, "manager")
	r := mustPostReview(t, api, h, reviewBody)
	path := fmt.Sprintf("/api/v1/reviews/%d", r.ID)
	unexplained := withJSONField(t, reviewBody, "due_on", `"2026-04-01"`)
	moved := withJSONField(t, unexplained, "reschedule_reason", `"The carer is in hospital in March."`)
	expectRefused(t, st.Client, 422, "reschedule_reason", "Enter why the review is moved", func() (*http.Response, string) {
		return api.send("PUT", path, unexplained, "If-Match", `"1"`)
	})
	if resp, body := api.send("PUT", path, moved); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d %s", resp.StatusCode, body)
	}
	resp, body := api.send("PUT", path, moved, "If-Match", `"1"`)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("update: %d %s ETag %q", resp.StatusCode, body, resp.Header.Get("ETag"))
	}
	if resp, body := api.send("PUT", path, withJSONField(t, reviewBody, "due_on", `"2026-05-01"`), "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale: %d %s", resp.StatusCode, body)
	}
	got := st.Client.Review.GetX(t.Context(), r.ID)
	if got.DueOn.String() != "2026-04-01" || got.Version != 2 {
		t.Errorf("due %s version %d, want 2026-04-01 2", got.DueOn, got.Version)
	}
	e := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionUpdate), auditevent.Entity("review")).OnlyX(t.Context())
	if len(e.Changes) != 2 || e.Changes["due_on"].Old != "2026-03-14" || e.Changes["due_on"].New != "2026-04-01" ||
		e.Changes["reschedule_reason"].New != "The carer is in hospital in March." {
		t.Errorf("audit changes = %v", e.Changes)
	}
	if resp, _ := api.send("DELETE", path, ""); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("archive without If-Match: %d", resp.StatusCode)
	}
	if resp, _ := api.send("DELETE", path, "", "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale archive: %d", resp.StatusCode)
	}
	if resp, body := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusNoContent {
		t.Errorf("archive: %d %s", resp.StatusCode, body)
	}
	if resp, _ := api.send("GET", path, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("archived review: %d, want 404", resp.StatusCode)
	}
	if n := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionArchive), auditevent.Entity("review")).CountX(t.Context()); n != 1 {
		t.Errorf("%d archives audited, want 1", n)
	}
}

// TestConcurrentReviewUpdatesLoseNothing sends 50 updates of one review at
// once, all from the same version: exactly one wins, the other 49 are told
// 412, and the saved review is the winner's.
func TestConcurrentReviewUpdatesLoseNothing(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			s, st, _ := testServerOn(t, d)
			h := mustCreateReviewedHousehold(t, st.Client, "FH-0103", nil, nil)
			api := newAPIClient(t, s, "manager")
			r := mustPostReview(t, api, h, reviewBody)
			path := fmt.Sprintf("/api/v1/reviews/%d", r.ID)
			statuses, bodies := make([]int, 50), make([]string, 50)
			for i := range bodies {
				bodies[i] = withJSONField(t, reviewBody, "report", fmt.Sprintf(`"report number %d"`, i))
			}
			var wg sync.WaitGroup
			for i := range statuses {
				wg.Go(func() {
					resp, _ := api.send("PUT", path, bodies[i], "If-Match", `"1"`)
					statuses[i] = resp.StatusCode
				})
			}
			wg.Wait()
			won, stale, winner := 0, 0, 0
			for i, code := range statuses {
				switch code {
				case 200:
					won, winner = won+1, i
				case http.StatusPreconditionFailed:
					stale++
				default:
					t.Errorf("update %d: status %d", i, code)
				}
			}
			got := st.Client.Review.GetX(t.Context(), r.ID)
			if won != 1 || stale != 49 || got.Version != 2 || got.Report != fmt.Sprintf("report number %d", winner) {
				t.Errorf("%d won, %d stale; saved %q at version %d", won, stale, got.Report, got.Version)
			}
			if n := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionUpdate), auditevent.Entity("review")).CountX(t.Context()); n != 1 {
				t.Errorf("%d updates audited, want 1", n)
			}
		})
	}
}

// TestReviewListPagesAndFilters shows the service-wide list in due date
// order a page at a time, each review once, its filters, and wrong
// parameters named.
func TestReviewListPagesAndFilters(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0104", nil, nil)
	api := newAPIClient(t, s, "manager")
	var want []int
	for _, due := range []string{"2026-05-01", "2026-03-01", "2026-04-01", "2026-04-01", "2026-06-01"} {
		want = append(want, mustPostReview(t, api, h, withJSONField(t, reviewBody, "due_on", `"`+due+`"`)).ID)
	}
	want = []int{want[1], want[2], want[3], want[0], want[4]} // by due date, then id
	pages := func(query string) []int {
		var got []int
		for path := "/api/v1/reviews?limit=2" + query; path != ""; {
			resp, body := api.send("GET", path, "")
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
			}
			p := decodeReviewBody[httpx.Page[jsonapi.ReviewJSON]](t, body)
			for _, r := range p.Items {
				got = append(got, r.ID)
			}
			path = ""
			if p.NextCursor != "" {
				path = "/api/v1/reviews?limit=2" + query + "&cursor=" + p.NextCursor
			}
		}
		return got
	}
	if got := pages(""); !slices.Equal(got, want) {
		t.Errorf("paged %v, want %v", got, want)
	}
	latestFirst := slices.Clone(want)
	slices.Reverse(latestFirst)
	if got := pages("&sort=-due_on"); !slices.Equal(got, latestFirst) {
		t.Errorf("paged latest first %v, want %v", got, latestFirst)
	}
	filtered := map[string]int{
		"/api/v1/reviews?due_before=2026-04-01":                          1,
		"/api/v1/reviews?due_after=2026-04-01&reviewing_officer_id=none": 2,
		"/api/v1/reviews?status=scheduled,gathering_views&kind=annual":   5,
		"/api/v1/reviews?kind=first":                                     0,
		fmt.Sprintf("/api/v1/households/%d/reviews?limit=3", h):          3,
	}
	for path, n := range filtered {
		_, body := api.send("GET", path, "")
		if p := decodeReviewBody[httpx.Page[jsonapi.ReviewJSON]](t, body); len(p.Items) != n {
			t.Errorf("%s: %d reviews, want %d", path, len(p.Items), n)
		}
	}
	for param, field := range map[string]string{"limit=201": "limit", "colour=blue": "colour", "status=held": "status",
		"cursor=nonsense": "cursor", "due_before=soon": "due_before", "reviewing_officer_id=x": "reviewing_officer_id", "sort=status": "sort"} {
		resp, body := api.send("GET", "/api/v1/reviews?"+param, "")
		if p := decodeProblem(t, resp, body); resp.StatusCode != 422 || p.Fields[field] == "" {
			t.Errorf("%s: %d %v, want 422 naming %s", param, resp.StatusCode, p.Fields, field)
		}
	}
}

// TestDepartedPeopleStayOnTheirRecords shows a review whose reviewing
// officer, and a panel one of whose members, has since left still being
// changed; only someone newly assigned must be active.
func TestDepartedPeopleStayOnTheirRecords(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	officer := mustCreateUser(t, st.Client, "iro@example.org", "reviewing_officer")
	member := mustCreateUser(t, st.Client, "member@example.org", "panel_member")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0105", nil, nil)
	api := newAPIClient(t, s, "manager")
	assigned := withJSONField(t, reviewBody, "reviewing_officer_id", fmt.Sprint(officer.ID))
	r := mustPostReview(t, api, h, assigned)
	p := mustPostPanel(t, api, panelBody(member.ID))
	for _, id := range []int{officer.ID, member.ID} {
		st.Client.User.UpdateOneID(id).SetActive(false).ExecX(t.Context())
	}
	if resp, body := api.send("PUT", fmt.Sprintf("/api/v1/reviews/%d", r.ID), withJSONField(t, withJSONField(t, assigned, "due_on", `"2026-04-01"`),
		"reschedule_reason", `"Panel moved"`), "If-Match", `"1"`); resp.StatusCode != 200 {
		t.Errorf("review with a departed officer: %d %s", resp.StatusCode, body)
	}
	renamed := withJSONField(t, panelBody(member.ID), "name", `"Fostering panel (rearranged)"`)
	if resp, body := api.send("PUT", fmt.Sprintf("/api/v1/panels/%d", p.ID), renamed, "If-Match", `"1"`); resp.StatusCode != 200 {
		t.Errorf("panel with a departed member: %d %s", resp.StatusCode, body)
	}
}

// TestReviewRecordListsNameWrongParameters shows every list of reviews,
// views, panels, agendas and terms refusing a misspelt filter, a limit
// above 200 and a cursor it did not give, naming each.
func TestReviewRecordListsNameWrongParameters(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0106", nil, nil)
	api := newAPIClient(t, s, "manager")
	r := mustPostReview(t, api, h, reviewBody)
	p := mustPostPanel(t, api, panelBody())
	for _, list := range []string{"/api/v1/reviews", fmt.Sprintf("/api/v1/households/%d/reviews", h),
		fmt.Sprintf("/api/v1/reviews/%d/contributions", r.ID), "/api/v1/panels", fmt.Sprintf("/api/v1/panels/%d/items", p.ID),
		fmt.Sprintf("/api/v1/households/%d/approval-terms", h)} {
		if resp, body := api.send("GET", list+"?limit=200", ""); resp.StatusCode != 200 {
			t.Errorf("%s?limit=200: %d %s", list, resp.StatusCode, body)
		}
		resp, body := api.send("GET", list+"?colour=blue&limit=201&cursor=x", "")
		p := decodeProblem(t, resp, body)
		if resp.StatusCode != 422 || p.Fields["colour"] == "" || p.Fields["limit"] == "" || p.Fields["cursor"] == "" {
			t.Errorf("%s: %d %v, want 422 naming colour, limit and cursor", list, resp.StatusCode, p.Fields)
		}
	}
}
