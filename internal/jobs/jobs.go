// Package jobs runs the work Hearth does in the background, beside the
// HTTP server rather than inside it: the daily reminder emails, and working
// due dates out again after a change to the course catalogue or to the
// service's settings. Every job keeps its state in the database, never in
// this process, so any number of servers may run them at once against one
// PostgreSQL database: each reminder is queued and sent once, and each
// chunk of a recalculation is worked by one server, and carried on by
// another if that one stops.
package jobs

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Runner runs the background jobs until its context ends.
type Runner struct {
	Client  *ent.Client
	Dialect string
	Log     *slog.Logger
	// Mailer sends the reminder emails; nil turns reminders off.
	Mailer registry.Mailer
	// ServiceName names the fostering service in each reminder.
	ServiceName string
	// Recalculation paces the recalculation of due dates; zero values take
	// the defaults.
	Recalculation Pace
}

// Run starts every job and returns when ctx ends and each has stopped. A
// job's failure is logged and tried again at its next turn: nothing a job
// does is lost by stopping part-way, as its progress is in the database.
func (r *Runner) Run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() { r.recalculateLoop(ctx) })
	if r.Mailer != nil {
		wg.Go(func() { r.reminderLoop(ctx) })
	}
	wg.Wait()
}

// sleep waits for d or for ctx to end, and reports whether to carry on.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
