package store_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"

	"github.com/hearth-registry/hearth/ent/migrate"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestMigrationsMatchSchema applies the committed migrations to an empty
// database and asks ent what it would still change to reach ent/schema. Any
// statement at all means the migrations have drifted from the schema (run
// task migration NAME=…).
func TestMigrationsMatchSchema(t *testing.T) {
	t.Parallel()
	storetest.Each(t, assertNoDrift)
}

// assertNoDrift fails if ent would change anything in the database.
func assertNoDrift(t *testing.T, s *store.Store) {
	t.Helper()
	dir := t.TempDir()
	goose, err := sqltool.NewGooseDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The ent client has no Schema (ent/template/client.tmpl keeps the
	// migration planner out of the server), so the diff gets its own.
	err = migrate.NewSchema(entsql.OpenDB(s.Dialect, s.DB)).NamedDiff(context.Background(), "drift",
		schema.WithDir(goose),
		schema.WithMigrationMode(schema.ModeInspect),
		schema.WithDialect(s.Dialect),
		schema.WithFormatter(sqltool.GooseFormatter),
		migrate.WithDropColumn(true),
		migrate.WithDropIndex(true),
	)
	if err != nil {
		t.Fatalf("diff: %v", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "atlas.sum" {
			continue
		}
		b, _ := os.ReadFile(dir + "/" + e.Name())
		t.Errorf("database differs from ent/schema; ent would still run:\n%s", b)
	}
}

// TestWithoutSecondaryIndexes shows the bulk-load helper drops the
// non-unique indexes while it runs and leaves the schema exactly as
// migrated afterwards, even when the load fails.
func TestWithoutSecondaryIndexes(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var during int
		err := s.WithoutSecondaryIndexes(ctx, func() error {
			during = countIndexes(t, s, "visit_household_id_kind_visited_on")
			return errors.New("load failed")
		})
		if err == nil || !strings.Contains(err.Error(), "load failed") {
			t.Errorf("err = %v, want the load's error", err)
		}
		if during != 0 {
			t.Errorf("index present during the load")
		}
		if n := countIndexes(t, s, "visit_household_id_kind_visited_on"); n != 1 {
			t.Errorf("index after the load: %d, want 1", n)
		}
		assertNoDrift(t, s)
	})
}

func countIndexes(t *testing.T, s *store.Store, name string) int {
	t.Helper()
	q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = $1"
	if s.Dialect == dialect.Postgres {
		q = "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1"
	}
	var n int
	if err := s.DB.QueryRowContext(context.Background(), q, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMigrateIsIdempotent checks that a second start finds nothing to do.
func TestMigrateIsIdempotent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		n, err := s.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("second migrate applied %d migrations, want 0", n)
		}
		pending, err := s.Pending(ctx)
		if err != nil || pending != 0 {
			t.Errorf("Pending = %d, %v; want 0, nil", pending, err)
		}
	})
}
