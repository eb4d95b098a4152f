package jobs

import (
	"context"
	"time"

	"github.com/hearth-registry/hearth/internal/registry"
)

// Pace is how the recalculation of due dates shares the database with the
// people at work. Each chunk is one short transaction; between chunks the
// job rests at least as long as the chunk took, so that writers waiting
// behind it (on SQLite, every writer) get their turn.
type Pace struct {
	// Households per chunk (default 100: tens of milliseconds of work).
	Households int
	// Rest is the least pause between chunks (default 50 ms).
	Rest time.Duration
	// Poll is how often to look for a recalculation to do (default 5 s).
	Poll time.Duration
}

func (p Pace) withDefaults() Pace {
	if p.Households <= 0 {
		p.Households = 100
	}
	if p.Rest <= 0 {
		p.Rest = 50 * time.Millisecond
	}
	if p.Poll <= 0 {
		p.Poll = 5 * time.Second
	}
	return p
}

// recalculateLoop works through any recalculation of due dates, a chunk at
// a time, until ctx ends. It first reads whether one is pending, so that a
// server with nothing to do takes no writer's lock.
func (r *Runner) recalculateLoop(ctx context.Context) {
	pace := r.Recalculation.withDefaults()
	working := false
	for {
		wait := pace.Poll
		recalc, err := registry.DueRecalculation(ctx, r.Client)
		switch {
		case err == nil && recalc.Pending:
			if !working {
				r.Log.Info("recalculating due dates", "households", recalc.Total)
				working = true
			}
			start := time.Now()
			recalc, err = registry.RecalculateDueItems(ctx, r.Client, r.Dialect, pace.Households)
			if err == nil && recalc.Pending {
				wait = max(pace.Rest, time.Since(start))
			} else if err == nil {
				// Finished, or another server holds the chunk: look
				// again soon, which also tells the two apart.
				wait = pace.Rest
			}
		case err == nil && working:
			r.Log.Info("due dates recalculated")
			working = false
		}
		if err != nil && ctx.Err() == nil {
			r.Log.Error("recalculating due dates", "err", err)
		}
		if !sleep(ctx, wait) {
			return
		}
	}
}
