// Command gen writes the next versioned migration for both databases from
// the difference between ent/schema and the migrations already in the
// repository:
//
//	go run ./internal/store/migrations/gen NAME
//	go run ./internal/store/migrations/gen -rehash   (after editing a migration by hand)
//
// SQLite is diffed in memory; PostgreSQL needs a scratch server, taken from
// HEARTH_DEV_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// on which a throwaway database is created and dropped.
package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	atlasmigrate "ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/hearth-registry/hearth/ent/migrate"
)

func main() {
	if len(os.Args) != 2 || strings.TrimSpace(os.Args[1]) == "" {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/store/migrations/gen NAME | -rehash")
		os.Exit(2)
	}
	if os.Args[1] == "-rehash" {
		if err := rehash(); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, name string) error {
	sqlite, err := sql.Open("sqlite", "file:dev?mode=memory&_pragma=foreign_keys(1)")
	if err != nil {
		return err
	}
	defer sqlite.Close()
	sqlite.SetMaxOpenConns(1) // one in-memory database, not one per connection
	if err := diff(ctx, sqlite, dialect.SQLite, "internal/store/migrations/sqlite", name); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	if err := warnAboutRebuilds("internal/store/migrations/sqlite"); err != nil {
		return err
	}
	return withScratchPostgres(ctx, func(db *sql.DB) error {
		if err := diff(ctx, db, dialect.Postgres, "internal/store/migrations/postgres", name); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
		return nil
	})
}

// rehash rewrites atlas.sum in both folders after a reviewed hand edit, so
// that the next diff replays the edited files.
func rehash() error {
	for _, folder := range []string{"internal/store/migrations/sqlite", "internal/store/migrations/postgres"} {
		dir, err := sqltool.NewGooseDir(folder)
		if err != nil {
			return err
		}
		sum, err := dir.Checksum()
		if err != nil {
			return fmt.Errorf("%s: %w", folder, err)
		}
		if err := atlasmigrate.WriteSumFile(dir, sum); err != nil {
			return fmt.Errorf("%s: %w", folder, err)
		}
	}
	return nil
}

// diff replays the existing migrations on an empty dev database and writes
// what ent/schema needs beyond them as a goose file.
func diff(ctx context.Context, db *sql.DB, d, folder, name string) error {
	dir, err := sqltool.NewGooseDir(folder)
	if err != nil {
		return err
	}
	return migrate.NewSchema(entsql.OpenDB(d, db)).NamedDiff(ctx, name,
		schema.WithDir(dir),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(d),
		schema.WithFormatter(sqltool.GooseFormatter),
		migrate.WithDropColumn(true),
		migrate.WithDropIndex(true),
	)
}

// warnAboutRebuilds refuses to leave a SQLite migration that rebuilds a
// table: goose runs each file in a transaction, where SQLite ignores
// "PRAGMA foreign_keys = off", so the rebuild's DROP TABLE would fire the
// foreign keys of every row pointing at it. Rewrite such a file by hand
// (ALTER TABLE … ADD COLUMN suffices for new columns), then run -rehash.
func warnAboutRebuilds(folder string) error {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return err
	}
	for _, e := range entries {
		b, err := os.ReadFile(folder + "/" + e.Name()) //nolint:gosec // a migration file that ReadDir just listed
		if err != nil {
			return err
		}
		up, _, _ := strings.Cut(string(b), "-- +goose Down")
		if rebuildsTable(up) {
			return fmt.Errorf("%s/%s rebuilds a table; rewrite it by hand (see warnAboutRebuilds), then run -rehash", folder, e.Name())
		}
	}
	return nil
}

func withScratchPostgres(ctx context.Context, f func(*sql.DB) error) error {
	url := os.Getenv("HEARTH_DEV_DATABASE_URL")
	if url == "" {
		url = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	admin, err := sql.Open("pgx", url)
	if err != nil {
		return err
	}
	defer admin.Close()
	scratch := fmt.Sprintf("hearth_migrate_%d", time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+scratch); err != nil {
		return fmt.Errorf("create scratch database (is PostgreSQL running?): %w", err)
	}
	defer func() {
		if _, err := admin.ExecContext(context.WithoutCancel(ctx), "DROP DATABASE "+scratch+" WITH (FORCE)"); err != nil {
			fmt.Fprintf(os.Stderr, "gen: drop scratch database %s: %v\n", scratch, err)
		}
	}()
	db, err := sql.Open("pgx", replaceDatabase(url, scratch))
	if err != nil {
		return err
	}
	return errors.Join(f(db), db.Close())
}

// replaceDatabase swaps the database name in a postgres:// URL.
func replaceDatabase(url, name string) string {
	base, query, _ := strings.Cut(url, "?")
	base = base[:strings.LastIndex(base, "/")+1] + name
	if query != "" {
		return base + "?" + query
	}
	return base
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
