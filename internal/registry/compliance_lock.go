package registry

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
)

// Advisory lock keys. A refresh reads a household's stored items and writes
// the difference, so two transactions refreshing one household at once on
// PostgreSQL (whose transactions do not queue at their start, as SQLite's
// do) could each add the same item. Each refresh therefore holds its
// households' locks until it commits, and a service-wide refresh holds the
// whole registry's.
const (
	lockRegistry  = 7_250_001 // shared by household refreshes and recalculation chunks, exclusive for start-up's service-wide one
	lockHousehold = 7_250_002 // with the household id as the second key
)

// refreshLocks takes the locks a refresh needs on its database, and is a
// no-op on SQLite, where the first write of a transaction already holds the
// only writer's lock.
type refreshLocks func(ctx context.Context, client *ent.Client, households []int) error

func locksFor(d string) (households, everything refreshLocks) {
	if d != dialect.Postgres {
		none := func(context.Context, *ent.Client, []int) error { return nil }
		return none, none
	}
	households = func(ctx context.Context, client *ent.Client, ids []int) error {
		if _, err := client.ExecContext(ctx, "SELECT pg_advisory_xact_lock_shared($1)", lockRegistry); err != nil {
			return fmt.Errorf("lock the registry for a refresh: %w", err)
		}
		// In id order, so two transactions wanting the same households
		// queue rather than deadlock.
		for _, id := range uniqueIDs(ids) {
			if _, err := client.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1, $2)", lockHousehold, id); err != nil {
				return fmt.Errorf("lock household %d for a refresh: %w", id, err)
			}
		}
		return nil
	}
	everything = func(ctx context.Context, client *ent.Client, _ []int) error {
		if _, err := client.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", lockRegistry); err != nil {
			return fmt.Errorf("lock the registry for a service-wide refresh: %w", err)
		}
		return nil
	}
	return households, everything
}
