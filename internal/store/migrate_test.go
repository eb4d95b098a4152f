package store_test

import (
	"context"
	"os"
	"testing"

	"ariga.io/atlas/sql/sqltool"
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
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		dir := t.TempDir()
		goose, err := sqltool.NewGooseDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Client.Schema.NamedDiff(ctx, "drift",
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
			t.Errorf("migrations drift from ent/schema; ent would still run:\n%s", b)
		}
	})
}

// TestMigrateIsIdempotent checks that a second start finds nothing to do.
func TestMigrateIsIdempotent(t *testing.T) {
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
