package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/hearth-registry/hearth/internal/store"
)

// TestIsBusy shows a write refused because another holds SQLite's writer
// lock, and PostgreSQL's deadlock and serialisation failures, are told
// apart from faults; other errors are not.
func TestIsBusy(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/busy.db"
	holder, err := sql.Open("sqlite", store.SQLiteDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	ctx := context.Background()
	if _, err := holder.Exec("CREATE TABLE t (x int)"); err != nil {
		t.Fatal(err)
	}
	tx, err := holder.BeginTx(ctx, nil) // immediate: takes the writer lock now
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	impatient, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer impatient.Close()
	_, busy := impatient.Exec("INSERT INTO t VALUES (2)")
	if busy == nil {
		t.Fatal("a second writer got in while the first held the lock")
	}
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"SQLiteBusy", fmt.Errorf("save: %w", busy), true},
		{"PostgresDeadlock", fmt.Errorf("save: %w", &pgconn.PgError{Code: "40P01"}), true},
		{"PostgresSerialization", &pgconn.PgError{Code: "40001"}, true},
		{"PostgresUniqueViolation", &pgconn.PgError{Code: "23505"}, false},
		{"Other", errors.New("disk full"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := store.IsBusy(tc.err); got != tc.want {
				t.Errorf("IsBusy(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}
