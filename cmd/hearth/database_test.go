package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestCommandsOpenTheRegistryWired opens the database each way the
// commands do (serve, seed, user and token through openStore; import and
// purge through openCurrent; migrate and backup through openDatabase) and
// shows each with the registry's rules wired in: a household written
// outside a transaction is refused, as its due items could not move with
// it, and one written in a transaction gets its due items. The store
// knows nothing of the registry, so an opener that forgot to wire it would
// write records whose due items silently went stale; this fails instead.
func TestCommandsOpenTheRegistryWired(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			settings := map[string]string{"HEARTH_DATA_DIR": t.TempDir()}
			if d == dialect.Postgres {
				settings["HEARTH_DATABASE_URL"] = storetest.PostgresURL(t)
			}
			cfg, err := config.Load(env(settings))
			if err != nil {
				t.Fatal(err)
			}
			logger := slog.New(slog.NewTextHandler(io.Discard, nil))
			// openStore first: it migrates the database the others open.
			openers := []struct {
				name string
				open func(context.Context, config.Config) (*store.Store, error)
			}{
				{"openStore", func(ctx context.Context, cfg config.Config) (*store.Store, error) { return openStore(ctx, cfg, logger) }},
				{"openCurrent", openCurrent},
				{"openDatabase", openDatabase},
			}
			for i, o := range openers {
				t.Run(o.name, func(t *testing.T) {
					st, err := o.open(t.Context(), cfg)
					if err != nil {
						t.Fatal(err)
					}
					defer st.Close()
					ref := "FH-100" + string(rune('0'+i))
					create := func(c *ent.Client) error {
						return c.Household.Create().SetReference(ref).SetAddressLine1("1 Fore Street").SetTown("Totnes").
							SetPostcode("TQ9 5RP").SetStatus("approved").SetApprovedOn(civil.MustParse("2025-06-01")).Exec(t.Context())
					}
					if err := create(st.Client); !errors.Is(err, registry.ErrDueItemsNeedTx) {
						t.Fatalf("a household written outside a transaction: %v, want it refused (%v)", err, registry.ErrDueItemsNeedTx)
					}
					if err := registry.InTx(t.Context(), st.Client, create); err != nil {
						t.Fatal(err)
					}
					if n := st.Client.DueItem.Query().Where(dueitem.HouseholdReference(ref)).CountX(t.Context()); n == 0 {
						t.Errorf("household %s was written with no due items: the registry's hook is not wired", ref)
					}
				})
			}
		})
	}
}
