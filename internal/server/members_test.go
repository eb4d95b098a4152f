package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// TestMemberCreateUpdateArchive shows a manager recording someone living
// in a household, changing them only from the current version (428
// without If-Match, 412 when stale), and archiving them; each change
// audited with its values, and the archived member's checks gone with them.
func TestMemberCreateUpdateArchive(t *testing.T) { onEachDatabase(t, testMemberCreateUpdateArchive) }

func testMemberCreateUpdateArchive(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	api := newAPIClient(t, f.s, "manager")
	resp, body := api.send("POST", fmt.Sprintf("/api/v1/households/%d/members", f.own.household), validMember)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	m := decodeInto[jsonapi.MemberJSON](t, body)
	if m.FirstName != "Siân" || m.Relationship != "adult_child" || m.MovedInOn.String() != "2001-03-20" || m.HouseholdID != f.own.household {
		t.Errorf("created %+v", m)
	}
	if resp.Header.Get("Location") != fmt.Sprintf("/api/v1/members/%d", m.ID) || resp.Header.Get("ETag") != `"1"` {
		t.Errorf("Location %q ETag %q", resp.Header.Get("Location"), resp.Header.Get("ETag"))
	}
	created := f.st.Client.AuditEvent.Query().Where(auditevent.Entity("household_member"), auditevent.ActionEQ(auditevent.ActionCreate)).OnlyX(t.Context())
	if *created.EntityID != m.ID || created.Changes["relationship"].New != "adult_child" || created.Changes["household_id"].New != float64(f.own.household) {
		t.Errorf("create audited %v", created.Changes)
	}

	path := fmt.Sprintf("/api/v1/members/%d", f.own.member)
	moved := withJSONField(t, validMember, "moved_out_on", `"2025-09-01"`)
	if resp, body := api.send("PUT", path, moved); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d %s", resp.StatusCode, body)
	}
	if resp, body := api.send("PUT", path, moved, "If-Match", `"1"`); resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("update: %d %s", resp.StatusCode, body)
	}
	if resp, body := api.send("PUT", path, validMember, "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale: %d %s", resp.StatusCode, body)
	}
	updated := f.st.Client.AuditEvent.Query().Where(auditevent.Entity("household_member"), auditevent.ActionEQ(auditevent.ActionUpdate)).OnlyX(t.Context())
	if c := updated.Changes; c["moved_out_on"].Old != nil || c["moved_out_on"].New != "2025-09-01" || c["first_name"].Old != "Member" || c["date_of_birth"].Old != "2000-02-02" {
		t.Errorf("update audited %v", c)
	}
	if resp, _ := api.send("DELETE", path, "", "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale archive: %d", resp.StatusCode)
	}
	if resp, body := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("archive: %d %s", resp.StatusCode, body)
	}
	if n := f.st.Client.AuditEvent.Query().Where(auditevent.Entity("household_member"), auditevent.ActionEQ(auditevent.ActionArchive), auditevent.EntityID(f.own.member)).CountX(t.Context()); n != 1 {
		t.Errorf("%d archives audited, want 1", n)
	}
	for _, gone := range []string{path, fmt.Sprintf("/api/v1/members/%d/dbs-checks", f.own.member), fmt.Sprintf("/api/v1/dbs-checks/%d", f.own.memberDBS)} {
		if resp, _ := api.send("GET", gone, ""); resp.StatusCode != http.StatusNotFound {
			t.Errorf("after archiving, %s: %d, want 404", gone, resp.StatusCode)
		}
	}
}

// TestMemberRejectsBadInput shows each bad household member request
// refused with a 4xx naming what was wrong, and the registry unchanged.
func TestMemberRejectsBadInput(t *testing.T) { onEachDatabase(t, testMemberRejectsBadInput) }

func testMemberRejectsBadInput(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	create := fmt.Sprintf("/api/v1/households/%d/members", f.own.household)
	update := fmt.Sprintf("/api/v1/members/%d", f.own.member)
	with := func(field, value string) string { return withJSONField(t, validMember, field, value) }
	tomorrow := httpx.Today().AddDays(1).String()
	expectRefusals(t, newAPIClient(t, f.s, "manager"), f.st.Client, []refusal{
		{"ErrFirstNameMissing", "POST", create, with("first_name", ""), 422, "first_name", "Enter their first name"},
		{"ErrLastNameBlank", "POST", create, with("last_name", `"  "`), 422, "last_name", "Enter their last name"},
		{"ErrFirstNameTooLong", "POST", create, with("first_name", `"`+strings.Repeat("a", 101)+`"`), 422, "first_name", "100"},
		{"ErrRelationshipMissing", "POST", create, with("relationship", ""), 422, "relationship", "Choose their relationship to the household"},
		{"ErrRelationshipUnknown", "POST", create, with("relationship", `"cousin"`), 422, "relationship",
			"Choose their relationship to the household"},
		{"ErrDateOfBirthInFuture", "POST", create, with("date_of_birth", `"`+tomorrow+`"`), 422, "date_of_birth", "Their date of birth must be today or in the past"},
		{"ErrMovedInNotADate", "POST", create, with("moved_in_on", `"20/03/2001"`), 422, "moved_in_on", "2026-03-14"},
		{"ErrMovedInBeforeBirth", "POST", create, with("moved_in_on", `"2001-03-13"`), 422, "moved_in_on", "The date they moved in must be the same as or after their date of birth"},
		{"ErrMovedOutBeforeMovedIn", "POST", create, with("moved_out_on", `"2001-03-19"`), 422, "moved_out_on", "The date they moved out must be the same as or after the date they moved in"},
		{"ErrHouseholdUnknown", "POST", "/api/v1/households/999999/members", validMember, 404, "", "no household"},
		{"ErrUnknownField", "POST", create, with("nickname", `"Si"`), 422, "nickname", "unknown"},
		{"ErrUpdateMovedOutBeforeMovedIn", "PUT", update, with("moved_out_on", `"1999-01-01"`), 422, "moved_out_on", "The date they moved out must be the same as or after the date they moved in"},
		{"ErrArchiveUnknown", "DELETE", "/api/v1/members/999999", "", 404, "", "no household member"},
		{"ErrLimitNotANumber", "GET", create + "?limit=all", "", 422, "limit", "1 to 200"},
		{"ErrUnknownParameter", "GET", create + "?relationship=lodger", "", 422, "relationship", "not a filter"},
	})
}
