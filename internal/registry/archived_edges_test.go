package registry_test

import (
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestEdgePredicatesSkipArchivedRows shows an edge predicate matching only
// live rows at the far side of the edge, as a query does, however the
// query is read (rows, a count, selected ids); and matching archived ones
// too in a context that includes them, as the purge and the due-items
// hook need. ent's archive interceptor never sees the subquery an edge
// predicate builds, so a panel member went on reaching a review through an
// archived agenda item.
func TestEdgePredicatesSkipArchivedRows(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		var reviewID, panelID, itemID int
		storetest.Write(t, s.Client, func(tx *ent.Client) error {
			h := tx.Household.Create().SetReference("FH-0001").SetAddressLine1("1 Fore Street").SetTown("Totnes").
				SetPostcode("TQ9 5RP").SetStatus(household.StatusApproved).SetApprovedOn(civil.MustParse("2024-01-08")).SaveX(ctx)
			reviewID = tx.Review.Create().SetHouseholdID(h.ID).SetKind(review.KindAnnual).
				SetDueOn(civil.MustParse("2026-03-14")).SaveX(ctx).ID
			panelID = tx.Panel.Create().SetName("Fostering panel").SetMeetsOn(civil.MustParse("2026-04-09")).SaveX(ctx).ID
			itemID = tx.PanelItem.Create().SetPanelID(panelID).SetReviewID(reviewID).SaveX(ctx).ID
			return nil
		})
		onLivePanel := review.HasPanelItemsWith(panelitem.HasPanelWith(panel.ID(panelID)))
		read := func(includeArchived bool) (rows, count, ids int) {
			q := ctx
			if includeArchived {
				q = schema.IncludeArchived(ctx)
			}
			return len(s.Client.Review.Query().Where(onLivePanel).AllX(q)),
				s.Client.Review.Query().Where(onLivePanel).CountX(q),
				len(s.Client.Review.Query().Where(onLivePanel).Select(review.FieldID).IntsX(q))
		}
		expect := func(t *testing.T, when string, includeArchived bool, want int) {
			t.Helper()
			if rows, count, ids := read(includeArchived); rows != want || count != want || ids != want {
				t.Errorf("%s (archived included: %v): %d rows, count %d, %d ids; want %d each", when, includeArchived, rows, count, ids, want)
			}
		}
		expect(t, "live item on a live panel", false, 1)
		storetest.Write(t, s.Client, func(tx *ent.Client) error { return tx.PanelItem.DeleteOneID(itemID).Exec(ctx) })
		expect(t, "archived item", false, 0)
		expect(t, "archived item", true, 1)
		storetest.Write(t, s.Client, func(tx *ent.Client) error {
			return tx.PanelItem.UpdateOneID(itemID).ClearArchivedAt().Exec(schema.IncludeArchived(ctx))
		})
		storetest.Write(t, s.Client, func(tx *ent.Client) error { return tx.Panel.DeleteOneID(panelID).Exec(ctx) })
		expect(t, "live item on an archived panel", false, 0)
		expect(t, "live item on an archived panel", true, 1)
	})
}
