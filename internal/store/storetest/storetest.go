// Package storetest gives each test a fresh, migrated database: a real
// SQLite file in the test's temporary folder, and — where PostgreSQL is
// available — a fresh schema on a real PostgreSQL server.
//
// Every store it opens has the registry's rules wired into its client, as
// the hearth command wires them (registry.Wire): the store package knows
// nothing of the registry, and this package, which no package but tests
// imports, is where the two meet for them.
//
// PostgreSQL tests run when HEARTH_TEST_POSTGRES_URL is set and are skipped
// otherwise, unless HEARTH_REQUIRE_POSTGRES=1 (set by .ci/run), which turns a
// missing server into a failure.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
)

// Dialects are the databases a test can run on, in the order Each runs them.
var Dialects = []string{dialect.SQLite, dialect.Postgres}

// Each runs f once per database as subtests named "sqlite" and "postgres",
// each with its own freshly migrated store.
func Each(t *testing.T, f func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(name(d), func(t *testing.T) {
			f(t, New(t, d))
		})
	}
}

// New returns a migrated store on dialect d, closed and dropped when the
// test ends. Its commits skip the disk flush that a registry people use
// makes (store.OpenSQLiteForTests, synchronous_commit=off): a test's
// database is thrown away, and the flushes made the suite slower.
func New(t testing.TB, d string) *store.Store {
	t.Helper()
	s := Empty(t, d)
	Migrate(t, s)
	return s
}

// Migrate applies s's pending migrations and brings its due items up to
// this release's rules, as hearth serve does on starting.
func Migrate(t testing.TB, s *store.Store) {
	t.Helper()
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if _, err := registry.EnsureDueItemsCurrent(context.Background(), s.Client, s.Dialect); err != nil {
		t.Fatalf("bring due items up to date: %v", err)
	}
}

// Open opens, with the registry's rules wired in, the database a server
// or a command under test uses: PostgreSQL at databaseURL when it is set,
// else the SQLite file at sqlitePath. It is closed when the test ends.
func Open(t testing.TB, databaseURL, sqlitePath string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), databaseURL, sqlitePath)
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	registry.Wire(s.Client, s.Dialect)
	t.Cleanup(func() { s.Close() })
	return s
}

// Empty returns an unmigrated store on dialect d.
func Empty(t testing.TB, d string) *store.Store {
	t.Helper()
	var s *store.Store
	var err error
	if d == dialect.Postgres {
		s, err = store.Open(context.Background(), PostgresURL(t), "")
	} else {
		tally(t, d)
		s, err = store.OpenSQLiteForTests(context.Background(), t.TempDir()+"/hearth.db")
	}
	if err != nil {
		t.Fatalf("open %s: %v", d, err)
	}
	registry.Wire(s.Client, s.Dialect)
	t.Cleanup(func() { s.Close() })
	return s
}

// PostgresURL creates a schema for this test on the server named by
// HEARTH_TEST_POSTGRES_URL and returns a URL whose connections use it. The
// schema is dropped when the test ends.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("HEARTH_TEST_POSTGRES_URL")
	if base == "" {
		if os.Getenv("HEARTH_REQUIRE_POSTGRES") == "1" {
			t.Fatal("HEARTH_REQUIRE_POSTGRES=1 but HEARTH_TEST_POSTGRES_URL is not set")
		}
		t.Skip("PostgreSQL not configured: set HEARTH_TEST_POSTGRES_URL to run this test on it")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open PostgreSQL: %v", err)
	}
	defer admin.Close()
	tally(t, dialect.Postgres)
	schema := "t_" + randomHex(8)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("PostgreSQL at HEARTH_TEST_POSTGRES_URL is not usable: %v", err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", base); err == nil {
			if _, err := db.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
				t.Logf("drop test schema %s: %v", schema, err)
			}
			db.Close()
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	// synchronous_commit=off: a commit returns before PostgreSQL flushes it
	// to disk. Only a crash of the PostgreSQL server itself could lose one,
	// which no test causes (the crash tests kill Hearth, not the database).
	return base + sep + "search_path=" + schema + "&synchronous_commit=off"
}

// tally records a database test that passed, so that .ci/run can say how
// many tests really ran on each database rather than being skipped.
func tally(t testing.TB, d string) {
	path := os.Getenv("HEARTH_TEST_TALLY")
	if path == "" {
		return
	}
	t.Cleanup(func() {
		if t.Failed() || t.Skipped() {
			return
		}
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600) //nolint:gosec // the file .ci/run names in HEARTH_TEST_TALLY
		if err != nil {
			return
		}
		defer f.Close()
		fmt.Fprintf(f, "%s %s\n", name(d), t.Name())
	})
}

func name(d string) string {
	if d == dialect.Postgres {
		return "postgres"
	}
	return "sqlite"
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Write runs f in one transaction and fails the test if it errs. Changes to
// the records the compliance rules read must run in a transaction (their
// due items move with them), so test factories write through this.
func Write(t testing.TB, client *ent.Client, f func(tx *ent.Client) error) {
	t.Helper()
	if err := registry.InTx(context.Background(), client, f); err != nil {
		t.Fatalf("write: %v", err)
	}
}
