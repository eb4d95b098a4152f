package store

import (
	"context"
	"errors"
	"fmt"

	"entgo.io/ent/dialect"
)

// indexesQuery lists the non-unique secondary indexes of Hearth's tables
// with the statement that creates each, per dialect. Unique indexes are left
// alone so that uniqueness is enforced during a bulk load too.
var indexesQuery = map[string]string{
	dialect.SQLite: `SELECT name, sql FROM sqlite_master
		WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name`,
	dialect.Postgres: `SELECT indexname, indexdef FROM pg_indexes
		WHERE schemaname = current_schema() AND indexdef NOT LIKE 'CREATE UNIQUE%' ORDER BY indexname`,
}

type secondaryIndex struct{ name, create string }

// WithoutSecondaryIndexes runs f with the non-unique indexes dropped and
// builds them again afterwards, whether or not f succeeds. Loading millions
// of rows into indexed tables rewrites index pages at random on every batch;
// building each index once from the loaded rows is many times faster. Only
// for loading an empty registry: queries during f run without indexes.
func (s *Store) WithoutSecondaryIndexes(ctx context.Context, f func() error) error {
	indexes, err := s.secondaryIndexes(ctx)
	if err != nil {
		return err
	}
	for _, ix := range indexes {
		if _, err := s.DB.ExecContext(ctx, "DROP INDEX "+quote(s.Dialect, ix.name)); err != nil {
			return errors.Join(fmt.Errorf("drop index %s: %w", ix.name, err), s.createIndexes(ctx, indexes))
		}
	}
	return errors.Join(f(), s.createIndexes(context.WithoutCancel(ctx), indexes))
}

func (s *Store) secondaryIndexes(ctx context.Context) ([]secondaryIndex, error) {
	rows, err := s.DB.QueryContext(ctx, indexesQuery[s.Dialect])
	if err != nil {
		return nil, fmt.Errorf("list indexes: %w", err)
	}
	defer rows.Close()
	var out []secondaryIndex
	for rows.Next() {
		var ix secondaryIndex
		if err := rows.Scan(&ix.name, &ix.create); err != nil {
			return nil, fmt.Errorf("list indexes: %w", err)
		}
		out = append(out, ix)
	}
	return out, rows.Err()
}

// createIndexes rebuilds dropped indexes (IF NOT EXISTS, so that it is safe
// after a partial drop) and refreshes the planner's statistics.
func (s *Store) createIndexes(ctx context.Context, indexes []secondaryIndex) error {
	var errs []error
	for _, ix := range indexes {
		stmt := ix.create
		if len(stmt) > len("CREATE INDEX ") && stmt[:len("CREATE INDEX ")] == "CREATE INDEX " {
			stmt = "CREATE INDEX IF NOT EXISTS " + stmt[len("CREATE INDEX "):]
		}
		if _, err := s.DB.ExecContext(ctx, stmt); err != nil {
			errs = append(errs, fmt.Errorf("rebuild index %s: %w", ix.name, err))
		}
	}
	if _, err := s.DB.ExecContext(ctx, "ANALYZE"); err != nil { //nolint:misspell // SQL's ANALYZE
		errs = append(errs, fmt.Errorf("analyze: %w", err)) //nolint:misspell // names SQL's ANALYZE
	}
	return errors.Join(errs...)
}

func quote(d, name string) string {
	if d == dialect.Postgres {
		return `"` + name + `"`
	}
	return "`" + name + "`"
}
