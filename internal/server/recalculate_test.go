package server

import (
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/ui"
)

// finishRecalculation does what the background job does after a change
// that moves dates across the service, and fails unless the change
// recorded one.
func finishRecalculation(t *testing.T, st *store.Store) {
	t.Helper()
	r, err := registry.DueRecalculation(t.Context(), st.Client)
	if err != nil || !r.Pending {
		t.Fatalf("the change recorded no recalculation: %+v, %v", r, err)
	}
	for r.Pending {
		if r, err = registry.RecalculateDueItems(t.Context(), st.Client, st.Dialect, 50); err != nil {
			t.Fatalf("recalculate: %v", err)
		}
	}
}

// TestRecalculationShownWhileItRuns: an administrator's change to the DBS
// renewal interval is saved at once; the settings page, the dashboard, the
// course catalogue and the API's summary then say the due dates are being
// recalculated, and how far it has gone, until the background job
// finishes.
func TestRecalculationShownWhileItRuns(t *testing.T) {
	t.Parallel()
	s, _ := seededServerOn(t, dialect.SQLite, 12)
	admin := signedInAdmin(t, s)
	_, page := admin.get("/admin/policy")
	form := policyForm(t, page)
	if strings.Contains(page, "being recalculated") {
		t.Fatal("the settings page speaks of a recalculation before any change")
	}
	form.Set("dbs_renewal_months", "24")
	if resp, body := admin.post("/admin/policy", form); resp.StatusCode != 303 {
		t.Fatalf("save: %d %.300s", resp.StatusCode, body)
	}
	households := ui.Thousands(s.Store.Client.Household.Query().CountX(t.Context()))
	want := "being recalculated: 0 of " + households + " households done"
	if _, page := admin.get("/admin/policy?done=1"); !strings.Contains(page, "The settings have been saved.") || !strings.Contains(page, want) {
		t.Errorf("the settings page after saving does not say %q", want)
	}
	if _, page := admin.get("/"); !strings.Contains(page, "Due dates are being recalculated") || !strings.Contains(page, "0 of "+households+" households done") {
		t.Error("the dashboard does not say the due dates are being recalculated, 0 done")
	}
	if _, page := admin.get("/training/courses"); !strings.Contains(page, "0 of "+households+" households done") {
		t.Error("the course catalogue does not show the recalculation")
	}
	type summary struct {
		Recalculating *jsonapi.RecalculationJSON `json:"recalculating"`
	}
	if got := getJSON[summary](t, admin, "/api/v1/compliance").Recalculating; got == nil || got.HouseholdsDone != 0 || ui.Thousands(got.Households) != households {
		t.Errorf("the API's summary says %+v, want 0 of %s households done", got, households)
	}
	if _, err := registry.RecalculateDueItems(t.Context(), s.Store.Client, s.Store.Dialect, 5); err != nil {
		t.Fatal(err)
	}
	if _, page := admin.get("/"); !strings.Contains(page, "5 of "+households+" households done") {
		t.Error("the dashboard does not show the progress after one chunk")
	}
	finishRecalculation(t, s.Store)
	if got := getJSON[summary](t, admin, "/api/v1/compliance").Recalculating; got != nil {
		t.Errorf("the API's summary still says %+v after it finished", got)
	}
	for _, path := range []string{"/", "/admin/policy", "/training/courses"} {
		if _, page := admin.get(path); strings.Contains(page, "being recalculated") {
			t.Errorf("%s still speaks of a recalculation after it finished", path)
		}
	}
}

func TestThousands(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 50000: "50,000", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := ui.Thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
