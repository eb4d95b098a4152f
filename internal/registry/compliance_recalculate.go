package registry

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/duestate"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/schema"
)

// A change to the course catalogue or to a date-moving policy setting can
// move any household's dates. Working out 50,000 households takes 15–27
// seconds, far too long to hold the administrator's request and every other
// writer waiting. So the change is saved at once and marks the items stale
// (markDueItemsStale, in the change's own transaction); background jobs
// then work households out again a chunk at a time, each chunk in its own
// short transaction (RecalculateDueItems). The progress is stored in
// due_states, so another server finishes what a stopped one began.

// Recalculation is the progress of the recalculation under way, if any.
type Recalculation struct {
	// Pending is true while some households' items still follow the
	// settings or catalogue from before the latest change.
	Pending bool
	// Since is when the earliest change not yet worked out was saved.
	Since time.Time
	// Done and Total count households: done in this pass, and live when
	// it began (households added since may take Done past Total).
	Done, Total int
}

// DueRecalculation reports the recalculation under way, for the pages that
// say so while it runs.
func DueRecalculation(ctx context.Context, client *ent.Client) (Recalculation, error) {
	state, err := client.DueState.Query().Order(ent.Asc(duestate.FieldID)).First(ctx)
	if ent.IsNotFound(err) {
		return Recalculation{}, nil
	}
	if err != nil {
		return Recalculation{}, fmt.Errorf("read the due items' state: %w", err)
	}
	return recalculationOf(state), nil
}

func recalculationOf(s *ent.DueState) Recalculation {
	if s.StaleSince == nil {
		return Recalculation{}
	}
	return Recalculation{Pending: true, Since: *s.StaleSince, Done: s.Recalculated, Total: s.ToRecalculate}
}

// markDueItemsStale records, in the transaction of a change that moves
// dates across the service, that every household must be worked out again.
// A second change while a pass runs starts it again from the first
// household, so that the end state follows the latest settings: households
// already done were done under the earlier ones.
func markDueItemsStale(ctx context.Context, client *ent.Client) error {
	live, err := client.Household.Query().Count(schema.LiveOnly(ctx))
	if err != nil {
		return fmt.Errorf("count households: %w", err)
	}
	now := time.Now()
	state, err := client.DueState.Query().Order(ent.Asc(duestate.FieldID)).First(ctx)
	switch {
	case ent.IsNotFound(err):
		// No state yet means start-up has never worked the items out:
		// version 0 makes the next start-up do it, as well as this pass.
		return client.DueState.Create().SetRulesVersion(0).SetComputedAt(now).SetStaleSince(now).
			SetToRecalculate(live).Exec(ctx)
	case err != nil:
		return fmt.Errorf("read the due items' state: %w", err)
	}
	since := now
	if state.StaleSince != nil {
		since = *state.StaleSince
	}
	err = client.DueState.UpdateOneID(state.ID).SetStaleSince(since).SetRecalculateAfter(0).
		SetRecalculated(0).SetToRecalculate(live).Exec(ctx)
	if err != nil {
		return fmt.Errorf("mark the due items stale: %w", err)
	}
	return nil
}

// RecalculateDueItems works out the next chunk of at most size households
// of the recalculation under way, in one transaction, and reports the
// progress after it. It does nothing when no recalculation is pending, or
// (on PostgreSQL) when another server is working on a chunk right now: that
// server holds the state row, and this one skips it rather than wait.
//
// A chunk holds its households' locks, as a write to one household does, so
// a carer's training recorded mid-way queues behind at most one chunk, and
// whichever commits second reads what the first wrote.
func RecalculateDueItems(ctx context.Context, client *ent.Client, d string, size int) (Recalculation, error) {
	lockHouseholds, _ := locksFor(d)
	var out Recalculation
	err := InTx(ctx, client, func(tx *ent.Client) error {
		state, err := claimDueState(ctx, tx, d)
		if err != nil || state == nil || state.StaleSince == nil {
			if state != nil {
				out = recalculationOf(state)
			}
			return err
		}
		live := schema.LiveOnly(ctx)
		p, err := CompliancePolicy(live, tx)
		if err != nil {
			return err
		}
		after := state.RecalculateAfter
		ids, err := tx.Household.Query().Where(household.IDGT(after)).Order(ent.Asc(household.FieldID)).
			Limit(size).IDs(live)
		if err != nil {
			return fmt.Errorf("list households: %w", err)
		}
		last := len(ids) < size
		// Households archived or purged keep no items: those in this
		// stretch of ids that still have some are cleared with the rest.
		gone := tx.DueItem.Query().Where(dueitem.HouseholdIDGT(after), dueitem.HouseholdIDNotIn(ids...))
		if !last {
			gone = gone.Where(dueitem.HouseholdIDLTE(ids[len(ids)-1]))
		}
		listed, err := gone.Unique(true).Select(dueitem.FieldHouseholdID).Ints(ctx)
		if err != nil {
			return fmt.Errorf("list households with due items: %w", err)
		}
		all := append(append([]int{}, ids...), listed...)
		if err := lockHouseholds(ctx, tx, all); err != nil {
			return err
		}
		if err := RefreshDueItems(live, tx, p, all); err != nil {
			return err
		}
		u := tx.DueState.UpdateOneID(state.ID)
		if last {
			u.ClearStaleSince().SetRecalculateAfter(0).SetRecalculated(0).SetToRecalculate(0).SetComputedAt(time.Now())
		} else {
			u.SetRecalculateAfter(ids[len(ids)-1]).AddRecalculated(len(ids))
		}
		saved, err := u.Save(ctx)
		if err != nil {
			return fmt.Errorf("record the recalculation's progress: %w", err)
		}
		out = recalculationOf(saved)
		return nil
	})
	return out, err
}

// claimDueState reads the state row for a chunk. On PostgreSQL it locks the
// row for the transaction, skipping it if another server holds it (that
// server is working on a chunk, or an administrator's change is marking the
// items stale), so two servers never work on the same chunk. The registry
// lock is taken first, shared, in the order every refresh takes its locks,
// so that start-up's service-wide refresh and a chunk cannot deadlock. On
// SQLite the transaction already holds the only writer's lock.
func claimDueState(ctx context.Context, tx *ent.Client, d string) (*ent.DueState, error) {
	if d == dialect.Postgres {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock_shared($1)", lockRegistry); err != nil {
			return nil, fmt.Errorf("lock the registry for a recalculation: %w", err)
		}
		rows, err := tx.QueryContext(ctx, "SELECT id FROM due_states WHERE stale_since IS NOT NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
		if err != nil {
			return nil, fmt.Errorf("claim the recalculation: %w", err)
		}
		claimed := rows.Next()
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("claim the recalculation: %w", err)
		}
		if !claimed {
			return nil, nil // nothing pending, or another server is on it
		}
	}
	state, err := tx.DueState.Query().Order(ent.Asc(duestate.FieldID)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the due items' state: %w", err)
	}
	return state, nil
}
