// Package store opens Hearth's database — the embedded SQLite file by
// default, PostgreSQL when configured — and keeps its schema migrated.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"               // the pure-Go SQLite driver (also registered as "sqlite")

	"github.com/hearth-registry/hearth/ent"
	_ "github.com/hearth-registry/hearth/ent/runtime" // schema hooks: versions, archiving, append-only audit
)

// Store is an open database with its ent client. It knows the schema but
// none of the registry's rules: whoever opens one for use wires those into
// its client (registry.Wire) before the first write.
type Store struct {
	// Client is the ent client every package uses for reads and writes.
	Client *ent.Client
	// DB is the underlying pool, for migrations, readiness and backups.
	DB *sql.DB
	// Dialect is dialect.SQLite or dialect.Postgres.
	Dialect string
}

// Open connects to PostgreSQL when databaseURL is set, otherwise to the
// SQLite file at sqlitePath (creating its folder when missing). It checks the
// connection before returning, so an unreachable database fails here with a
// clear error rather than on the first request.
func Open(ctx context.Context, databaseURL, sqlitePath string) (*Store, error) {
	if databaseURL != "" {
		return openPostgres(ctx, databaseURL)
	}
	return OpenSQLite(ctx, sqlitePath)
}

// SQLiteDSN is the connection string for the SQLite file at path: WAL so
// readers never wait for the writer, foreign keys enforced, a busy timeout
// instead of instant "database is locked", synchronous=FULL so a commit
// survives a power cut, and immediate transactions so two writers queue
// rather than deadlock on upgrade. A 3 MiB page cache per connection holds
// the hot parts of the indexes; the operating system's file cache holds
// the rest. (64 MiB a connection took the server past 500 MB under the
// load test at 50,000 households, and was slower; 2 MiB was slower too:
// docs/load.md.)
func SQLiteDSN(path string) string {
	return sqliteDSN(path, "FULL")
}

func sqliteDSN(path, synchronous string) string {
	return "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(" + synchronous + ")&_pragma=cache_size(-3072)" +
		"&_pragma=temp_store(memory)&_txlock=immediate"
}

// OpenSQLite opens (creating if needed) the SQLite database at path.
func OpenSQLite(ctx context.Context, path string) (*Store, error) {
	return openSQLite(ctx, path, SQLiteDSN(path))
}

// OpenSQLiteForTests opens the SQLite database at path as OpenSQLite does,
// but with synchronous=NORMAL: a commit survives the process dying but not
// the machine losing power, which a test's throwaway file never needs, and
// each commit skips a disk flush. Never for a registry people use; the
// crash and durability tests run the real server, with FULL.
func OpenSQLiteForTests(ctx context.Context, path string) (*Store, error) {
	return openSQLite(ctx, path, sqliteDSN(path, "NORMAL"))
}

func openSQLite(ctx context.Context, path, dsn string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	connector, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, fmt.Errorf("open SQLite database %s: %w", path, err)
	}
	db := sql.OpenDB(cachingConnector{connector})
	// Keep the connections open: each has its own page cache, and the
	// default of two idle connections meant that under concurrent requests
	// most queries ran on a fresh connection with a cold cache. Six
	// connections bound the caches to 18 MiB: at 64 clients on two cores,
	// eight ran no faster and held 12 MB more (docs/load.md). Not fewer: a
	// writer waiting for SQLite's write lock holds its connection, and
	// readers must not queue behind a few of those.
	db.SetMaxOpenConns(6)
	db.SetMaxIdleConns(6)
	if err := ping(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open SQLite database %s: %w", path, err)
	}
	return wrap(db, dialect.SQLite), nil
}

func openPostgres(ctx context.Context, url string) (*Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL database: %w", err)
	}
	// As many idle as open: with fewer, every connection handed back
	// beyond the idle limit was closed and a new one (a new server process
	// on PostgreSQL's side) opened for the next request. At 64 clients that
	// churn held household reads to 2,500 a second; without it, 9,500.
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := ping(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	return wrap(db, dialect.Postgres), nil
}

func wrap(db *sql.DB, d string) *Store {
	return &Store{Client: ent.NewClient(ent.Driver(entsql.OpenDB(d, db))), DB: db, Dialect: d}
}

func ping(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}

// Name is the database's name for people: "sqlite" or "postgres".
func (s *Store) Name() string {
	if s.Dialect == dialect.Postgres {
		return "postgres"
	}
	return "sqlite"
}

// Ping reports whether the database answers; /readyz uses it.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.DB.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("database not reachable: %w", err)
	}
	return nil
}

// Close closes the ent client and the pool.
func (s *Store) Close() error {
	return errors.Join(s.Client.Close(), s.DB.Close())
}
