package registry

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
)

// snapshot is how a read that must see the registry in one state begins.
// On PostgreSQL, REPEATABLE READ: every query in the transaction sees the
// database as it was at the first, whatever commits meanwhile (READ
// COMMITTED, the default, would let a decision recorded halfway through
// appear in some of the reads and not others). Read-only, so PostgreSQL
// refuses a write in it and never has to abort it for a conflict. On
// SQLite every transaction reads one snapshot already (WAL, from its
// first read); read-only, it begins without taking the write lock, so
// writers do not queue behind it.
var snapshot = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}

// InSnapshot runs f in a read-only transaction in which every read sees
// the database in one state, for a document assembled from many reads (a
// review pack). It writes nothing; an audit entry for what was read is
// written after it, once the document is made.
func InSnapshot(ctx context.Context, client *ent.Client, f func(tx *ent.Client) error) error {
	tx, err := client.BeginTx(ctx, snapshot)
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	err = f(tx.Client())
	// Nothing to keep: ending it either way releases the snapshot.
	if rerr := tx.Rollback(); err == nil && rerr != nil {
		return fmt.Errorf("end read: %w", rerr)
	}
	return err
}
