package store

import (
	"context"
	"embed"
	"fmt"
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
	p, err := s.migrator()
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
	p, err := s.migrator()
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

func (s *Store) migrator() (*goose.Provider, error) {
	fsys, err := MigrationsFS(s.Dialect)
	if err != nil {
		return nil, err
	}
	gooseDialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if s.Dialect == dialect.Postgres {
		gooseDialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
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
	p, err := s.migrator()
	if err != nil {
		return err
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		return fmt.Errorf("apply migrations to %d: %w", version, err)
	}
	return nil
}

// MigrationVersions lists the versions of the embedded migrations in order.
func (s *Store) MigrationVersions() ([]int64, error) {
	p, err := s.migrator()
	if err != nil {
		return nil, err
	}
	var versions []int64
	for _, src := range p.ListSources() {
		versions = append(versions, src.Version)
	}
	return versions, nil
}
