package jobs

import (
	"context"
	"time"

	"github.com/hearth-registry/hearth/internal/registry"
)

// Pace is how the recalculation of due dates shares the database with the
// people at work. Each chunk is one short transaction: on SQLite every
// other writer waits for it, and on PostgreSQL a writer whose household or
// tallies it holds does. So the job sizes its chunks to take about Chunk
// each, however fast the machine, and between chunks rests at least as long
// as the chunk took, so that writers waiting behind it get their turn.
type Pace struct {
	// Chunk is how long one chunk should take (default 40 ms).
	Chunk time.Duration
	// Households fixes the households per chunk instead (for tests and
	// benchmarks); zero sizes chunks by Chunk.
	Households int
	// Rest is the least pause between chunks (default 20 ms).
	Rest time.Duration
	// Poll is how often to look for a recalculation to do (default 5 s).
	Poll time.Duration
}

// Bounds on an adaptive chunk: never so small that the per-chunk work
// dominates, never so large that one chunk holds writers for long on a
// machine that has suddenly become busy.
const (
	firstChunk = 25
	leastChunk = 5
	mostChunk  = 500
)

func (p Pace) withDefaults() Pace {
	if p.Chunk <= 0 {
		p.Chunk = 40 * time.Millisecond
	}
	if p.Rest <= 0 {
		p.Rest = 20 * time.Millisecond
	}
	if p.Poll <= 0 {
		p.Poll = 5 * time.Second
	}
	return p
}

// next is the size of the chunk after one of size households that took
// took: scaled toward the target duration, by at most half or double at a
// time so that one slow chunk (a pause for garbage collection, a burst of
// other work) does not swing it far.
func (p Pace) next(households int, took time.Duration) int {
	if p.Households > 0 {
		return p.Households
	}
	want := households
	if took > 0 {
		want = int(float64(households) * float64(p.Chunk) / float64(took))
	}
	return min(mostChunk, max(leastChunk, households/2, min(want, households*2)))
}

// recalculateLoop works through any recalculation of due dates, a chunk at
// a time, until ctx ends. It first reads whether one is pending, so that a
// server with nothing to do takes no writer's lock.
func (r *Runner) recalculateLoop(ctx context.Context) {
	pace := r.Recalculation.withDefaults()
	size := pace.next(firstChunk, 0)
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
			recalc, err = registry.RecalculateDueItems(ctx, r.Client, r.Dialect, size)
			took := time.Since(start)
			if err == nil && recalc.Pending {
				wait = max(pace.Rest, took)
				size = pace.next(size, took)
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
