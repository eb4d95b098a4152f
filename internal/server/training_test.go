package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/dueitem"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

func trainingBody(courseID int, completedOn string) string {
	return fmt.Sprintf(`{"course_id": %d, "completed_on": %q, "provider": "Devon learning team", "hours": 6, "evidence": "certificate seen"}`,
		courseID, completedOn)
}

// mustRecordTraining records a course through the API and returns the
// record.
func mustRecordTraining(t *testing.T, api apiClient, carerID, courseID int, completedOn string) jsonapi.TrainingJSON {
	t.Helper()
	resp, body := api.send("POST", fmt.Sprintf("/api/v1/carers/%d/training", carerID), trainingBody(courseID, completedOn))
	var r jsonapi.TrainingJSON
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &r) != nil {
		t.Fatalf("record training: %d %s", resp.StatusCode, body)
	}
	return r
}

// TestTrainingCreate shows a course recorded for a carer: 201 with its
// address and ETag, the expiry worked out from the course's validity (none
// for a course that never expires), the creation audited with every value,
// and the carer's due date moved in the same transaction.
func TestTrainingCreate(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			s, st, _ := testServerOn(t, d)
			home := mustCreateFosterHome(t, st.Client, "FH-0001", nil, nil)
			pfa := mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
			stf := mustCreateCatalogueCourse(t, st.Client, "STF", true, 0)
			api := newAPIClient(t, s, "ssw")
			resp, body := api.send("POST", fmt.Sprintf("/api/v1/carers/%d/training", home.carer), trainingBody(pfa.ID, "2024-02-29"))
			var r jsonapi.TrainingJSON
			if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &r) != nil {
				t.Fatalf("create: %d %s", resp.StatusCode, body)
			}
			if r.ExpiresOn == nil || r.ExpiresOn.String() != "2027-02-28" || r.CourseCode != "PFA" || r.Hours != 6 || r.Version != 1 {
				t.Errorf("created %+v", r)
			}
			if resp.Header.Get("Location") != fmt.Sprintf("/api/v1/training/%d", r.ID) || resp.Header.Get("ETag") != `"1"` {
				t.Errorf("Location %q ETag %q", resp.Header.Get("Location"), resp.Header.Get("ETag"))
			}
			e := st.Client.AuditEvent.Query().Where(auditevent.Entity("training_record"), auditevent.ActionEQ(auditevent.ActionCreate)).OnlyX(t.Context())
			if *e.EntityID != r.ID || e.Changes["expires_on"].New != "2027-02-28" || e.Changes["completed_on"].New != "2024-02-29" ||
				e.Changes["course_id"].New != float64(pfa.ID) {
				t.Errorf("audit = %+v", e)
			}
			due := st.Client.DueItem.Query().Where(dueitem.Kind("training"), dueitem.Ref(pfa.ID), dueitem.SubjectID(home.carer)).OnlyX(t.Context())
			if due.DueOn.String() != "2027-02-28" {
				t.Errorf("PFA now due %s, want 2027-02-28", due.DueOn)
			}
			never := mustRecordTraining(t, api, home.carer, stf.ID, "2023-01-10")
			if never.ExpiresOn != nil || never.Expired {
				t.Errorf("a course that never expires: %+v", never)
			}
		})
	}
}

// TestTrainingRejectsBadInput shows each bad record refused with a 4xx
// naming what was wrong, and nothing written: no record, no version moved,
// no audit event.
func TestTrainingRejectsBadInput(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { testTrainingRejectsBadInput(t, d) })
	}
}

func testTrainingRejectsBadInput(t *testing.T, d string) {
	s, st, _ := testServerOn(t, d)
	home := mustCreateFosterHome(t, st.Client, "FH-0001", nil, nil)
	pfa := mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
	old := mustCreateCatalogueCourse(t, st.Client, "OLD", false, 0)
	api := newAPIClient(t, s, "manager")
	first := mustRecordTraining(t, api, home.carer, pfa.ID, "2025-03-01")
	second := mustRecordTraining(t, api, home.carer, pfa.ID, "2022-03-01")
	gone := mustRecordTraining(t, api, home.carer, old.ID, "2021-06-01")
	if resp, body := api.send("DELETE", fmt.Sprintf("/api/v1/training/%d", gone.ID), "", "If-Match", `"1"`); resp.StatusCode != 204 {
		t.Fatalf("archive: %d %s", resp.StatusCode, body)
	}
	valid := trainingBody(pfa.ID, "2024-05-01")
	with := func(field, value string) string { return recordBodyWith(t, valid, field, value) }
	create := fmt.Sprintf("/api/v1/carers/%d/training", home.carer)
	update := fmt.Sprintf("/api/v1/training/%d", second.ID)
	tomorrow := httpx.Today().AddDays(1).String()
	expectRefusals(t, api, st.Client, []refusal{
		{"ErrCourseMissing", "POST", create, with("course_id", ""), 422, "course_id", "Choose the course"},
		{"ErrCourseUnknown", "POST", create, with("course_id", "999999"), 422, "course_id", "Choose a course in the catalogue"},
		{"ErrCourseNotANumber", "POST", create, with("course_id", `"PFA"`), 422, "course_id", "int"},
		{"ErrCompletedMissing", "POST", create, with("completed_on", ""), 422, "completed_on", "Enter the date the course was completed"},
		{"ErrCompletedNotADate", "POST", create, with("completed_on", `"2025-02-30"`), 422, "completed_on", "2026-03-14"},
		{"ErrCompletedInFuture", "POST", create, with("completed_on", `"`+tomorrow+`"`), 422, "completed_on", "The date the course was completed must be today or in the past"},
		{"ErrHoursNegative", "POST", create, with("hours", "-1"), 422, "hours", "0"},
		{"ErrHoursOver100", "POST", create, with("hours", "100.5"), 422, "hours", "100"},
		{"ErrProviderTooLong", "POST", create, with("provider", `"`+strings.Repeat("p", 201)+`"`), 422, "provider", "200"},
		{"ErrEvidenceTooLong", "POST", create, with("evidence", `"`+strings.Repeat("e", 2001)+`"`), 422, "evidence", "2,000"},
		{"ErrExpiresOnSent", "POST", create, with("expires_on", `"2030-01-01"`), 422, "expires_on", "unknown"},
		{"ErrSameCourseSameDay", "POST", create, with("completed_on", `"2025-03-01"`), 422, "completed_on", "This carer already has Course PFA recorded as completed on 1 March 2025"},
		{"ErrSameAsArchived", "POST", create, trainingBody(old.ID, "2021-06-01"), 422, "completed_on", "archived record"},
		{"ErrCarerUnknown", "POST", "/api/v1/carers/999999/training", valid, 404, "", "no carer 999999"},
		{"ErrUpdateToSameDay", "PUT", update, with("completed_on", `"2025-03-01"`), 422, "completed_on", "This carer already has Course PFA recorded as completed on 1 March 2025"},
		{"ErrUpdateInFuture", "PUT", update, with("completed_on", `"`+tomorrow+`"`), 422, "completed_on", "must be today or in the past"},
		{"ErrNotJSON", "POST", create, `{"course_id": `, 400, "", "not valid JSON"},
	})
	if got := st.Client.TrainingRecord.GetX(t.Context(), first.ID); got.Version != 1 {
		t.Errorf("first record at version %d", got.Version)
	}
}

// TestTrainingUpdateNeedsCurrentVersion shows a change without If-Match
// refused with 428, from a stale copy with 412, and from the current one
// accepted, its expiry worked out again and audited with old and new
// values; archiving needs the current version too.
func TestTrainingUpdateNeedsCurrentVersion(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	home := mustCreateFosterHome(t, st.Client, "FH-0001", nil, nil)
	pfa := mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
	api := newAPIClient(t, s, "manager")
	r := mustRecordTraining(t, api, home.carer, pfa.ID, "2024-01-15")
	path := fmt.Sprintf("/api/v1/training/%d", r.ID)
	moved := trainingBody(pfa.ID, "2024-01-20")
	if resp, body := api.send("PUT", path, moved); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d %s", resp.StatusCode, body)
	}
	resp, body := api.send("PUT", path, moved, "If-Match", `"1"`)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` || !strings.Contains(body, `"expires_on":"2027-01-20"`) {
		t.Fatalf("update: %d %s ETag %q", resp.StatusCode, body, resp.Header.Get("ETag"))
	}
	if resp, body := api.send("PUT", path, trainingBody(pfa.ID, "2024-01-25"), "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale: %d %s", resp.StatusCode, body)
	}
	got := st.Client.TrainingRecord.GetX(t.Context(), r.ID)
	if got.CompletedOn.String() != "2024-01-20" || got.Version != 2 {
		t.Errorf("completed %s version %d, want 2024-01-20 2", got.CompletedOn, got.Version)
	}
	e := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionUpdate), auditevent.Entity("training_record")).OnlyX(t.Context())
	if len(e.Changes) != 2 || e.Changes["completed_on"].Old != "2024-01-15" || e.Changes["expires_on"].New != "2027-01-20" {
		t.Errorf("audit changes = %v", e.Changes)
	}
	if resp, _ := api.send("DELETE", path, ""); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("archive without If-Match: %d", resp.StatusCode)
	}
	if resp, _ := api.send("DELETE", path, "", "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale archive: %d", resp.StatusCode)
	}
	if resp, _ := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusNoContent {
		t.Errorf("archive: %d", resp.StatusCode)
	}
	if resp, _ := api.send("GET", path, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("archived record: %d, want 404", resp.StatusCode)
	}
	if n := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionArchive), auditevent.EntityID(r.ID)).CountX(t.Context()); n != 1 {
		t.Errorf("%d archives audited, want 1", n)
	}
}

// TestTrainingListFilters shows the service-wide list returning only the
// records each filter asks for, paging without skipping or repeating, and
// wrong parameters named.
func TestTrainingListFilters(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	a := mustCreateFosterHome(t, st.Client, "FH-0001", nil, nil)
	b := mustCreateFosterHome(t, st.Client, "FH-0002", nil, nil)
	pfa := mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
	stf := mustCreateCatalogueCourse(t, st.Client, "STF", true, 0)
	api := newAPIClient(t, s, "manager")
	expired := mustRecordTraining(t, api, a.carer, pfa.ID, httpx.Today().AddDays(-4*365).String())
	current := mustRecordTraining(t, api, a.carer, pfa.ID, httpx.Today().AddDays(-365).String())
	never := mustRecordTraining(t, api, a.carer, stf.ID, "2019-05-01")
	other := mustRecordTraining(t, api, b.carer, pfa.ID, httpx.Today().AddDays(-30).String())
	ids := func(path string) []int {
		t.Helper()
		resp, body := api.send("GET", path, "")
		var p httpx.Page[jsonapi.TrainingJSON]
		if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &p) != nil {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
		out := []int{}
		for _, r := range p.Items {
			out = append(out, r.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name, query string
		want        []int
	}{
		{"All", "", []int{other.ID, never.ID, current.ID, expired.ID}},
		{"Expired", "expired=true", []int{expired.ID}},
		{"NotExpired", "expired=false", []int{other.ID, never.ID, current.ID}},
		{"OneCourse", fmt.Sprintf("course_id=%d", stf.ID), []int{never.ID}},
		{"ExpiredOfCourse", fmt.Sprintf("course_id=%d&expired=false", pfa.ID), []int{other.ID, current.ID}},
		{"ExpiresBefore", "expires_before=" + httpx.Today().AddDays(2*365+100).String(), []int{current.ID, expired.ID}},
		{"OneCarer", fmt.Sprintf("carer_id=%d", b.carer), []int{other.ID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ids("/api/v1/training?" + tc.query); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if got := ids(fmt.Sprintf("/api/v1/carers/%d/training?expired=true", a.carer)); fmt.Sprint(got) != fmt.Sprint([]int{expired.ID}) {
		t.Errorf("carer's expired training: %v", got)
	}
	var walked []int
	for path := "/api/v1/training?limit=1"; len(walked) < 10; {
		resp, body := api.send("GET", path, "")
		var p httpx.Page[jsonapi.TrainingJSON]
		if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &p) != nil || len(p.Items) != 1 {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
		walked = append(walked, p.Items[0].ID)
		if p.NextCursor == "" {
			break
		}
		path = "/api/v1/training?limit=1&cursor=" + p.NextCursor
	}
	if fmt.Sprint(walked) != fmt.Sprint([]int{other.ID, never.ID, current.ID, expired.ID}) {
		t.Errorf("paged through %v", walked)
	}
	for _, tc := range []struct{ name, query, field string }{
		{"ErrUnknownParam", "expird=true", "expird"},
		{"ErrExpiredNotBool", "expired=yes", "expired"},
		{"ErrLimitTooHigh", "limit=201", "limit"},
		{"ErrCourseNotID", "course_id=PFA", "course_id"},
		{"ErrExpiresBeforeNotDate", "expires_before=soon", "expires_before"},
		{"ErrCursor", "cursor=abc", "cursor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := api.send("GET", "/api/v1/training?"+tc.query, "")
			if p := decodeProblem(t, resp, body); resp.StatusCode != 422 || p.Fields[tc.field] == "" {
				t.Errorf("%d %v, want 422 naming %s", resp.StatusCode, p.Fields, tc.field)
			}
		})
	}
	resp, body := api.send("GET", fmt.Sprintf("/api/v1/carers/%d/training?carer_id=1", a.carer), "")
	if p := decodeProblem(t, resp, body); resp.StatusCode != 422 || p.Fields["carer_id"] == "" {
		t.Errorf("carer_id on a carer's list: %d %v", resp.StatusCode, p.Fields)
	}
}

// TestTrainingRecordAccess shows a carer reading their own training and
// answered 404 for anyone else's, however they guess; and a supervising
// social worker recording training for the households they supervise and
// refused (403) another's.
func TestTrainingRecordAccess(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	carerUser := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	ssw := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	own := mustCreateFosterHome(t, st.Client, "FH-0001", &ssw.ID, &carerUser.ID)
	other := mustCreateFosterHome(t, st.Client, "FH-0002", nil, nil)
	pfa := mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
	api := newAPIClient(t, s, "manager")
	mine := mustRecordTraining(t, api, own.carer, pfa.ID, "2025-01-10")
	theirs := mustRecordTraining(t, api, other.carer, pfa.ID, "2025-01-11")

	carer := newBrowser(t, s)
	carer.signIn("zoe@example.net", testPassword)
	if resp, body := carer.get(fmt.Sprintf("/api/v1/training/%d", mine.ID)); resp.StatusCode != 200 || !strings.Contains(body, `"course_title":"Course PFA"`) {
		t.Errorf("own record: %d %s", resp.StatusCode, body)
	}
	list := getJSON[httpx.Page[jsonapi.TrainingJSON]](t, carer, fmt.Sprintf("/api/v1/carers/%d/training", own.carer))
	if len(list.Items) != 1 || list.Items[0].ID != mine.ID {
		t.Errorf("own list: %+v", list.Items)
	}
	for _, path := range []string{
		fmt.Sprintf("/api/v1/training/%d", theirs.ID), fmt.Sprintf("/api/v1/training/%d", theirs.ID+1), "/api/v1/training/999999",
		fmt.Sprintf("/api/v1/carers/%d/training", other.carer), "/api/v1/carers/999999/training",
	} {
		if resp, body := carer.get(path); resp.StatusCode != 404 || strings.Contains(body, "2025-01-11") {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
	}

	b := newBrowser(t, s)
	b.signIn("ssw@example.org", testPassword)
	if resp, body := b.sendRecordJSON("POST", fmt.Sprintf("/api/v1/carers/%d/training", own.carer), trainingBody(pfa.ID, "2025-02-01")); resp.StatusCode != 201 {
		t.Errorf("SSW recording for their household: %d %s", resp.StatusCode, body)
	}
	before := registryState(t, st.Client)
	for _, tc := range []struct{ method, path, body string }{
		{"POST", fmt.Sprintf("/api/v1/carers/%d/training", other.carer), trainingBody(pfa.ID, "2025-02-01")},
		{"PUT", fmt.Sprintf("/api/v1/training/%d", theirs.ID), trainingBody(pfa.ID, "2025-02-01")},
		{"DELETE", fmt.Sprintf("/api/v1/training/%d", theirs.ID), ""},
	} {
		if resp, body := b.sendRecordJSON(tc.method, tc.path, tc.body, "If-Match", `"1"`); resp.StatusCode != 403 {
			t.Errorf("SSW %s %s on another's household: %d %s", tc.method, tc.path, resp.StatusCode, body)
		}
	}
	if after := registryState(t, st.Client); after != before {
		t.Errorf("changed: %s, then %s", before, after)
	}
}

// TestTrainingRecordedTwiceAtOnce sends the same completion twenty times
// at once: one is recorded, and every other is told, field by field, that
// it is already there — even when the database's unique index, not the
// check before it, is what catches the duplicate.
func TestTrainingRecordedTwiceAtOnce(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			s, st, _ := testServerOn(t, d)
			home := mustCreateFosterHome(t, st.Client, "FH-0001", nil, nil)
			pfa := mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
			api := newAPIClient(t, s, "manager")
			statuses := make([]string, 20)
			var wg sync.WaitGroup
			for i := range statuses {
				wg.Go(func() {
					resp, body := api.send("POST", fmt.Sprintf("/api/v1/carers/%d/training", home.carer), trainingBody(pfa.ID, "2025-03-01"))
					statuses[i] = fmt.Sprint(resp.StatusCode)
					if resp.StatusCode == 422 && !strings.Contains(body, `"completed_on":"This carer already has Course PFA`) {
						statuses[i] += " " + body
					}
				})
			}
			wg.Wait()
			created := 0
			for _, st := range statuses {
				switch st {
				case "201":
					created++
				case "422":
				default:
					t.Errorf("answer %s", st)
				}
			}
			if n := st.Client.TrainingRecord.Query().CountX(t.Context()); created != 1 || n != 1 {
				t.Errorf("%d created, %d stored; want 1 and 1", created, n)
			}
		})
	}
}
