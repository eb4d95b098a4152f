package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/seed"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// seedDay is the day the seeded service's history leads up to; the tests
// look at it from then, so what is overdue does not drift with the clock.
var seedDay = storetest.SeedDay

// policy is the default policy the seeded services run under.
var policy = compliance.DefaultPolicy()

// seededServer is a server on a generated service of n households, on
// SQLite.
func seededServer(t *testing.T, n int) (*Server, *browser) {
	t.Helper()
	return seededServerOn(t, dialect.SQLite, n)
}

// seededServerOn is seededServer on the database d.
func seededServerOn(t *testing.T, d string, n int) (*Server, *browser) {
	t.Helper()
	s, st, _ := testServerOn(t, d)
	if _, err := seed.Run(t.Context(), st.Client, seed.Options{Households: n, Seed: 7, Today: seedDay}); err != nil {
		t.Fatal(err)
	}
	return s, signedIn(t, s)
}

type summaryJSON struct {
	On          civil.Date            `json:"on"`
	WarningDays int                   `json:"warning_days"`
	Totals      httpx.StatusTotals    `json:"totals"`
	ByKind      []httpx.KindCountJSON `json:"by_kind"`
}

type itemsPage struct {
	Items      []httpx.DueItemJSON `json:"items"`
	NextCursor string              `json:"next_cursor"`
}

func getJSON[T any](t *testing.T, b *browser, path string) T {
	t.Helper()
	resp, body := b.get(path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	var out T
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, body)
	}
	return out
}

// freshOpenItems assesses every household from its records, the slow way
// the stored items exist to avoid, keyed as the API names them.
func freshOpenItems(t *testing.T, client *ent.Client, keep func(*ent.Household) bool) map[string]compliance.Item {
	t.Helper()
	out := map[string]compliance.Item{}
	for _, id := range client.Household.Query().IDsX(t.Context()) {
		h, items, _, err := registry.HouseholdCompliance(t.Context(), client, id)
		if err != nil {
			t.Fatal(err)
		}
		if !keep(h) {
			continue
		}
		for _, it := range compliance.OpenItems(items) {
			out[itemKey(h.ID, string(it.Kind), string(it.Subject.Kind), it.Subject.ID, it.Ref)] = it
		}
	}
	return out
}

func itemKey(household int, kind, subjectKind string, subject, ref int) string {
	return fmt.Sprintf("%d|%s|%s|%d|%d", household, kind, subjectKind, subject, ref)
}

// TestComplianceSummaryMatchesFreshAssessment shows the summary, read from
// the tallies, counts exactly what assessing every household afresh finds,
// for the service and for one supervising social worker.
func TestComplianceSummaryMatchesFreshAssessment(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			testComplianceSummaryMatchesFreshAssessment(t, d)
		})
	}
}

func testComplianceSummaryMatchesFreshAssessment(t *testing.T, d string) {
	s, b := seededServerOn(t, d, 60)
	on := seedDay.AddDays(10)
	ssw := s.Store.Client.Household.Query().Where(household.SswIDNotNil()).FirstX(t.Context()).SswID
	for _, tc := range []struct {
		name  string
		query string
		keep  func(*ent.Household) bool
	}{
		{"Service", "", func(*ent.Household) bool { return true }},
		{"OneSSW", fmt.Sprintf("&ssw_id=%d", *ssw), func(h *ent.Household) bool { return h.SswID != nil && *h.SswID == *ssw }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := getJSON[summaryJSON](t, b, "/api/v1/compliance?on="+on.String()+tc.query)
			want := map[string]*httpx.StatusTotals{}
			var wantTotals httpx.StatusTotals
			for _, it := range freshOpenItems(t, s.Store.Client, tc.keep) {
				n := want[string(it.Kind)]
				if n == nil {
					n = &httpx.StatusTotals{}
					want[string(it.Kind)] = n
				}
				for _, tot := range []*httpx.StatusTotals{n, &wantTotals} {
					switch policy.StatusOf(it, on) {
					case compliance.Overdue:
						tot.Overdue++
					case compliance.DueSoon:
						tot.DueSoon++
					default:
						tot.OK++
					}
				}
			}
			if got.Totals != wantTotals || wantTotals.Overdue == 0 {
				t.Errorf("totals = %+v, want %+v", got.Totals, wantTotals)
			}
			if len(got.ByKind) != len(compliance.Kinds) {
				t.Errorf("%d kinds in the summary, want every one of %d", len(got.ByKind), len(compliance.Kinds))
			}
			for _, k := range got.ByKind {
				w := want[string(k.Kind)]
				if w == nil {
					w = &httpx.StatusTotals{}
				}
				if k.Overdue != w.Overdue || k.DueSoon != w.DueSoon || k.Upcoming != w.OK || k.Label == "" {
					t.Errorf("%s: %+v, want %+v", k.Kind, k, *w)
				}
			}
		})
	}
}

// TestComplianceItemsPagesInUrgencyOrder walks every page of the overdue
// and due-soon list and finds each such item exactly once, oldest first,
// with its status and reason.
func TestComplianceItemsPagesInUrgencyOrder(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			testComplianceItemsPagesInUrgencyOrder(t, d)
		})
	}
}

func testComplianceItemsPagesInUrgencyOrder(t *testing.T, d string) {
	s, b := seededServerOn(t, d, 40)
	on := seedDay
	want := freshOpenItems(t, s.Store.Client, func(*ent.Household) bool { return true })
	for key, it := range want {
		if policy.StatusOf(it, on) == compliance.OK {
			delete(want, key)
		}
	}
	var seen []httpx.DueItemJSON
	for cursor, pages := "", 0; ; pages++ {
		page := getJSON[itemsPage](t, b, "/api/v1/compliance/items?limit=7&on="+on.String()+cursor)
		seen = append(seen, page.Items...)
		if page.NextCursor == "" {
			break
		}
		if pages > 1000 {
			t.Fatal("paging does not end")
		}
		cursor = "&cursor=" + url.QueryEscape(page.NextCursor)
	}
	if len(seen) != len(want) || len(want) == 0 {
		t.Errorf("%d items listed, want %d", len(seen), len(want))
	}
	for i, got := range seen {
		key := itemKey(got.HouseholdID, got.Kind, got.Subject.Kind, got.Subject.ID, got.Ref)
		w, ok := want[key]
		if !ok {
			t.Errorf("listed %s, which is not overdue or due soon (or listed twice)", key)
			continue
		}
		delete(want, key)
		if *got.DueOn != w.DueOn || got.Reason != w.Reason || got.Status != string(policy.StatusOf(w, on)) ||
			*got.DaysLeft != on.DaysUntil(w.DueOn) {
			t.Errorf("%s: due %s %s %q, want due %s %s %q", key, got.DueOn, got.Status, got.Reason,
				w.DueOn, policy.StatusOf(w, on), w.Reason)
		}
		if i > 0 && got.DueOn.Before(*seen[i-1].DueOn) {
			t.Errorf("item %d due %s listed after one due %s", i, got.DueOn, seen[i-1].DueOn)
		}
	}
}

// TestComplianceItemsFilters shows each filter keeps only what it names.
func TestComplianceItemsFilters(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			testComplianceItemsFilters(t, d)
		})
	}
}

func testComplianceItemsFilters(t *testing.T, d string) {
	s, b := seededServerOn(t, d, 40)
	on := seedDay.String()
	ssw := *s.Store.Client.Household.Query().Where(household.SswIDNotNil()).FirstX(t.Context()).SswID
	for _, tc := range []struct {
		query string
		keep  func(httpx.DueItemJSON) bool
	}{
		{"status=overdue", func(it httpx.DueItemJSON) bool { return it.Status == "overdue" }},
		{"status=due_soon", func(it httpx.DueItemJSON) bool { return it.Status == "due_soon" }},
		{"status=overdue,ok", func(it httpx.DueItemJSON) bool { return it.Status != "due_soon" }},
		{"kind=training,dbs_check", func(it httpx.DueItemJSON) bool { return it.Kind == "training" || it.Kind == "dbs_check" }},
		{fmt.Sprintf("ssw_id=%d", ssw), func(it httpx.DueItemJSON) bool { return it.SSWID != nil && *it.SSWID == ssw }},
	} {
		t.Run(tc.query, func(t *testing.T) {
			page := getJSON[itemsPage](t, b, "/api/v1/compliance/items?limit=200&on="+on+"&"+tc.query)
			if len(page.Items) == 0 {
				t.Fatal("nothing listed")
			}
			for _, it := range page.Items {
				if !tc.keep(it) {
					t.Errorf("let through %s %s %s", it.Kind, it.Status, it.Reference)
				}
			}
		})
	}
}

// TestHouseholdCompliance shows one household's items with their reasons,
// including the met and not-applicable ones, and a 404 for no household.
func TestHouseholdCompliance(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	b := signedIn(t, s)
	var id int
	storetest.Write(t, st.Client, func(tx *ent.Client) error {
		h := tx.Household.Create().SetReference("FH-0042").SetAddressLine1("1 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus("approved").SetApprovedOn(civil.MustParse("2024-02-29")).SaveX(t.Context())
		id = h.ID
		tx.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Siân").SetLastName("Evans").ExecX(t.Context())
		return tx.Review.Create().SetHouseholdID(h.ID).SetKind("first").SetDueOn(civil.MustParse("2025-02-28")).
			SetMeetingOn(civil.MustParse("2025-02-20")).SetStatus("decided").Exec(t.Context())
	})
	got := getJSON[struct {
		Household struct{ Reference string }
		Items     []httpx.DueItemJSON
	}](t, b, fmt.Sprintf("/api/v1/households/%d/compliance?on=2026-01-10", id))
	if got.Household.Reference != "FH-0042" {
		t.Errorf("household = %+v", got.Household)
	}
	var annual *httpx.DueItemJSON
	for i, it := range got.Items {
		if it.Kind == "annual_review" {
			annual = &got.Items[i]
		}
		if it.Reason == "" || it.Label == "" {
			t.Errorf("%s for %s has no reason or label", it.Kind, it.Subject.Name)
		}
	}
	if annual == nil {
		t.Fatalf("no annual review in %+v", got.Items)
	}
	if annual.DueOn.String() != "2026-02-20" || annual.Status != "due_soon" || *annual.DaysLeft != 41 ||
		!strings.Contains(annual.Reason, "20 Feb 2025") || !strings.Contains(annual.Reason, "reg 28") {
		t.Errorf("annual review: due %s, %s, %d days, %q", annual.DueOn, annual.Status, *annual.DaysLeft, annual.Reason)
	}
	if !slices.ContainsFunc(got.Items, func(it httpx.DueItemJSON) bool { return it.Subject.Name == "Siân Evans" }) {
		t.Error("no items for the carer")
	}
	resp, body := b.get("/api/v1/households/999999/compliance")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("no such household: %d %s", resp.StatusCode, body)
	}
}

// TestComplianceRejectsBadFilters shows each bad parameter named, with a
// 4xx, never a 500 or a quietly unfiltered answer.
func TestComplianceRejectsBadFilters(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	b := signedIn(t, s)
	carer := mustCreateUser(t, st.Client, "carer@example.net", "carer")
	for _, tc := range []struct {
		path, field string
	}{
		{"/api/v1/compliance/items?limit=1000000", "limit"},
		{"/api/v1/compliance/items?limit=0", "limit"},
		{"/api/v1/compliance/items?limit=ten", "limit"},
		{"/api/v1/compliance/items?ssw_id=999999", "ssw_id"},
		{fmt.Sprintf("/api/v1/compliance/items?ssw_id=%d", carer.ID), "ssw_id"},
		{"/api/v1/compliance?ssw_id=-1", "ssw_id"},
		{"/api/v1/compliance?ssw_id=1%27%20OR%201=1", "ssw_id"},
		{"/api/v1/compliance/items?status=late", "status"},
		{"/api/v1/compliance/items?kind=annual", "kind"},
		{"/api/v1/compliance/items?cursor=yesterday", "cursor"},
		{"/api/v1/compliance/items?cursor=2026-02-30.5", "cursor"},
		{"/api/v1/compliance/items?on=2026-02-30", "on"},
		{"/api/v1/compliance/items?on=99999-01-01", "on"},
		{"/api/v1/compliance/items?sswid=3", "sswid"},
		{"/api/v1/compliance?limit=5", "limit"},
		{"/api/v1/households/abc/compliance", "id"},
		{"/api/v1/households/1/compliance?on=soon", "on"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, body := b.get(tc.path)
			if resp.StatusCode < 400 || resp.StatusCode >= 500 {
				t.Fatalf("%d %s, want a 4xx", resp.StatusCode, body)
			}
			if p := decodeProblem(t, resp, body); p.Fields[tc.field] == "" {
				t.Errorf("fields %v do not name %s", p.Fields, tc.field)
			}
		})
	}
}
