package server

import (
	"context"
	"time"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/mail"
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
// Several servers may run it at once: each message is queued once and sent
// once.
func RunReminders(ctx context.Context, s *Server, m registry.Mailer, now time.Time) (queued, sent int, err error) {
	queued, err = registry.QueueReminders(ctx, s.store.Client, civil.Today(now), s.cfg.ServiceName)
	if err != nil {
		return queued, 0, err
	}
	sent, err = registry.DeliverOutbox(ctx, s.store.Client, m, now, outboxLease)
	return queued, sent, err
}

// reminderLoop runs the reminder job until ctx ends, when SMTP is
// configured; otherwise reminders are off.
func (s *Server) reminderLoop(ctx context.Context) {
	if !s.cfg.Reminders() {
		return
	}
	m := mail.SMTP{Addr: s.cfg.SMTPAddr, From: s.cfg.SMTPFrom, User: s.cfg.SMTPUser, Password: s.cfg.SMTPPassword}
	tick := time.NewTicker(reminderEvery)
	defer tick.Stop()
	for {
		queued, sent, err := RunReminders(ctx, s, m, time.Now())
		if err != nil {
			s.log.Error("reminders", "err", err)
		} else if queued+sent > 0 {
			s.log.Info("reminders", "queued", queued, "sent", sent)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
