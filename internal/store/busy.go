package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

// IsBusy reports whether err says the database could not take the change
// just now, and nothing was written: SQLite's writer lock held past the
// busy timeout (a long service-wide recalculation, say), or PostgreSQL
// ending one side of a deadlock or a serialisation conflict. Trying again
// shortly succeeds, so callers should say that rather than report a fault.
func IsBusy(err error) bool {
	var lite interface{ Code() int }
	if errors.As(err, &lite) {
		switch lite.Code() & 0xff { // the primary code, without the extended bits
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			return true
		}
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "40001", "40P01", "55P03": //nolint:misspell // PostgreSQL's names: serialization_failure, deadlock_detected, lock_not_available
			return true
		}
	}
	return false
}
