package server

import (
	"testing"

	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
)

// finishRecalculation does what the background job does after a change
// that moves dates across the service, and fails unless the change
// recorded one.
func finishRecalculation(t *testing.T, st *store.Store) {
	t.Helper()
	r, err := registry.DueRecalculation(t.Context(), st.Client)
	if err != nil || !r.Pending {
		t.Fatalf("the change recorded no recalculation: %+v, %v", r, err)
	}
	for r.Pending {
		if r, err = registry.RecalculateDueItems(t.Context(), st.Client, st.Dialect, 50); err != nil {
			t.Fatalf("recalculate: %v", err)
		}
	}
}
