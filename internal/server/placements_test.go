package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

const validPlacement = `{"child_reference": "LA-20417", "placing_authority": "Torbay Council", "category": "long_term",
	"started_on": "2024-06-01"}`

// mustRecordPlacement records a placement through the API and returns it.
func mustRecordPlacement(t *testing.T, api apiClient, householdID int, body string) jsonapi.PlacementJSON {
	t.Helper()
	resp, out := api.send("POST", fmt.Sprintf("/api/v1/households/%d/placements", householdID), body)
	var p jsonapi.PlacementJSON
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(out), &p) != nil {
		t.Fatalf("record placement: %d %s", resp.StatusCode, out)
	}
	return p
}

// TestPlacementLifecycle shows a placement recorded (201, address, ETag,
// audited), its end recorded only with the current version (428 without,
// 412 stale) and audited with old and new values, then archived.
func TestPlacementLifecycle(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			s, st, _ := testServerOn(t, d)
			home := mustCreateFosterHome(t, st.Client, "FH-0001", nil, nil)
			api := newAPIClient(t, s, "manager")
			resp, body := api.send("POST", fmt.Sprintf("/api/v1/households/%d/placements", home.household), validPlacement)
			var p jsonapi.PlacementJSON
			if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &p) != nil {
				t.Fatalf("create: %d %s", resp.StatusCode, body)
			}
			if p.ChildReference != "LA-20417" || p.EndedOn != nil || p.EndReason != nil ||
				resp.Header.Get("Location") != fmt.Sprintf("/api/v1/placements/%d", p.ID) || resp.Header.Get("ETag") != `"1"` {
				t.Errorf("created %+v, Location %q", p, resp.Header.Get("Location"))
			}
			created := st.Client.AuditEvent.Query().Where(auditevent.Entity("placement"), auditevent.ActionEQ(auditevent.ActionCreate)).OnlyX(t.Context())
			if created.Changes["child_reference"].New != "LA-20417" || created.Changes["category"].New != "long_term" {
				t.Errorf("audit = %+v", created.Changes)
			}
			path := fmt.Sprintf("/api/v1/placements/%d", p.ID)
			ended := recordBodyWith(t, recordBodyWith(t, validPlacement, "ended_on", `"2025-09-30"`), "end_reason", `"returned_home"`)
			if resp, body := api.send("PUT", path, ended); resp.StatusCode != http.StatusPreconditionRequired {
				t.Errorf("no If-Match: %d %s", resp.StatusCode, body)
			}
			resp, body = api.send("PUT", path, ended, "If-Match", `"1"`)
			if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` || !strings.Contains(body, `"end_reason":"returned_home"`) {
				t.Fatalf("update: %d %s", resp.StatusCode, body)
			}
			if resp, body := api.send("PUT", path, validPlacement, "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
				t.Errorf("stale: %d %s", resp.StatusCode, body)
			}
			e := st.Client.AuditEvent.Query().Where(auditevent.Entity("placement"), auditevent.ActionEQ(auditevent.ActionUpdate)).OnlyX(t.Context())
			if len(e.Changes) != 2 || e.Changes["ended_on"].Old != nil || e.Changes["ended_on"].New != "2025-09-30" ||
				e.Changes["end_reason"].New != "returned_home" {
				t.Errorf("audit changes = %v", e.Changes)
			}
			if resp, _ := api.send("DELETE", path, "", "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
				t.Errorf("stale archive: %d", resp.StatusCode)
			}
			if resp, _ := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusNoContent {
				t.Errorf("archive: %d", resp.StatusCode)
			}
			if n := st.Client.AuditEvent.Query().Where(auditevent.Entity("placement"), auditevent.ActionEQ(auditevent.ActionArchive)).CountX(t.Context()); n != 1 {
				t.Errorf("%d archives audited, want 1", n)
			}
			if resp, _ := api.send("GET", path, ""); resp.StatusCode != http.StatusNotFound {
				t.Errorf("archived placement: %d, want 404", resp.StatusCode)
			}
		})
	}
}

// TestPlacementRejectsBadInput shows each bad placement refused with a 4xx
// naming what was wrong — a child's name above all — and nothing written.
func TestPlacementRejectsBadInput(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	home := mustCreateFosterHome(t, st.Client, "FH-0001", nil, nil)
	api := newAPIClient(t, s, "manager")
	existing := mustRecordPlacement(t, api, home.household, validPlacement)
	with := func(field, value string) string { return recordBodyWith(t, validPlacement, field, value) }
	ended := func(on, reason string) string {
		return recordBodyWith(t, recordBodyWith(t, validPlacement, "ended_on", on), "end_reason", reason)
	}
	create := fmt.Sprintf("/api/v1/households/%d/placements", home.household)
	update := fmt.Sprintf("/api/v1/placements/%d", existing.ID)
	expectRefusals(t, api, st.Client, []refusal{
		{"ErrChildReferenceMissing", "POST", create, with("child_reference", ""), 422, "child_reference", "Enter the child's reference"},
		{"ErrChildFullName", "POST", create, with("child_reference", `"Jayden Smith"`), 422, "child_reference", "never the child's name"},
		{"ErrChildReferenceTooLong", "POST", create, with("child_reference", `"`+strings.Repeat("A", 21)+`"`), 422, "child_reference", "initials"},
		{"ErrChildReferenceOdd", "POST", create, with("child_reference", `"J.S."`), 422, "child_reference", "initials"},
		{"ErrPlacingAuthorityMissing", "POST", create, with("placing_authority", ""), 422, "placing_authority", "Enter the placing authority"},
		{"ErrPlacingAuthorityBlank", "POST", create, with("placing_authority", `"  "`), 422, "placing_authority", ""},
		{"ErrCategoryUnknown", "POST", create, with("category", `"fortnightly"`), 422, "category", "Choose the kind of placement"},
		{"ErrStartedMissing", "POST", create, with("started_on", ""), 422, "started_on", "Enter the date the placement started"},
		{"ErrStartedInFuture", "POST", create, with("started_on", `"`+httpx.Today().AddDays(1).String()+`"`), 422, "started_on", "The date the placement started must be today or in the past"},
		{"ErrEndedBeforeStarted", "POST", create, ended(`"2024-05-31"`, `"adopted"`), 422, "ended_on", "The date the placement ended must be the same as or after the date the placement started"},
		{"ErrEndedInFuture", "POST", create, ended(`"`+httpx.Today().AddDays(1).String()+`"`, `"adopted"`), 422, "ended_on", "The date the placement ended must be today or in the past"},
		{"ErrEndReasonMissing", "POST", create, with("ended_on", `"2025-01-01"`), 422, "end_reason", "Choose why the placement ended"},
		{"ErrEndReasonWithoutEnd", "POST", create, with("end_reason", `"adopted"`), 422, "end_reason", "Enter the date the placement ended, or leave why it ended empty"},
		{"ErrEndReasonUnknown", "POST", create, ended(`"2025-01-01"`, `"ran_away"`), 422, "end_reason", "Choose why the placement ended"},
		{"ErrHouseholdUnknown", "POST", "/api/v1/households/999999/placements", validPlacement, 404, "", "no household 999999"},
		{"ErrUpdateFullName", "PUT", update, with("child_reference", `"Jayden Smith"`), 422, "child_reference", "never the child's name"},
	})
}

// TestPlacementAccess shows placements are the service's record: a carer
// is answered 404 even for their own household's, and a supervising
// social worker reads any household's but changes only their own (403).
func TestPlacementAccess(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	carerUser := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	ssw := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	own := mustCreateFosterHome(t, st.Client, "FH-0001", &ssw.ID, &carerUser.ID)
	other := mustCreateFosterHome(t, st.Client, "FH-0002", nil, nil)
	api := newAPIClient(t, s, "manager")
	mine := mustRecordPlacement(t, api, own.household, validPlacement)
	theirs := mustRecordPlacement(t, api, other.household, strings.Replace(validPlacement, "LA-20417", "KM", 1))

	carer := newBrowser(t, s)
	carer.signIn("zoe@example.net", testPassword)
	for _, path := range []string{
		fmt.Sprintf("/api/v1/placements/%d", mine.ID), fmt.Sprintf("/api/v1/households/%d/placements", own.household),
		fmt.Sprintf("/api/v1/placements/%d", theirs.ID), fmt.Sprintf("/api/v1/households/%d/placements", other.household),
	} {
		if resp, body := carer.get(path); resp.StatusCode != 404 || strings.Contains(body, "LA-20417") {
			t.Errorf("carer %s: %d %s", path, resp.StatusCode, body)
		}
	}

	b := newBrowser(t, s)
	b.signIn("ssw@example.org", testPassword)
	list := getJSON[httpx.Page[jsonapi.PlacementJSON]](t, b, fmt.Sprintf("/api/v1/households/%d/placements", other.household))
	if len(list.Items) != 1 || list.Items[0].ChildReference != "KM" {
		t.Errorf("SSW reading another's placements: %+v", list.Items)
	}
	if resp, body := b.sendRecordJSON("PUT", fmt.Sprintf("/api/v1/placements/%d", mine.ID), validPlacement, "If-Match", `"1"`); resp.StatusCode != 200 {
		t.Errorf("SSW changing their household's placement: %d %s", resp.StatusCode, body)
	}
	before := registryState(t, st.Client)
	for _, tc := range []struct{ method, path, body string }{
		{"POST", fmt.Sprintf("/api/v1/households/%d/placements", other.household), validPlacement},
		{"PUT", fmt.Sprintf("/api/v1/placements/%d", theirs.ID), validPlacement},
		{"DELETE", fmt.Sprintf("/api/v1/placements/%d", theirs.ID), ""},
	} {
		if resp, body := b.sendRecordJSON(tc.method, tc.path, tc.body, "If-Match", `"1"`); resp.StatusCode != 403 {
			t.Errorf("SSW %s %s on another's household: %d %s", tc.method, tc.path, resp.StatusCode, body)
		}
	}
	if after := registryState(t, st.Client); after != before {
		t.Errorf("changed: %s, then %s", before, after)
	}
}
