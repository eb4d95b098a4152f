package store

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"modernc.org/sqlite"
)

// openCached opens a bare SQLite database through the statement cache,
// with one connection so that every query meets the same cache.
func openCached(t *testing.T) (*sql.DB, func() *cachingConn) {
	t.Helper()
	connector, err := sqlite.NewConnector(SQLiteDSN(t.TempDir() + "/cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(cachingConnector{connector})
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	conn := func() *cachingConn {
		var c *cachingConn
		raw, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if err := raw.Raw(func(dc any) error { c = dc.(*cachingConn); return nil }); err != nil {
			t.Fatal(err)
		}
		return c
	}
	return db, conn
}

// TestStatementCache shows cached statements give the right answers when
// reused, when the same query is open twice at once, after a failure,
// after the schema changes, and past the cache's size.
func TestStatementCache(t *testing.T) {
	db, conn := openCached(t)
	ctx := context.Background()
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	mustExec("CREATE TABLE carers (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
	for _, name := range []string{"Zoë", "Siân", "Łukasz"} {
		mustExec("INSERT INTO carers (name) VALUES (?)", name)
	}
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	const byName = "SELECT COUNT(*) FROM carers WHERE name = ?"
	if count(byName, "Zoë") != 1 || count(byName, "Nobody") != 0 || count(byName, "Siân") != 1 {
		t.Error("a reused statement answered wrongly")
	}
	if _, ok := conn().stmts[byName]; !ok {
		t.Error("the statement was not kept")
	}

	// The same query open twice at once, inside one transaction. Reusing
	// the open statement would hang, so give up after a while.
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	const all = "SELECT name FROM carers ORDER BY id"
	outer, err := tx.QueryContext(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	var pairs []string
	for outer.Next() {
		var a string
		if err := outer.Scan(&a); err != nil {
			t.Fatal(err)
		}
		inner, err := tx.QueryContext(ctx, all)
		if err != nil {
			t.Fatal(err)
		}
		for inner.Next() {
			var b string
			if err := inner.Scan(&b); err != nil {
				t.Fatal(err)
			}
			pairs = append(pairs, a+b)
		}
		inner.Close()
	}
	outer.Close()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 9 || pairs[0] != "ZoëZoë" || pairs[8] != "ŁukaszŁukasz" {
		t.Errorf("nested reads of one query: %v", pairs)
	}

	// A failure, then the same statement again.
	const insert = "INSERT INTO carers (name) VALUES (?)"
	if _, err := db.ExecContext(ctx, insert, "Zoë"); err == nil {
		t.Error("a duplicate name was accepted")
	}
	mustExec(insert, "Ngozi Àdìgún")
	if count("SELECT COUNT(*) FROM carers") != 4 {
		t.Error("the insert after a failed one was lost")
	}

	// A schema change under a cached statement.
	mustExec("ALTER TABLE carers ADD COLUMN town TEXT NOT NULL DEFAULT 'Totnes'")
	if count(byName, "Łukasz") != 1 || count("SELECT COUNT(*) FROM carers WHERE town = ?", "Totnes") != 4 {
		t.Error("a cached statement misread the changed table")
	}

	// More distinct statements than the cache holds.
	for i := range stmtCacheSize + 50 {
		if got := count(fmt.Sprintf("SELECT COUNT(*) + %d FROM carers", i)); got != 4+i {
			t.Fatalf("statement %d answered %d", i, got)
		}
	}
	if n := len(conn().stmts); n > stmtCacheSize {
		t.Errorf("%d statements kept, more than %d", n, stmtCacheSize)
	}
}
