package storetest

import (
	"context"
	"os"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/seed"
	"github.com/hearth-registry/hearth/internal/store"
)

// SeedDay is the day the services benchmarks seed lead up to.
var SeedDay = civil.MustParse("2026-11-27")

// Seeded returns the database a benchmark measures on dialect d: the one
// named by HEARTH_BENCH_SQLITE (a file) or HEARTH_BENCH_POSTGRES (a URL),
// seeded beforehand with `hearth seed --households 50000`, or else a fresh
// one seeded here with n households, so the benchmark runs anywhere.
func Seeded(tb testing.TB, d string, n int) *store.Store {
	tb.Helper()
	named := os.Getenv("HEARTH_BENCH_SQLITE")
	if d == dialect.Postgres {
		named = os.Getenv("HEARTH_BENCH_POSTGRES")
	}
	var st *store.Store
	var err error
	switch {
	case named != "" && d == dialect.SQLite:
		st, err = store.OpenSQLite(context.Background(), named)
	case named != "":
		st, err = store.Open(context.Background(), named, "")
	default:
		st = New(tb, d)
		_, err = seed.Run(context.Background(), st.Client, seed.Options{Households: n, Seed: 7, Today: SeedDay})
	}
	if err != nil {
		tb.Fatal(err)
	}
	if named != "" {
		registry.Wire(st.Client, st.Dialect)
		tb.Cleanup(func() { st.Close() })
	}
	return st
}
