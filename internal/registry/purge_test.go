package registry_test

import (
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestPurgeAfterRetention sets up households whose approval ended at known
// dates and shows, on both databases: a terminated household is kept 10
// years and a refused application 3 (reg 32), each destroyable from the
// day after; a dry run lists exactly those; the purge removes every record
// of theirs, archived ones included, and leaves an audit entry with counts
// and the reference, not the data; the others are untouched.
func TestPurgeAfterRetention(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		client := st.Client
		today := civil.MustParse("2026-11-27")
		mk := func(ref string, status household.Status, ended string) int {
			var id int
			storetest.Write(t, client, func(tx *ent.Client) error {
				h := tx.Household.Create().SetReference(ref).SetAddressLine1("1 Fore Street").SetTown("Totnes").
					SetPostcode("TQ9 5RP").SetStatus(status).SetApprovedOn(civil.MustParse("2010-01-04")).
					SetEndedOn(civil.MustParse(ended)).SaveX(t.Context())
				tx.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Ada").SetLastName("Ruiz").ExecX(t.Context())
				tx.Visit.Create().SetHouseholdID(h.ID).SetKind("supervisory").SetVisitedOn(civil.MustParse("2012-03-01")).ExecX(t.Context())
				r := tx.Review.Create().SetHouseholdID(h.ID).SetKind("annual").SetDueOn(civil.MustParse("2012-01-04")).SaveX(t.Context())
				tx.Contribution.Create().SetReviewID(r.ID).SetSource("carer").SetAuthorName("Ada Ruiz").
					SetReceivedOn(civil.MustParse("2011-12-01")).SetText("Private views").ExecX(t.Context())
				archived := tx.Visit.Create().SetHouseholdID(h.ID).SetKind("unannounced").SetVisitedOn(civil.MustParse("2012-04-01")).SaveX(t.Context())
				tx.Visit.DeleteOneID(archived.ID).ExecX(t.Context()) // archived, not gone
				id = h.ID
				return nil
			})
			return id
		}
		old := mk("FH-0001", household.StatusTerminated, "2016-11-26")  // kept until 2026-11-26: destroyable today
		recent := mk("FH-0002", household.StatusResigned, "2016-11-27") // kept until today: not yet
		refused := mk("FH-0003", household.StatusRefused, "2023-06-01") // 3 years: destroyable since 2026-06-02

		found, err := registry.PurgeCandidates(t.Context(), client, today)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != 2 || found[0].HouseholdID != old || found[1].HouseholdID != refused ||
			found[0].KeptUntil.String() != "2026-11-26" || found[1].KeptUntil.String() != "2026-06-01" {
			t.Fatalf("candidates %+v, want FH-0001 and FH-0003", found)
		}
		for _, c := range found {
			counts, err := registry.Purge(t.Context(), client, registry.System("purge"), c)
			if err != nil {
				t.Fatal(err)
			}
			if counts["households"] != 1 || counts["visits"] != 2 || counts["contributions"] != 1 || counts["carers"] != 1 {
				t.Errorf("%s purged %v", c.Reference, counts)
			}
		}
		all := schema.IncludeArchived(t.Context())
		if n := client.Household.Query().CountX(all); n != 1 || client.Household.Query().OnlyIDX(all) != recent {
			t.Errorf("%d households left, want only FH-0002", n)
		}
		if n := client.Visit.Query().CountX(all) + client.Contribution.Query().CountX(all) + client.Carer.Query().CountX(all); n != 4 {
			t.Errorf("%d records left, want FH-0002's 4", n)
		}
		e := client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionPurge), auditevent.EntityID(old)).OnlyX(t.Context())
		if e.Changes["reference"].Old != "FH-0001" || e.Changes["purged_visits"].New != float64(2) {
			t.Errorf("purge audit %v", e.Changes)
		}
		for _, ch := range e.Changes {
			if ch.Old == "Private views" || ch.New == "Private views" || ch.Old == "Ada" {
				t.Error("the purge's audit entry holds purged data")
			}
		}
	})
}
