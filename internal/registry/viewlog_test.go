package registry_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/hearth-registry/hearth/ent"
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

// TestViewLogOneBadViewFailsOnlyItself records, many times at once, views
// whose events are sound beside one whose request id is longer than the
// trail keeps: the bad one is refused, and every other is committed, even
// those that would have shared its commit.
func TestViewLogOneBadViewFailsOnlyItself(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		views := registry.NewViewLog(s.Client)
		ctx := registry.WithViewLog(context.Background(), views)
		bad := registry.System("test")
		bad.RequestID = strings.Repeat("r", 10_000)
		const rounds, viewers = 5, 20
		for round := range rounds {
			var wg sync.WaitGroup
			errs := make([]error, viewers)
			var badErr error
			wg.Go(func() {
				badErr = registry.Audit(ctx, s.Client, bad, auditevent.ActionView, "household", 0, nil)
			})
			for i := range viewers {
				wg.Go(func() {
					errs[i] = registry.Audit(ctx, s.Client, registry.System("test"), auditevent.ActionView, "household", round*viewers+i+1, nil)
				})
			}
			wg.Wait()
			if badErr == nil {
				t.Errorf("round %d: the bad view was recorded", round)
			}
			for i, err := range errs {
				if err != nil {
					t.Errorf("round %d: view %d failed beside the bad one: %v", round, i, err)
				}
			}
		}
		if n := s.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionView)).CountX(ctx); n != rounds*viewers {
			t.Errorf("%d view events, want %d", n, rounds*viewers)
		}
	})
}

// TestViewLogRetriesEachViewOfAFailedBatch commits a batch holding one
// view the database refuses (its request id is longer than the trail
// keeps; record refuses such a view, so the batch is formed past it): the
// batch fails, each view is written again on its own, and only the bad
// one's request is told it failed.
func TestViewLogRetriesEachViewOfAFailedBatch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		var creates []*ent.AuditEventCreate
		for i := range 5 {
			create := s.Client.AuditEvent.Create().SetActorLabel("system: test").SetAction(auditevent.ActionView).
				SetEntity("household").SetEntityID(i + 1)
			if i == 2 {
				create.SetRequestID(strings.Repeat("r", 10_000))
			}
			creates = append(creates, create)
		}
		for i, err := range registry.CommitViews(registry.NewViewLog(s.Client), creates...) {
			if (err != nil) != (i == 2) {
				t.Errorf("view %d: %v", i, err)
			}
		}
		if n := s.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionView)).CountX(context.Background()); n != 4 {
			t.Errorf("%d views written, want the 4 good ones", n)
		}
	})
}
