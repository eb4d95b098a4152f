package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/dueitem"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

const validVisit = `{"kind": "unannounced", "visited_on": "2025-11-04", "children_seen": true, "note": "Bedrooms seen; all well."}`

// mustRecordVisit records a visit through the API and returns it.
func mustRecordVisit(t *testing.T, api apiClient, householdID int, body string) jsonapi.VisitJSON {
	t.Helper()
	resp, out := api.send("POST", fmt.Sprintf("/api/v1/households/%d/visits", householdID), body)
	var v jsonapi.VisitJSON
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(out), &v) != nil {
		t.Fatalf("record visit: %d %s", resp.StatusCode, out)
	}
	return v
}

// TestVisitLifecycle shows a visit recorded (201, address, ETag, audited,
// the household's unannounced-visit date moved), changed only with the
// current version (428 without, 412 stale) and audited with old and new
// values, then archived.
func TestVisitLifecycle(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			s, st, _ := testServerOn(t, d)
			ssw := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
			home := mustCreateFosterHome(t, st.Client, "FH-0001", &ssw.ID, nil)
			api := newAPIClient(t, s, "ssw")
			resp, body := api.send("POST", fmt.Sprintf("/api/v1/households/%d/visits", home.household),
				recordBodyWith(t, validVisit, "visitor_id", fmt.Sprint(ssw.ID)))
			var v jsonapi.VisitJSON
			if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &v) != nil {
				t.Fatalf("create: %d %s", resp.StatusCode, body)
			}
			if v.Kind != "unannounced" || v.Note == nil || *v.Note != "Bedrooms seen; all well." || *v.VisitorID != ssw.ID ||
				resp.Header.Get("Location") != fmt.Sprintf("/api/v1/visits/%d", v.ID) || resp.Header.Get("ETag") != `"1"` {
				t.Errorf("created %+v, Location %q", v, resp.Header.Get("Location"))
			}
			created := st.Client.AuditEvent.Query().Where(auditevent.Entity("visit"), auditevent.ActionEQ(auditevent.ActionCreate)).OnlyX(t.Context())
			if created.Changes["kind"].New != "unannounced" || created.Changes["visited_on"].New != "2025-11-04" {
				t.Errorf("audit = %+v", created.Changes)
			}
			due := st.Client.DueItem.Query().Where(dueitem.Kind("unannounced_visit"), dueitem.HouseholdID(home.household)).OnlyX(t.Context())
			if due.DueOn.String() != "2026-11-04" {
				t.Errorf("next unannounced visit due %s, want 2026-11-04", due.DueOn)
			}
			path := fmt.Sprintf("/api/v1/visits/%d", v.ID)
			changed := strings.Replace(validVisit, "unannounced", "supervisory", 1)
			if resp, body := api.send("PUT", path, changed); resp.StatusCode != http.StatusPreconditionRequired {
				t.Errorf("no If-Match: %d %s", resp.StatusCode, body)
			}
			if resp, body := api.send("PUT", path, changed, "If-Match", `"1"`); resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` ||
				!strings.Contains(body, `"visitor_id":null`) {
				t.Fatalf("update: %d %s", resp.StatusCode, body)
			}
			if got := st.Client.Visit.GetX(t.Context(), v.ID); got.Kind != "supervisory" || got.VisitorID != nil {
				t.Errorf("saved %s by %v, want supervisory by nobody", got.Kind, got.VisitorID)
			}
			if resp, body := api.send("PUT", path, validVisit, "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
				t.Errorf("stale: %d %s", resp.StatusCode, body)
			}
			e := st.Client.AuditEvent.Query().Where(auditevent.Entity("visit"), auditevent.ActionEQ(auditevent.ActionUpdate)).OnlyX(t.Context())
			if len(e.Changes) != 2 || e.Changes["kind"].Old != "unannounced" || e.Changes["kind"].New != "supervisory" ||
				e.Changes["visitor_id"].Old != float64(ssw.ID) || e.Changes["visitor_id"].New != nil {
				t.Errorf("audit changes = %v", e.Changes)
			}
			if resp, _ := api.send("DELETE", path, "", "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
				t.Errorf("stale archive: %d", resp.StatusCode)
			}
			if resp, _ := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusNoContent {
				t.Errorf("archive: %d", resp.StatusCode)
			}
			if n := st.Client.AuditEvent.Query().Where(auditevent.Entity("visit"), auditevent.ActionEQ(auditevent.ActionArchive)).CountX(t.Context()); n != 1 {
				t.Errorf("%d archives audited, want 1", n)
			}
			if resp, _ := api.send("GET", path, ""); resp.StatusCode != http.StatusNotFound {
				t.Errorf("archived visit: %d, want 404", resp.StatusCode)
			}
		})
	}
}

// TestVisitRejectsBadInput shows each bad visit refused with a 4xx naming
// what was wrong, and nothing written.
func TestVisitRejectsBadInput(t *testing.T) {
	t.Parallel()
	s, st := roomyTestServer(t)
	carerUser := mustCreateUser(t, st.Client, "carer@example.net", "carer")
	home := mustCreateFosterHome(t, st.Client, "FH-0001", nil, nil)
	api := newAPIClient(t, s, "manager")
	existing := mustRecordVisit(t, api, home.household, validVisit)
	with := func(field, value string) string { return recordBodyWith(t, validVisit, field, value) }
	create := fmt.Sprintf("/api/v1/households/%d/visits", home.household)
	update := fmt.Sprintf("/api/v1/visits/%d", existing.ID)
	expectRefusals(t, api, st.Client, []refusal{
		{"ErrKindMissing", "POST", create, with("kind", ""), 422, "kind", "Choose the kind of visit"},
		{"ErrKindUnknown", "POST", create, with("kind", `"home"`), 422, "kind", "Choose the kind of visit"},
		{"ErrVisitedMissing", "POST", create, with("visited_on", ""), 422, "visited_on", "Enter the date of the visit"},
		{"ErrVisitedNotADate", "POST", create, with("visited_on", `"04/11/2025"`), 422, "visited_on", "2026-03-14"},
		{"ErrVisitedInFuture", "POST", create, with("visited_on", `"`+httpx.Today().AddDays(1).String()+`"`), 422, "visited_on", "The date of the visit must be today or in the past"},
		{"ErrVisitorUnknown", "POST", create, with("visitor_id", "999999"), 422, "visitor_id", "Choose an active supervising social worker or manager as the visitor"},
		{"ErrVisitorIsACarer", "POST", create, with("visitor_id", fmt.Sprint(carerUser.ID)), 422, "visitor_id", "Choose an active supervising social worker or manager as the visitor"},
		{"ErrNoteTooLong", "POST", create, with("note", `"`+strings.Repeat("n", 5001)+`"`), 422, "note", "5,000"},
		{"ErrChildrenSeenNotBool", "POST", create, with("children_seen", `"yes"`), 422, "children_seen", "bool"},
		{"ErrUnknownField", "POST", create, with("by_whom", `"Sam"`), 422, "by_whom", "unknown"},
		{"ErrHouseholdUnknown", "POST", "/api/v1/households/999999/visits", validVisit, 404, "", "no household 999999"},
		{"ErrUpdateKindUnknown", "PUT", update, with("kind", `"video"`), 422, "kind", "Choose the kind of visit"},
		{"ErrUpdateVisitUnknown", "PUT", "/api/v1/visits/999999", validVisit, 404, "", "no visit 999999"},
	})
}

// TestVisitAccess shows a carer reading their own household's visits
// without the notes, answered 404 for any other household's; and a
// supervising social worker refused (403) changes to another's.
func TestVisitAccess(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	carerUser := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	ssw := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	own := mustCreateFosterHome(t, st.Client, "FH-0001", &ssw.ID, &carerUser.ID)
	other := mustCreateFosterHome(t, st.Client, "FH-0002", nil, nil)
	api := newAPIClient(t, s, "manager")
	mine := mustRecordVisit(t, api, own.household, validVisit)
	theirs := mustRecordVisit(t, api, other.household, strings.Replace(validVisit, "all well", "secret remark", 1))

	carer := newBrowser(t, s)
	carer.signIn("zoe@example.net", testPassword)
	resp, body := carer.get(fmt.Sprintf("/api/v1/visits/%d", mine.ID))
	if resp.StatusCode != 200 || strings.Contains(body, "Bedrooms") || strings.Contains(body, `"note"`) {
		t.Errorf("own visit: %d %s", resp.StatusCode, body)
	}
	list := getJSON[httpx.Page[jsonapi.VisitJSON]](t, carer, fmt.Sprintf("/api/v1/households/%d/visits", own.household))
	if len(list.Items) != 1 || list.Items[0].ID != mine.ID || list.Items[0].Note != nil {
		t.Errorf("own list: %+v", list.Items)
	}
	for _, path := range []string{
		fmt.Sprintf("/api/v1/visits/%d", theirs.ID), fmt.Sprintf("/api/v1/visits/%d", theirs.ID+1),
		fmt.Sprintf("/api/v1/households/%d/visits", other.household), "/api/v1/households/999999/visits",
	} {
		if resp, body := carer.get(path); resp.StatusCode != 404 || strings.Contains(body, "secret") {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
	}

	b := newBrowser(t, s)
	b.signIn("ssw@example.org", testPassword)
	if resp, body := b.get(fmt.Sprintf("/api/v1/visits/%d", theirs.ID)); resp.StatusCode != 200 || !strings.Contains(body, "secret remark") {
		t.Errorf("SSW reading another's visit: %d %s", resp.StatusCode, body)
	}
	if resp, body := b.sendRecordJSON("POST", fmt.Sprintf("/api/v1/households/%d/visits", own.household), validVisit); resp.StatusCode != 201 {
		t.Errorf("SSW recording a visit to their household: %d %s", resp.StatusCode, body)
	}
	before := registryState(t, st.Client)
	for _, tc := range []struct{ method, path, body string }{
		{"POST", fmt.Sprintf("/api/v1/households/%d/visits", other.household), validVisit},
		{"PUT", fmt.Sprintf("/api/v1/visits/%d", theirs.ID), validVisit},
		{"DELETE", fmt.Sprintf("/api/v1/visits/%d", theirs.ID), ""},
	} {
		if resp, body := b.sendRecordJSON(tc.method, tc.path, tc.body, "If-Match", `"1"`); resp.StatusCode != 403 {
			t.Errorf("SSW %s %s on another's household: %d %s", tc.method, tc.path, resp.StatusCode, body)
		}
	}
	if after := registryState(t, st.Client); after != before {
		t.Errorf("changed: %s, then %s", before, after)
	}
}

// TestVisitListPages shows a household's visits latest first, paged
// without skipping or repeating, filtered by kind, and wrong parameters
// named.
func TestVisitListPages(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	home := mustCreateFosterHome(t, st.Client, "FH-0001", nil, nil)
	api := newAPIClient(t, s, "manager")
	var want []int
	for _, on := range []string{"2025-01-10", "2025-03-10", "2025-03-10", "2024-12-01"} {
		want = append(want, mustRecordVisit(t, api, home.household, strings.Replace(validVisit, "2025-11-04", on, 1)).ID)
	}
	want = []int{want[2], want[1], want[0], want[3]} // by date, then the later-recorded first
	phone := mustRecordVisit(t, api, home.household, strings.Replace(validVisit, "unannounced", "telephone", 1))
	base := fmt.Sprintf("/api/v1/households/%d/visits", home.household)
	var walked []int
	for path := base + "?kind=unannounced&limit=1"; len(walked) < 10; {
		resp, body := api.send("GET", path, "")
		var p httpx.Page[jsonapi.VisitJSON]
		if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &p) != nil || len(p.Items) != 1 {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
		walked = append(walked, p.Items[0].ID)
		if p.NextCursor == "" {
			break
		}
		path = base + "?kind=unannounced&limit=1&cursor=" + p.NextCursor
	}
	if fmt.Sprint(walked) != fmt.Sprint(want) {
		t.Errorf("paged through %v, want %v", walked, want)
	}
	resp, body := api.send("GET", base+"?kind=telephone", "")
	if resp.StatusCode != 200 || !strings.Contains(body, fmt.Sprintf(`"id":%d`, phone.ID)) || strings.Contains(body, fmt.Sprintf(`"id":%d,`, want[0])) {
		t.Errorf("telephone only: %d %s", resp.StatusCode, body)
	}
	for _, tc := range []struct{ name, query, field string }{
		{"ErrUnknownParam", "sort=date", "sort"},
		{"ErrKindUnknown", "kind=home", "kind"},
		{"ErrLimitTooHigh", "limit=500", "limit"},
		{"ErrCursor", "cursor=yesterday", "cursor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := api.send("GET", base+"?"+tc.query, "")
			if p := decodeProblem(t, resp, body); resp.StatusCode != 422 || p.Fields[tc.field] == "" {
				t.Errorf("%d %v, want 422 naming %s", resp.StatusCode, p.Fields, tc.field)
			}
		})
	}
}

// TestVisitBySomeoneWhoHasLeft shows a visit made by a social worker who
// has since left the service can still be corrected: the visitor must be
// an active member of the team only when the change names a new one.
func TestVisitBySomeoneWhoHasLeft(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			s, st, _ := testServerOn(t, d)
			left := mustCreateUser(t, st.Client, "left@example.org", "ssw")
			alsoLeft := mustCreateUser(t, st.Client, "also-left@example.org", "ssw")
			home := mustCreateFosterHome(t, st.Client, "FH-0001", &left.ID, nil)
			api := newAPIClient(t, s, "manager")
			v := mustRecordVisit(t, api, home.household, recordBodyWith(t, validVisit, "visitor_id", fmt.Sprint(left.ID)))
			st.Client.User.Update().SetActive(false).ExecX(t.Context()) // both leave
			path := fmt.Sprintf("/api/v1/visits/%d", v.ID)
			corrected := recordBodyWith(t, strings.Replace(validVisit, "all well", "all well; smoke alarm tested", 1), "visitor_id", fmt.Sprint(left.ID))
			if resp, body := api.send("PUT", path, corrected, "If-Match", `"1"`); resp.StatusCode != 200 {
				t.Fatalf("correcting the note of a visit by someone who has left: %d %s", resp.StatusCode, body)
			}
			if got := st.Client.Visit.GetX(t.Context(), v.ID); got.VisitorID == nil || *got.VisitorID != left.ID || !strings.Contains(got.Note, "smoke alarm") {
				t.Errorf("saved %+v", got)
			}
			moved := recordBodyWith(t, validVisit, "visitor_id", fmt.Sprint(alsoLeft.ID))
			if resp, body := api.send("PUT", path, moved, "If-Match", `"2"`); resp.StatusCode != 422 || !strings.Contains(body, "visitor_id") {
				t.Errorf("naming someone else who has left: %d %s, want 422 naming visitor_id", resp.StatusCode, body)
			}
		})
	}
}
