package store_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestMigrationsKeepData writes rows with foreign keys under the first
// migration, applies the rest, and checks every row and link survived. A
// SQLite table rebuild inside a transaction would null or drop them.
func TestMigrationsKeepData(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(map[string]string{dialect.SQLite: "sqlite", dialect.Postgres: "postgres"}[d], func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Empty(t, d)
			versions, err := s.MigrationVersions(t.Context())
			if err != nil || len(versions) < 2 {
				t.Fatalf("versions %v, %v", versions, err)
			}
			if err := s.MigrateTo(ctx, versions[0]); err != nil {
				t.Fatal(err)
			}
			mustExec(t, s, `INSERT INTO users (id, created_at, updated_at, version, email, name, role, active)
				VALUES (7, '2025-01-01 00:00:00', '2025-01-01 00:00:00', 1, 'ssw@example.org', 'Siân', 'ssw', true)`)
			mustExec(t, s, `INSERT INTO households (id, created_at, updated_at, version, reference, address_line1, town, postcode, status, ssw_id)
				VALUES (3, '2025-01-01 00:00:00', '2025-01-01 00:00:00', 1, 'FH-0003', '1 Fore Street', 'Totnes', 'TQ9 5RP', 'approved', 7)`)
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			h, err := s.Client.Household.Get(ctx, 3)
			if err != nil {
				t.Fatalf("household after migrating: %v", err)
			}
			if h.SswID == nil || *h.SswID != 7 {
				t.Errorf("household's SSW after migrating = %v, want 7", h.SswID)
			}
			if u, err := s.Client.User.Get(ctx, 7); err != nil || u.Name != "Siân" {
				t.Errorf("user after migrating: %v, %v", u, err)
			}
		})
	}
}

// TestSQLiteMigrationsDoNotRebuildTables guards against the generator's
// table rebuilds, which are unsafe under goose (see migrations/gen).
func TestSQLiteMigrationsDoNotRebuildTables(t *testing.T) {
	t.Parallel()
	fsys, err := store.MigrationsFS(dialect.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := fs.Glob(fsys, "*.sql")
	for _, name := range files {
		b, _ := fs.ReadFile(fsys, name)
		up, _, _ := strings.Cut(string(b), "-- +goose Down")
		if rebuildsTable(up) {
			t.Errorf("%s rebuilds a table; rewrite it with ALTER TABLE", name)
		}
	}
}

func mustExec(t *testing.T, s *store.Store, query string) {
	t.Helper()
	if _, err := s.DB.Exec(query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// rebuildsTable reports whether migration SQL turns foreign keys off, which
// the generator does only to rebuild a table. Comment lines do not count.
func rebuildsTable(sql string) bool {
	for _, line := range strings.Split(sql, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "PRAGMA foreign_keys = off") {
			return true
		}
	}
	return false
}
