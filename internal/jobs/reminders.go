package jobs

import (
	"context"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// reminderEvery is how often the reminder job runs. It queues each
// person's digest once a day whatever the interval (the outbox key is the
// day), so running hourly only means a restart or a new server catches up
// within the hour.
const reminderEvery = time.Hour

// outboxLease is how long a server may hold a message it is sending before
// another takes it over.
const outboxLease = 10 * time.Minute

// RunReminders queues today's digests and sends what waits in the outbox.
// Several servers may run it at once: each digest has one key a day in the
// outbox, so it is queued once, and each message is claimed before it is
// sent, so it is sent once.
//
// While due dates are being worked out again after a policy or catalogue
// change, no digest is queued: a digest says what changed standing today,
// and half-recalculated dates would tell people of changes that are not
// real, once and for good (the day's key is then taken). The next run
// after the recalculation finishes, within the hour, queues them.
func RunReminders(ctx context.Context, client *ent.Client, m registry.Mailer, service string, now time.Time) (queued, sent int, err error) {
	recalc, err := registry.DueRecalculation(ctx, client)
	if err != nil {
		return 0, 0, err
	}
	if !recalc.Pending {
		if queued, err = registry.QueueReminders(ctx, client, civil.Today(now), service); err != nil {
			return queued, 0, err
		}
	}
	sent, err = registry.DeliverOutbox(ctx, client, m, now, outboxLease)
	return queued, sent, err
}

// reminderLoop runs the reminder job now and then hourly until ctx ends.
func (r *Runner) reminderLoop(ctx context.Context) {
	for {
		queued, sent, err := RunReminders(ctx, r.Client, r.Mailer, r.ServiceName, time.Now())
		switch {
		case err != nil && ctx.Err() == nil:
			r.Log.Error("reminders", "err", err)
		case queued+sent > 0:
			r.Log.Info("reminders", "queued", queued, "sent", sent)
		}
		if !sleep(ctx, reminderEvery) {
			return
		}
	}
}
