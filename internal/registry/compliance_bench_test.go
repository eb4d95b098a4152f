package registry_test

import (
	"context"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// The write-side benchmarks: what keeping the due items current costs. Each
// runs its change in a transaction that it rolls back, so a seeded database
// named by HEARTH_BENCH_SQLITE or HEARTH_BENCH_POSTGRES (see the server's
// compliance benchmarks) is left as it was. Without one, they seed a small
// service.

func benchStore(b *testing.B, d string) *store.Store { return storetest.Seeded(b, d, 500) }

// rolledBack runs f in a transaction and rolls it back.
func rolledBack(b *testing.B, client *ent.Client, f func(tx *ent.Client) error) {
	tx, err := client.Tx(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	if err := f(tx.Client()); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkRecordVisitSQLite(b *testing.B)   { benchRecordVisit(b, dialect.SQLite) }
func BenchmarkRecordVisitPostgres(b *testing.B) { benchRecordVisit(b, dialect.Postgres) }

// benchRecordVisit records an unannounced visit to an approved household:
// one write, and the refresh of that household's items and the tallies.
func benchRecordVisit(b *testing.B, d string) {
	st := benchStore(b, d)
	ctx := context.Background()
	ids := st.Client.Household.Query().Where(household.StatusEQ(household.StatusApproved)).Limit(200).IDsX(ctx)
	b.ResetTimer()
	for i := range b.N {
		rolledBack(b, st.Client, func(tx *ent.Client) error {
			return tx.Visit.Create().SetHouseholdID(ids[i%len(ids)]).SetKind("unannounced").
				SetVisitedOn(civil.MustParse("2026-11-27")).Exec(ctx)
		})
	}
}

func BenchmarkRefreshAllSQLite(b *testing.B)   { benchRefreshAll(b, dialect.SQLite) }
func BenchmarkRefreshAllPostgres(b *testing.B) { benchRefreshAll(b, dialect.Postgres) }

// benchRefreshAll recomputes every household's items, as a change to the
// course catalogue or a date-moving policy setting does.
func benchRefreshAll(b *testing.B, d string) {
	st := benchStore(b, d)
	b.ResetTimer()
	for range b.N {
		rolledBack(b, st.Client, func(tx *ent.Client) error { return registry.RefreshAllDueItems(context.Background(), tx) })
	}
}
