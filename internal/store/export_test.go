package store

import "context"

// MigrationLockID exposes the migration lock's id to the tests.
func MigrationLockID(ctx context.Context, s *Store) (int64, error) { return s.migrationLockID(ctx) }
