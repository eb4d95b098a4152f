package main

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
)

// openDatabase opens the configured database with the registry's rules
// wired into its client, so that every write keeps the due items current.
// The store itself knows nothing of those rules: this is where the two
// meet, and every command that opens the database opens it here.
func openDatabase(ctx context.Context, cfg config.Config) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.DatabaseURL, cfg.SQLitePath())
	if err != nil {
		return nil, err
	}
	registry.Wire(st.Client, st.Dialect)
	return st, nil
}

// migrateDatabase applies the pending migrations, then brings the due
// items, derived data, up to this release's rules before anyone reads
// them. It reports how many migrations ran.
func migrateDatabase(ctx context.Context, st *store.Store) (int, error) {
	n, err := st.Migrate(ctx)
	if err != nil {
		return n, err
	}
	if _, err := registry.EnsureDueItemsCurrent(ctx, st.Client, st.Dialect); err != nil {
		return n, fmt.Errorf("bring due items up to date: %w", err)
	}
	return n, nil
}
