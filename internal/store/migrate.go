package store

import (
	"context"
	"embed"
	"fmt"
	"hash/crc32"
	"io/fs"

	"entgo.io/ent/dialect"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrations holds the versioned migrations generated from ent/schema, one
// folder per dialect (task migration NAME=…). They are embedded so the
// binary migrates its own database.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// MigrationsFS returns the migrations folder for a dialect.
func MigrationsFS(d string) (fs.FS, error) {
	folder := map[string]string{dialect.SQLite: "migrations/sqlite", dialect.Postgres: "migrations/postgres"}[d]
	if folder == "" {
		return nil, fmt.Errorf("no migrations for dialect %q", d)
	}
	return fs.Sub(migrations, folder)
}

// Migrate applies every pending migration and reports how many ran. On
// PostgreSQL a session lock makes concurrent start-ups of several `hearth
// serve` processes take turns instead of racing. The due items, derived
// data, are brought up to this release's rules by the caller afterwards
// (registry.EnsureDueItemsCurrent): the store knows nothing of the rules.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	p, err := s.migrator(ctx)
	if err != nil {
		return 0, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return len(results), fmt.Errorf("apply migrations: %w", err)
	}
	return len(results), nil
}

// Pending reports how many migrations have not been applied.
func (s *Store) Pending(ctx context.Context) (int, error) {
	p, err := s.migrator(ctx)
	if err != nil {
		return 0, err
	}
	status, err := p.Status(ctx)
	if err != nil {
		return 0, fmt.Errorf("migration status: %w", err)
	}
	n := 0
	for _, st := range status {
		if st.State == goose.StatePending {
			n++
		}
	}
	return n, nil
}

func (s *Store) migrator(ctx context.Context) (*goose.Provider, error) {
	fsys, err := MigrationsFS(s.Dialect)
	if err != nil {
		return nil, err
	}
	gooseDialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if s.Dialect == dialect.Postgres {
		gooseDialect = goose.DialectPostgres
		id, err := s.migrationLockID(ctx)
		if err != nil {
			return nil, err
		}
		// Retried each second, not goose's five: a server starting beside
		// another waits for its migrations no longer than it must.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(id), lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, fmt.Errorf("migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(gooseDialect, s.DB, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return p, nil
}

// MigrateTo applies pending migrations up to and including version.
func (s *Store) MigrateTo(ctx context.Context, version int64) error {
	p, err := s.migrator(ctx)
	if err != nil {
		return err
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		return fmt.Errorf("apply migrations to %d: %w", version, err)
	}
	return nil
}

// MigrationVersions lists the versions of the embedded migrations in order.
func (s *Store) MigrationVersions(ctx context.Context) ([]int64, error) {
	p, err := s.migrator(ctx)
	if err != nil {
		return nil, err
	}
	var versions []int64
	for _, src := range p.ListSources() {
		versions = append(versions, src.Version)
	}
	return versions, nil
}

// migrationLockID is the PostgreSQL advisory lock that keeps two servers
// from migrating the same schema at once. It is named for the schema the
// connection uses, not one for the whole server as goose's own is: the
// migrations are the schema's, and with one lock for all, migrations of
// unrelated schemas (each test has its own) waited for each other, five
// seconds at a time.
func (s *Store) migrationLockID(ctx context.Context) (int64, error) {
	var schema string
	if err := s.DB.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return 0, fmt.Errorf("migration lock: find the schema: %w", err)
	}
	return int64(crc32.ChecksumIEEE([]byte("hearth migrations " + schema))), nil
}
