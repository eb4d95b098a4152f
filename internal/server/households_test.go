package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/household"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// apiClient calls the API as an integration does: a bearer token, no
// cookies, so it is safe to use from many goroutines.
type apiClient struct {
	t     *testing.T
	s     *Server
	token string
}

func newAPIClient(t *testing.T, s *Server, role string) apiClient {
	t.Helper()
	token, _, err := auth.CreateToken(t.Context(), s.Store.Client, registry.System("test"),
		auth.NewToken{Name: "test " + role, Role: role}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return apiClient{t: t, s: s, token: token}
}

// send makes a request; headers come in name, value pairs.
func (a apiClient) send(method, path, body string, headers ...string) (*http.Response, string) {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+a.token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := a.s.app.Test(req, fiber.TestConfig{Timeout: 20 * time.Second})
	if err != nil {
		a.t.Errorf("%s %s: %v", method, path, err)
		return &http.Response{StatusCode: 0, Header: http.Header{}}, ""
	}
	out, _ := io.ReadAll(resp.Body)
	return resp, string(out)
}

const validHousehold = `{"reference": "fh-0042", "address_line1": "1 Fore Street", "town": "Totnes",
	"postcode": "tq95rp", "status": "approved", "approved_on": "2024-02-29"}`

// TestHouseholdCreate shows a manager opening a household: tidied input,
// 201 with its address and ETag, and an audit entry with every value.
func TestHouseholdCreate(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	api := newAPIClient(t, s, "manager")
	resp, body := api.send("POST", "/api/v1/households", validHousehold)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	var h jsonapi.HouseholdJSON
	mustUnmarshal(t, body, &h)
	if h.Reference != "FH-0042" || h.Postcode != "TQ9 5RP" || h.ApprovedOn.String() != "2024-02-29" || h.Version != 1 {
		t.Errorf("created %+v", h)
	}
	if resp.Header.Get("Location") != fmt.Sprintf("/api/v1/households/%d", h.ID) || resp.Header.Get("ETag") != `"1"` {
		t.Errorf("Location %q ETag %q", resp.Header.Get("Location"), resp.Header.Get("ETag"))
	}
	e := st.Client.AuditEvent.Query().Where(auditevent.Entity("household"), auditevent.ActionEQ(auditevent.ActionCreate)).OnlyX(t.Context())
	if e.Changes["postcode"].New != "TQ9 5RP" || e.Changes["approved_on"].New != "2024-02-29" || !strings.HasPrefix(e.ActorLabel, "API token") {
		t.Errorf("audit = %+v", e)
	}
}

// TestHouseholdRejectsBadInput shows each bad request refused with a 4xx
// naming what was wrong, and the registry unchanged.
func TestHouseholdRejectsBadInput(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	api := newAPIClient(t, s, "manager")
	if resp, body := api.send("POST", "/api/v1/households", strings.Replace(validHousehold, "fh-0042", "FH-0001", 1)); resp.StatusCode != 201 {
		t.Fatalf("setup: %d %s", resp.StatusCode, body)
	}
	with := func(field, value string) string {
		var m map[string]any
		mustUnmarshal(t, validHousehold, &m)
		if value == "" {
			delete(m, field)
		} else {
			var v any
			mustUnmarshal(t, value, &v)
			m[field] = v
		}
		out, _ := json.Marshal(m)
		return string(out)
	}
	tomorrow := httpx.Today().AddDays(1).String()
	for _, tc := range []struct {
		name, body, contentType string
		status                  int
		field, says             string
	}{
		{"ErrReferenceMissing", with("reference", ""), "", 422, "reference", "Enter the household's reference"},
		{"ErrReferenceBlank", with("reference", `"   "`), "", 422, "reference", ""},
		{"ErrReferenceTaken", with("reference", `"fh-0001"`), "", 422, "reference", "is already another household's reference"},
		{"ErrPostcodeInvalid", with("postcode", `"TQ9"`), "", 422, "postcode", "Enter a real postcode, like TQ9 5RP"},
		{"ErrStatusUnknown", with("status", `"active"`), "", 422, "status", "Choose the household's status"},
		{"ErrApprovedInFuture", with("approved_on", `"`+tomorrow+`"`), "", 422, "approved_on", "The date of approval must be today or in the past"},
		{"ErrApprovedNotADate", with("approved_on", `"2025-02-30"`), "", 422, "approved_on", "2026-03-14"},
		{"ErrApprovedMissing", with("approved_on", ""), "", 422, "approved_on", "Enter the date of approval"},
		{"ErrEndedBeforeApproval", with("ended_on", `"2023-01-01"`), "", 422, "ended_on", "The date approval ended must be the same as or after the date of approval"},
		{"ErrEmail", with("email", `"carer at example"`), "", 422, "email", "email"},
		{"ErrSSWUnknown", with("ssw_id", `999`), "", 422, "ssw_id", "Choose an active supervising social worker or manager"},
		{"ErrWrongType", with("town", `5`), "", 422, "town", "string"},
		{"ErrUnknownField", with("colour", `"blue"`), "", 422, "colour", "unknown"},
		{"ErrNotJSON", `{"reference": `, "", 400, "", "not valid JSON"},
		{"ErrTwoObjects", validHousehold + validHousehold, "", 400, "", "single JSON object"},
		{"ErrInvalidUTF8", strings.Replace(validHousehold, "Totnes", "Tot\xffnes", 1), "", 400, "", "UTF-8"},
		{"ErrContentType", validHousehold, "text/plain", 415, "", "application/json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			headers := []string{}
			if tc.contentType != "" {
				headers = append(headers, "Content-Type", tc.contentType)
			}
			expectRefused(t, st.Client, tc.status, tc.field, tc.says, func() (*http.Response, string) {
				return api.send("POST", "/api/v1/households", tc.body, headers...)
			})
		})
	}
}

// TestHouseholdUpdateNeedsCurrentVersion shows an update without If-Match
// refused with 428, from a stale copy with 412, and from the current one
// accepted and audited with old and new values.
func TestHouseholdUpdateNeedsCurrentVersion(t *testing.T) {
	s, st, _ := testServer(t)
	api := newAPIClient(t, s, "manager")
	_, body := api.send("POST", "/api/v1/households", validHousehold)
	var h jsonapi.HouseholdJSON
	mustUnmarshal(t, body, &h)
	path := fmt.Sprintf("/api/v1/households/%d", h.ID)
	moved := strings.Replace(validHousehold, "Totnes", "Paignton", 1)
	if resp, body := api.send("PUT", path, moved); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d %s", resp.StatusCode, body)
	}
	resp, body := api.send("PUT", path, moved, "If-Match", `"1"`)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("update: %d %s ETag %q", resp.StatusCode, body, resp.Header.Get("ETag"))
	}
	if resp, body := api.send("PUT", path, strings.Replace(validHousehold, "Totnes", "Brixham", 1), "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale: %d %s", resp.StatusCode, body)
	}
	got := st.Client.Household.GetX(t.Context(), h.ID)
	if got.Town != "Paignton" || got.Version != 2 {
		t.Errorf("town %s version %d, want Paignton 2", got.Town, got.Version)
	}
	e := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionUpdate), auditevent.Entity("household")).OnlyX(t.Context())
	if len(e.Changes) != 1 || e.Changes["town"].Old != "Totnes" || e.Changes["town"].New != "Paignton" {
		t.Errorf("audit changes = %v", e.Changes)
	}
	if resp, _ := api.send("DELETE", path, "", "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale archive: %d", resp.StatusCode)
	}
	if resp, _ := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusNoContent {
		t.Errorf("archive: %d", resp.StatusCode)
	}
	if resp, _ := api.send("GET", path, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("archived household: %d, want 404", resp.StatusCode)
	}
}

// TestConcurrentUpdatesLoseNothing sends 50 updates at once, all from the
// same version: exactly one wins, the other 49 are told 412, and the saved
// record is the winner's.
func TestConcurrentUpdatesLoseNothing(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			s, st, _ := testServerOn(t, d)
			api := newAPIClient(t, s, "manager")
			_, body := api.send("POST", "/api/v1/households", validHousehold)
			var h jsonapi.HouseholdJSON
			mustUnmarshal(t, body, &h)
			path := fmt.Sprintf("/api/v1/households/%d", h.ID)
			statuses := make([]int, 50)
			var wg sync.WaitGroup
			for i := range statuses {
				wg.Go(func() {
					resp, _ := api.send("PUT", path, strings.Replace(validHousehold, "1 Fore Street", fmt.Sprintf("%d Fore Street", i+2), 1), "If-Match", `"1"`)
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
			got := st.Client.Household.GetX(t.Context(), h.ID)
			if won != 1 || stale != 49 || got.Version != 2 || got.AddressLine1 != fmt.Sprintf("%d Fore Street", winner+2) {
				t.Errorf("%d won, %d stale; saved %q at version %d", won, stale, got.AddressLine1, got.Version)
			}
			if n := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionUpdate)).CountX(t.Context()); n != 1 {
				t.Errorf("%d updates audited, want 1", n)
			}
		})
	}
}

// TestIdempotentCreate shows a create retried with the same key gets the
// first answer and creates nothing more; the key with another body is
// refused.
func TestIdempotentCreate(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	api := newAPIClient(t, s, "manager")
	first, body1 := api.send("POST", "/api/v1/households", validHousehold, "Idempotency-Key", "retry-me")
	again, body2 := api.send("POST", "/api/v1/households", validHousehold, "Idempotency-Key", "retry-me")
	if first.StatusCode != 201 || again.StatusCode != 201 || body1 != body2 || again.Header.Get("Location") != first.Header.Get("Location") {
		t.Errorf("first %d %s; retry %d %s", first.StatusCode, body1, again.StatusCode, body2)
	}
	if again.Header.Get("Idempotent-Replayed") != "true" {
		t.Error("the retry was not marked as replayed")
	}
	if n := st.Client.Household.Query().CountX(t.Context()); n != 1 {
		t.Errorf("%d households, want 1", n)
	}
	other := strings.Replace(validHousehold, "fh-0042", "FH-0043", 1)
	if resp, body := api.send("POST", "/api/v1/households", other, "Idempotency-Key", "retry-me"); resp.StatusCode != 422 {
		t.Errorf("same key, other body: %d %s", resp.StatusCode, body)
	}
	if resp, _ := api.send("POST", "/api/v1/households", other, "Idempotency-Key", "new-key"); resp.StatusCode != 201 {
		t.Errorf("new key: %d", resp.StatusCode)
	}
	// A refused request does not use up its key: corrected, it goes through.
	bad := strings.Replace(validHousehold, "tq95rp", "nowhere", 1)
	third := strings.Replace(validHousehold, "fh-0042", "FH-0044", 1)
	if resp, _ := api.send("POST", "/api/v1/households", bad, "Idempotency-Key", "fix-me"); resp.StatusCode != 422 {
		t.Errorf("bad postcode: %d", resp.StatusCode)
	}
	if resp, body := api.send("POST", "/api/v1/households", third, "Idempotency-Key", "fix-me"); resp.StatusCode != 201 {
		t.Errorf("corrected retry: %d %s", resp.StatusCode, body)
	}
}

// TestCarerSeesOnlyTheirHousehold shows a carer reading their own
// household, and every other one answered 404 — by id, guessed ids, and in
// the list — and that each view is audited.
func TestCarerSeesOnlyTheirHousehold(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	carerUser := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	var own, other int
	storetest.Write(t, st.Client, func(tx *ent.Client) error {
		for i, ref := range []string{"FH-0001", "FH-0002"} {
			h := tx.Household.Create().SetReference(ref).SetAddressLine1("1 Fore Street").SetTown("Totnes").
				SetPostcode("TQ9 5RP").SetStatus(household.StatusAssessment).SaveX(t.Context())
			c := tx.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Carer").SetLastName(ref)
			if i == 0 {
				own, c = h.ID, c.SetUserID(carerUser.ID)
			} else {
				other = h.ID
			}
			c.ExecX(t.Context())
		}
		return nil
	})
	b := newBrowser(t, s)
	b.signIn("zoe@example.net", testPassword)
	if resp, body := b.get(fmt.Sprintf("/api/v1/households/%d", own)); resp.StatusCode != 200 || !strings.Contains(body, "FH-0001") {
		t.Errorf("own household: %d %s", resp.StatusCode, body)
	}
	for _, id := range []int{other, other + 1, 999999} {
		if resp, body := b.get(fmt.Sprintf("/api/v1/households/%d", id)); resp.StatusCode != 404 || strings.Contains(body, "FH-0002") {
			t.Errorf("household %d: %d %s", id, resp.StatusCode, body)
		}
	}
	list := getJSON[httpx.Page[jsonapi.HouseholdJSON]](t, b, "/api/v1/households?q=FH")
	if len(list.Items) != 1 || list.Items[0].ID != own {
		t.Errorf("list shows %+v", list.Items)
	}
	if resp, _ := b.sendJSON("PUT", fmt.Sprintf("/api/v1/households/%d", own), validHousehold); resp.StatusCode != 403 {
		t.Errorf("carer changing their household: %d, want 403", resp.StatusCode)
	}
	views := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionView), auditevent.Entity("household")).AllX(t.Context())
	if len(views) != 1 || *views[0].EntityID != own || *views[0].ActorID != carerUser.ID {
		t.Errorf("views audited: %+v", views)
	}
}

// TestSSWChangesOnlyTheirHouseholds shows a supervising social worker
// changing a household they supervise, and refused another's.
func TestSSWChangesOnlyTheirHouseholds(t *testing.T) {
	t.Parallel()
	s, st, _ := testServerOn(t, dialect.SQLite)
	ssw := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	manager := newAPIClient(t, s, "manager")
	ids := map[string]int{}
	for _, ref := range []string{"FH-0001", "FH-0002"} {
		body := strings.Replace(validHousehold, "fh-0042", ref, 1)
		if ref == "FH-0001" {
			body = strings.Replace(body, `"status"`, fmt.Sprintf(`"ssw_id": %d, "status"`, ssw.ID), 1)
		}
		_, out := manager.send("POST", "/api/v1/households", body)
		var h jsonapi.HouseholdJSON
		mustUnmarshal(t, out, &h)
		ids[ref] = h.ID
	}
	b := newBrowser(t, s)
	b.signIn("ssw@example.org", testPassword)
	for ref, want := range map[string]int{"FH-0001": 200, "FH-0002": 403} {
		body := strings.Replace(strings.Replace(validHousehold, "fh-0042", ref, 1), "Totnes", "Dartmouth", 1)
		if ref == "FH-0001" {
			body = strings.Replace(body, `"status"`, fmt.Sprintf(`"ssw_id": %d, "status"`, ssw.ID), 1)
		}
		req := httptest.NewRequest("PUT", fmt.Sprintf("/api/v1/households/%d", ids[ref]), strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("If-Match", `"1"`)
		if resp, out := b.do(req); resp.StatusCode != want {
			t.Errorf("%s: %d %s, want %d", ref, resp.StatusCode, out, want)
		}
	}
}

// TestHouseholdListPages walks the list filtered by two statuses, three to
// a page, in both orders: every matching household once, in reference
// order, and no other.
func TestHouseholdListPages(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	api := newAPIClient(t, s, "manager")
	statuses := []string{"approved", "on_hold", "assessment", "approved", "suspended", "on_hold", "approved", "assessment", "approved"}
	var want []string
	for i, st := range statuses {
		ref := fmt.Sprintf("FH-%04d", 100-i*7) // created out of reference order
		body := strings.Replace(strings.Replace(validHousehold, "fh-0042", ref, 1), `"approved",`, `"`+st+`",`, 1)
		if resp, out := api.send("POST", "/api/v1/households", body); resp.StatusCode != 201 {
			t.Fatalf("create %s: %d %s", ref, resp.StatusCode, out)
		}
		if st == "approved" || st == "on_hold" {
			want = append(want, ref)
		}
	}
	slices.Sort(want)
	for _, sort := range []string{"reference", "-reference"} {
		var got []string
		for cursor, pages := "", 0; pages < 10; pages++ {
			_, body := api.send("GET", "/api/v1/households?status=approved,on_hold&limit=3&sort="+sort+cursor, "")
			var p httpx.Page[jsonapi.HouseholdJSON]
			mustUnmarshal(t, body, &p)
			for _, h := range p.Items {
				got = append(got, h.Reference)
			}
			if p.NextCursor == "" {
				break
			}
			cursor = "&cursor=" + p.NextCursor
		}
		expected := slices.Clone(want)
		if sort == "-reference" {
			slices.Reverse(expected)
		}
		if !slices.Equal(got, expected) {
			t.Errorf("sort %s: %v, want %v", sort, got, expected)
		}
	}
}
