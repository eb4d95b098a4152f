package registry

import (
	"context"
	"fmt"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/duestate"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// EnsureDueItemsCurrent works every household's items out again if they
// were stored under other rules than this release's, and reports whether it
// did. It runs at start-up, after the migrations; with several processes
// starting at once on PostgreSQL, one does the work and the rest find it
// done.
func EnsureDueItemsCurrent(ctx context.Context, client *ent.Client, d string) (bool, error) {
	_, lockEverything := locksFor(d)
	refreshed := false
	err := InTx(ctx, client, func(tx *ent.Client) error {
		if err := lockEverything(ctx, tx, nil); err != nil {
			return err
		}
		state, err := tx.DueState.Query().Order(ent.Asc(duestate.FieldID)).First(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return fmt.Errorf("read due items' rules version: %w", err)
		}
		if state != nil && state.RulesVersion == compliance.RulesVersion {
			return nil
		}
		if err := RefreshAllDueItems(schema.LiveOnly(ctx), tx); err != nil {
			return err
		}
		refreshed = true
		if state == nil {
			return tx.DueState.Create().SetRulesVersion(compliance.RulesVersion).SetComputedAt(time.Now()).Exec(ctx)
		}
		// Every household is now worked out under the latest settings, so
		// a recalculation left pending has nothing more to do.
		return tx.DueState.UpdateOne(state).SetRulesVersion(compliance.RulesVersion).SetComputedAt(time.Now()).
			ClearStaleSince().SetRecalculateAfter(0).SetRecalculated(0).SetToRecalculate(0).Exec(ctx)
	})
	return refreshed, err
}
