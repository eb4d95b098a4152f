package store

import (
	"context"
	"errors"
	"fmt"
	"os"

	"entgo.io/ent/dialect"
)

// Backup writes a consistent copy of the SQLite database to path while the
// server may be running (VACUUM INTO reads one snapshot, so writes during
// the copy are either wholly in it or not at all). path must not exist:
// an old backup is never overwritten by mistake. PostgreSQL is backed up
// with pg_dump (README.md).
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.Dialect != dialect.SQLite {
		return errors.New("this registry is on PostgreSQL: back it up with pg_dump --format=custom (see README.md)")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists: choose a new file for the backup", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("check %s: %w", path, err)
	}
	if _, err := s.DB.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	return nil
}
