package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent/outboxmessage"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/jobs"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/seed"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

var seedDay = civil.MustParse("2026-11-27")

func seeded(t *testing.T, s *store.Store, n int) {
	t.Helper()
	if _, err := seed.Run(context.Background(), s.Client, seed.Options{Households: n, Seed: 9, Today: seedDay}); err != nil {
		t.Fatal(err)
	}
}

func changeDBSRenewal(t *testing.T, s *store.Store, months int) {
	t.Helper()
	p, err := registry.Policy(context.Background(), s.Client)
	if err != nil {
		t.Fatal(err)
	}
	p.DBSRenewalMonths = months
	if _, err := registry.UpdatePolicy(context.Background(), s.Client, registry.System("test"), p); err != nil {
		t.Fatal(err)
	}
}

// TestRunnerFinishesRecalculation: two runners, as on two servers, carry a
// recalculation to its end between them, and stop when their context ends.
func TestRunnerFinishesRecalculation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seeded(t, s, 9)
		changeDBSRenewal(t, s, 12)
		ctx, stop := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for range 2 {
			r := &jobs.Runner{Client: s.Client, Dialect: s.Dialect, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
				Recalculation: jobs.Pace{Households: 2, Rest: time.Millisecond, Poll: 5 * time.Millisecond}}
			wg.Go(func() { r.Run(ctx) })
		}
		// A bound so that a runner that never finishes fails the test
		// rather than hangs it; no assertion rests on how long it takes.
		for i := 0; ; i++ {
			r, err := registry.DueRecalculation(context.Background(), s.Client)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Pending {
				break
			}
			if i == 6000 {
				t.Fatalf("the runners never finished the recalculation: %+v", r)
			}
			time.Sleep(10 * time.Millisecond)
		}
		stop()
		wg.Wait()
	})
}

// TestRemindersWaitForRecalculation: no digest is queued while due dates
// are half recalculated (it would tell people of changes that are not
// real, and the day's key would then be spent); the outbox is still sent.
// Once the recalculation is done, the digests are queued.
func TestRemindersWaitForRecalculation(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seeded(t, s, 40)
		changeDBSRenewal(t, s, 12)
		now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
		queued, _, err := jobs.RunReminders(context.Background(), s.Client, nowhere{}, "Test", now)
		if err != nil || queued != 0 {
			t.Fatalf("while recalculating: queued %d, %v; want none", queued, err)
		}
		for {
			r, err := registry.RecalculateDueItems(context.Background(), s.Client, s.Dialect, 50)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Pending {
				break
			}
		}
		queued, sent, err := jobs.RunReminders(context.Background(), s.Client, nowhere{}, "Test", now)
		if err != nil || queued == 0 || sent != queued {
			t.Fatalf("after: queued %d, sent %d, %v; want some, all sent", queued, sent, err)
		}
		if n := s.Client.OutboxMessage.Query().Where(outboxmessage.SentAtIsNil()).CountX(context.Background()); n != 0 {
			t.Errorf("%d messages unsent", n)
		}
	})
}

// nowhere is a mailer that accepts every message.
type nowhere struct{}

func (nowhere) Send(context.Context, string, string, string) error { return nil }
