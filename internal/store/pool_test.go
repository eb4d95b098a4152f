package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestPoolKeepsItsConnections shows connections handed back while many
// requests are running are kept for the next one rather than closed and
// opened again: on PostgreSQL each new connection is a new server process,
// and that churn once cut household reads at 64 clients to a quarter.
func TestPoolKeepsItsConnections(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for range 64 {
			wg.Go(func() {
				for range 20 {
					var one int
					if err := s.DB.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if stats := s.DB.Stats(); stats.MaxIdleClosed > 0 {
			t.Errorf("%d connections closed for want of idle room (of %d opened at most)", stats.MaxIdleClosed, stats.MaxOpenConnections)
		}
	})
}
