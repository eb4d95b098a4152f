package registry_test

import (
	"context"
	"sync"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestViewLogCommitsEveryView shows views recorded at once by many
// requests are each committed once, before the call returns, while other
// audit events go straight through.
func TestViewLogCommitsEveryView(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		views := registry.NewViewLog(s.Client)
		ctx := registry.WithViewLog(context.Background(), views)
		const viewers = 60
		var wg sync.WaitGroup
		errs := make([]error, viewers)
		for i := range viewers {
			wg.Go(func() {
				errs[i] = registry.Audit(ctx, s.Client, registry.System("test"), auditevent.ActionView, "household", i+1, nil)
				if errs[i] == nil {
					// Committed before Audit returned: it is there to read now.
					n, err := s.Client.AuditEvent.Query().Where(auditevent.EntityID(i + 1)).Count(context.Background())
					if err != nil || n != 1 {
						t.Errorf("view of household %d: %d events (%v) right after recording it", i+1, n, err)
					}
				}
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("view %d: %v", i, err)
			}
		}
		if n := s.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionView)).CountX(ctx); n != viewers {
			t.Errorf("%d view events, want %d", n, viewers)
		}
		if commits, logged := views.Stats(); logged != viewers || commits < 1 || commits > viewers {
			t.Errorf("the log says %d views in %d commits, want %d views in 1 to %[3]d commits", logged, commits, viewers)
		}
		if err := registry.Audit(ctx, s.Client, registry.System("test"), auditevent.ActionUpdate, "household", 1, nil); err != nil {
			t.Fatal(err)
		}
		if n := s.Client.AuditEvent.Query().CountX(ctx); n != viewers+1 {
			t.Errorf("%d events after an update, want %d", n, viewers+1)
		}
	})
}
