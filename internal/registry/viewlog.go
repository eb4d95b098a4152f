package registry

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hearth-registry/hearth/ent"
)

// viewBatch bounds how many view events one commit writes.
const viewBatch = 256

// viewLinger is how long the writer waits for more views before a commit
// when views are arriving together. Every commit costs a disk flush, WAL
// frames and now and then a checkpoint, and with 64 readers at once the
// server spent more CPU on those than on the reads: waiting this long grew
// commits from 6-8 views to 16-18 and reads by about a fifth. A lone
// reader never waits: the writer lingers only after a commit of several.
const viewLinger = 300 * time.Microsecond

// ViewLog records who looked at which record, committing the views of
// requests that arrive together in one transaction. Every read of a
// household is audited, and committing each view alone costs a disk flush:
// at 8 readers at once that held reads to 1,700 a second on SQLite. Each
// request still waits until its own event is committed, so nothing is held
// in memory that a crash could lose: the batching only lets concurrent
// requests share a commit.
type ViewLog struct {
	client *ent.Client
	start  sync.Once
	queue  chan viewRequest
	// commits and events count what the writer has done, for benchmarks.
	commits, events atomic.Int64
}

type viewRequest struct {
	create *ent.AuditEventCreate
	done   chan error
}

// NewViewLog returns a log writing through client.
func NewViewLog(client *ent.Client) *ViewLog {
	return &ViewLog{client: client, queue: make(chan viewRequest, viewBatch)}
}

type viewLogKey struct{}

// WithViewLog makes Audit record views in ctx through l.
func WithViewLog(ctx context.Context, l *ViewLog) context.Context {
	return context.WithValue(ctx, viewLogKey{}, l)
}

// record commits one view event and returns once it is written. An event
// the trail cannot hold is refused here, before it joins a batch, so that
// it fails only its own request.
func (l *ViewLog) record(ctx context.Context, create *ent.AuditEventCreate) error {
	if err := checkEvent(create.Mutation()); err != nil {
		return fmt.Errorf("audit view: %w", err)
	}
	req := viewRequest{create: create.SetAt(time.Now()), done: make(chan error, 1)}
	l.start.Do(func() { go l.write() }) // one writer per process, for its life
	select {
	case l.queue <- req:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Stats answers how many commits the log has made and how many views they
// held.
func (l *ViewLog) Stats() (commits, views int64) {
	return l.commits.Load(), l.events.Load()
}

// write commits whatever has queued while the last commit ran, waiting a
// moment for more when the last commit held several.
func (l *ViewLog) write() {
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	together := false
	for first := range l.queue {
		batch := []viewRequest{first}
		var wait <-chan time.Time
		if together {
			linger.Reset(viewLinger)
			wait = linger.C
		}
	drain:
		for len(batch) < viewBatch {
			if wait == nil { // take only what has queued already
				select {
				case req := <-l.queue:
					batch = append(batch, req)
					continue
				default:
					break drain
				}
			}
			select {
			case req := <-l.queue:
				batch = append(batch, req)
			case <-wait:
				break drain
			}
		}
		linger.Stop()
		together = len(batch) > 1
		l.commit(batch)
	}
}

// commit writes a batch of views in one statement and tells each request
// how its view fared. If the batch fails, each view is written again on
// its own, so that one the database refuses (whatever checkEvent missed)
// fails only its own request, never the others that shared its commit.
func (l *ViewLog) commit(batch []viewRequest) {
	creates := make([]*ent.AuditEventCreate, len(batch))
	for i, req := range batch {
		creates[i] = req.create
	}
	err := l.client.AuditEvent.CreateBulk(creates...).Exec(context.Background())
	l.commits.Add(1)
	l.events.Add(int64(len(batch)))
	if err != nil && len(batch) > 1 {
		l.commitEach(batch)
		return
	}
	if err != nil {
		err = fmt.Errorf("audit view: %w", err)
	}
	for _, req := range batch {
		req.done <- err
	}
}

// commitEach writes each view of a failed batch on its own. The batch was
// one statement, so it left nothing behind to write twice.
func (l *ViewLog) commitEach(batch []viewRequest) {
	for _, req := range batch {
		err := req.create.Exec(context.Background())
		l.commits.Add(1)
		if err != nil {
			err = fmt.Errorf("audit view: %w", err)
		}
		req.done <- err
	}
}
