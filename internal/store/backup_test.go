package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent/migrate"
	"github.com/hearth-registry/hearth/internal/seed"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestBackupRestores backs up a seeded SQLite registry, opens the copy as
// a registry of its own, and finds it whole (SQLite's integrity check),
// fully migrated, and holding every table's rows; a second backup to the
// same file is refused.
func TestBackupRestores(t *testing.T) {
	t.Parallel()
	st := storetest.New(t, dialect.SQLite)
	if _, err := seed.Run(t.Context(), st.Client, seed.Options{Households: 30, Seed: 3, Today: storetest.SeedDay}); err != nil {
		t.Fatal(err)
	}
	before := tableCounts(t, st)
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := st.Backup(t.Context(), path); err != nil {
		t.Fatal(err)
	}
	copied, err := store.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	var integrity string
	if err := copied.DB.QueryRowContext(t.Context(), "PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("integrity check of the backup: %q %v", integrity, err)
	}
	if after := tableCounts(t, copied); after != before {
		t.Errorf("the backup holds %s, the registry %s", after, before)
	}
	if n, err := copied.Pending(t.Context()); err != nil || n != 0 {
		t.Errorf("the backup has %d migrations pending (%v)", n, err)
	}
	if err := st.Backup(t.Context(), path); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second backup over the first: %v", err)
	}
}

func tableCounts(t *testing.T, st *store.Store) string {
	t.Helper()
	var out []string
	for _, table := range migrate.Tables {
		var n int
		if err := st.DB.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM "+table.Name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %d", table.Name, n))
	}
	return strings.Join(out, ", ")
}
