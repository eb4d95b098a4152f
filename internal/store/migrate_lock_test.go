package store_test

import (
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestMigrationLockIsTheSchemas shows the lock that keeps two servers
// from migrating one PostgreSQL schema at once is the schema's own: two
// servers on one schema share it, and migrations of another schema (each
// test has its own) do not wait for it.
func TestMigrationLockIsTheSchemas(t *testing.T) {
	t.Parallel()
	url := storetest.PostgresURL(t)
	a, b := storetest.Open(t, url, ""), storetest.Open(t, url, "")
	other := storetest.Empty(t, dialect.Postgres)
	idA, errA := store.MigrationLockID(t.Context(), a)
	idB, errB := store.MigrationLockID(t.Context(), b)
	idOther, errOther := store.MigrationLockID(t.Context(), other)
	if errA != nil || errB != nil || errOther != nil {
		t.Fatal(errA, errB, errOther)
	}
	if idA != idB {
		t.Errorf("two servers on one schema lock %d and %d: they could migrate it at once", idA, idB)
	}
	if idA == idOther {
		t.Errorf("two schemas share the migration lock %d: one waits for the other's migrations", idA)
	}
}
