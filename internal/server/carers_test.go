package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestCarerCreate shows a manager adding a second carer to a household:
// tidied input, 201 with its address and ETag, an audit entry with every
// value and the household, and the carer in the household's list.
func TestCarerCreate(t *testing.T) { onEachDatabase(t, testCarerCreate) }

func testCarerCreate(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	api := newAPIClient(t, f.s, "manager")
	resp, body := api.send("POST", fmt.Sprintf("/api/v1/households/%d/carers", f.own.household), validCarer)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	c := decodeInto[jsonapi.CarerJSON](t, body)
	if c.FirstName != "Zoë" || c.HouseholdID != f.own.household || c.DateOfBirth.String() != "1980-05-17" || !c.ConnectedPerson || c.Version != 1 {
		t.Errorf("created %+v", c)
	}
	if resp.Header.Get("Location") != fmt.Sprintf("/api/v1/carers/%d", c.ID) || resp.Header.Get("ETag") != `"1"` {
		t.Errorf("Location %q ETag %q", resp.Header.Get("Location"), resp.Header.Get("ETag"))
	}
	e := f.st.Client.AuditEvent.Query().Where(auditevent.Entity("carer"), auditevent.ActionEQ(auditevent.ActionCreate)).OnlyX(t.Context())
	if *e.EntityID != c.ID || e.Changes["first_name"].New != "Zoë" || e.Changes["tsd_completed_on"].New != "2024-02-29" ||
		e.Changes["household_id"].New != float64(f.own.household) {
		t.Errorf("audit = %+v", e.Changes)
	}
	_, body = api.send("GET", fmt.Sprintf("/api/v1/households/%d/carers", f.own.household), "")
	if list := decodeInto[httpx.Page[jsonapi.CarerJSON]](t, body); len(list.Items) != 2 || list.Items[1].ID != c.ID {
		t.Errorf("list = %+v", list)
	}
}

// TestCarerRejectsBadInput shows each bad carer request refused with a 4xx
// naming what was wrong, and the registry unchanged.
func TestCarerRejectsBadInput(t *testing.T) { onEachDatabase(t, testCarerRejectsBadInput) }

func testCarerRejectsBadInput(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	full := seedFosterFamily(t, f.st.Client, "FH-0003", 3, nil, nil)
	storetest.Write(t, f.st.Client, func(tx *ent.Client) error {
		return tx.Carer.Create().SetHouseholdID(full.household).SetFirstName("Second").SetLastName("Carer").Exec(t.Context())
	})
	create := fmt.Sprintf("/api/v1/households/%d/carers", f.own.household)
	update := fmt.Sprintf("/api/v1/carers/%d", f.own.carer)
	list := fmt.Sprintf("/api/v1/households/%d/carers", f.own.household)
	with := func(field, value string) string { return withJSONField(t, validCarer, field, value) }
	tomorrow := httpx.Today().AddDays(1).String()
	expectRefusals(t, newAPIClient(t, f.s, "manager"), f.st.Client, []refusal{
		{"ErrFirstNameMissing", "POST", create, with("first_name", ""), 422, "first_name", "Enter the carer's first name"},
		{"ErrFirstNameBlank", "POST", create, with("first_name", `"   "`), 422, "first_name", "Enter the carer's first name"},
		{"ErrLastNameTooLong", "POST", create, with("last_name", `"`+strings.Repeat("Ł", 101)+`"`), 422, "last_name", "100"},
		{"ErrDateOfBirthNotADate", "POST", create, with("date_of_birth", `"1980-02-30"`), 422, "date_of_birth", "2026-03-14"},
		{"ErrDateOfBirthInFuture", "POST", create, with("date_of_birth", `"`+tomorrow+`"`), 422, "date_of_birth", "The carer's date of birth must be today or in the past"},
		{"ErrEmailInvalid", "POST", create, with("email", `"zoe at example"`), 422, "email", "Enter the carer's email address in the correct format, like name@example.com"},
		{"ErrTSDBeforeBirth", "POST", create, with("tsd_completed_on", `"1979-01-01"`), 422, "tsd_completed_on", "The date the TSD standards were completed must be the same as or after the carer's date of birth"},
		{"ErrUserNotACarer", "POST", create, with("user_id", fmt.Sprint(f.ssw.ID)), 422, "user_id", "Choose an active carer's account"},
		{"ErrUserLinkedElsewhere", "POST", create, with("user_id", fmt.Sprint(f.carer.ID)), 422, "user_id", "this one is already linked to another carer"},
		{"ErrThirdCarer", "POST", fmt.Sprintf("/api/v1/households/%d/carers", full.household), validCarer, 422, "household", "already has 2 carers, the most a household can have"},
		{"ErrConnectedPersonNotBool", "POST", create, with("connected_person", `"yes"`), 422, "connected_person", "bool"},
		{"ErrHouseholdInBody", "POST", create, with("household_id", fmt.Sprint(f.other.household)), 422, "household_id", "unknown"},
		{"ErrHouseholdUnknown", "POST", "/api/v1/households/999999/carers", validCarer, 404, "", "no household"},
		{"ErrIDNotANumber", "POST", "/api/v1/households/FH-0001/carers", validCarer, 422, "id", "whole number"},
		{"ErrNotJSON", "POST", create, `{"first_name": `, 400, "", "not valid JSON"},
		{"ErrUpdateBlankName", "PUT", update, with("last_name", `" "`), 422, "last_name", "Enter the carer's last name"},
		{"ErrUpdateUnknown", "PUT", "/api/v1/carers/999999", validCarer, 404, "", "no carer"},
		{"ErrArchiveUnknown", "DELETE", "/api/v1/carers/999999", "", 404, "", "no carer"},
		{"ErrLimitTooHigh", "GET", list + "?limit=201", "", 422, "limit", "1 to 200"},
		{"ErrUnknownParameter", "GET", list + "?status=approved", "", 422, "status", "not a filter"},
		{"ErrCursorNotOurs", "GET", list + "?cursor=bm90LWFuLWlk", "", 422, "cursor", "next_cursor"},
	})
}

// TestCarerUpdateNeedsCurrentVersion shows a change without If-Match
// refused with 428, from a stale copy with 412, and from the current one
// saved and audited with old and new values; then the carer archived, their
// portal account unlinked so it no longer opens the household.
func TestCarerUpdateNeedsCurrentVersion(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, testCarerUpdateNeedsCurrentVersion)
}

func testCarerUpdateNeedsCurrentVersion(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	api := newAPIClient(t, f.s, "manager")
	path := fmt.Sprintf("/api/v1/carers/%d", f.own.carer)
	body := withJSONField(t, validCarer, "user_id", fmt.Sprint(f.carer.ID))
	before := registryState(t, f.st.Client)
	if resp, out := api.send("PUT", path, body); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d %s", resp.StatusCode, out)
	}
	if resp, out := api.send("DELETE", path, ""); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("archive without If-Match: %d %s", resp.StatusCode, out)
	}
	if after := registryState(t, f.st.Client); after != before {
		t.Errorf("refused changes wrote: %s, then %s", before, after)
	}
	resp, out := api.send("PUT", path, body, "If-Match", `"1"`)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` || decodeInto[jsonapi.CarerJSON](t, out).FirstName != "Zoë" {
		t.Fatalf("update: %d %s ETag %q", resp.StatusCode, out, resp.Header.Get("ETag"))
	}
	if resp, out := api.send("PUT", path, strings.Replace(body, "Zoë", "Zoe", 1), "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale update: %d %s", resp.StatusCode, out)
	}
	e := f.st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionUpdate), auditevent.Entity("carer")).OnlyX(t.Context())
	if e.Changes["first_name"].Old != "Carer" || e.Changes["first_name"].New != "Zoë" || e.Changes["phone"].New != "01803 000000" {
		t.Errorf("audit changes = %v", e.Changes)
	}
	if _, linked := e.Changes["user_id"]; linked {
		t.Errorf("the unchanged account link was audited as changed: %v", e.Changes)
	}
	if resp, _ := api.send("DELETE", path, "", "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale archive: %d", resp.StatusCode)
	}
	if resp, out := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("archive: %d %s", resp.StatusCode, out)
	}
	if resp, _ := api.send("GET", path, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("archived carer: %d, want 404", resp.StatusCode)
	}
	kept := f.st.Client.Carer.Query().AllX(schema.IncludeArchived(t.Context()))
	archive := f.st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionArchive), auditevent.Entity("carer")).OnlyX(t.Context())
	if len(kept) != 2 || archive.Changes["user_id"].Old != float64(f.carer.ID) || archive.Changes["user_id"].New != nil {
		t.Errorf("%d carers kept; archive audited %v", len(kept), archive.Changes)
	}
	b := newBrowser(t, f.s)
	b.signIn("zoe@example.net", testPassword)
	if resp, _ := b.get(fmt.Sprintf("/api/v1/households/%d", f.own.household)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an archived carer's account still opens the household: %d", resp.StatusCode)
	}
}

// TestCarerListPages shows the carers listed in id order a page at a time.
func TestCarerListPages(t *testing.T) { onEachDatabase(t, testCarerListPages) }

func testCarerListPages(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	api := newAPIClient(t, f.s, "manager")
	path := fmt.Sprintf("/api/v1/households/%d/carers", f.own.household)
	_, out := api.send("POST", path, validCarer)
	second := decodeInto[jsonapi.CarerJSON](t, out).ID
	_, out = api.send("GET", path+"?limit=1", "")
	first := decodeInto[httpx.Page[jsonapi.CarerJSON]](t, out)
	if len(first.Items) != 1 || first.Items[0].ID != f.own.carer || first.NextCursor == "" {
		t.Fatalf("first page = %s", out)
	}
	_, out = api.send("GET", path+"?limit=1&cursor="+first.NextCursor, "")
	if next := decodeInto[httpx.Page[jsonapi.CarerJSON]](t, out); len(next.Items) != 1 || next.Items[0].ID != second || next.NextCursor != "" {
		t.Errorf("second page = %s", out)
	}
}

// TestCarerKeepsADeactivatedAccountLink shows a carer whose portal account
// was deactivated still has their record changed with the link kept, while
// linking another carer to that account is refused.
func TestCarerKeepsADeactivatedAccountLink(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, testCarerKeepsADeactivatedAccountLink)
}

func testCarerKeepsADeactivatedAccountLink(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	f.st.Client.User.UpdateOneID(f.carer.ID).SetActive(false).ExecX(t.Context())
	api := newAPIClient(t, f.s, "manager")
	linked := withJSONField(t, validCarer, "user_id", fmt.Sprint(f.carer.ID))
	resp, body := api.send("PUT", fmt.Sprintf("/api/v1/carers/%d", f.own.carer), linked, "If-Match", `"1"`)
	if resp.StatusCode != http.StatusOK || *decodeInto[jsonapi.CarerJSON](t, body).UserID != f.carer.ID {
		t.Errorf("changing a carer with a deactivated account: %d %s", resp.StatusCode, body)
	}
	resp, body = api.send("PUT", fmt.Sprintf("/api/v1/carers/%d", f.other.carer), linked, "If-Match", `"1"`)
	if p := decodeProblem(t, resp, body); resp.StatusCode != 422 || !strings.Contains(p.Fields["user_id"], "Choose an active carer's account") {
		t.Errorf("linking another carer to a deactivated account: %d %s", resp.StatusCode, body)
	}
}
