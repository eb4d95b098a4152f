package registry

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/hearth-registry/hearth/ent"
)

// viewBatch bounds how many view events one commit writes.
const viewBatch = 256

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

// record commits one view event and returns once it is written.
func (l *ViewLog) record(ctx context.Context, create *ent.AuditEventCreate) error {
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

// write commits whatever has queued while the last commit ran.
func (l *ViewLog) write() {
	for first := range l.queue {
		batch := []viewRequest{first}
	drain:
		for len(batch) < viewBatch {
			select {
			case req := <-l.queue:
				batch = append(batch, req)
			default:
				break drain
			}
		}
		creates := make([]*ent.AuditEventCreate, len(batch))
		for i, req := range batch {
			creates[i] = req.create
		}
		err := l.client.AuditEvent.CreateBulk(creates...).Exec(context.Background())
		if err != nil {
			err = fmt.Errorf("audit %d views: %w", len(batch), err)
		}
		for _, req := range batch {
			req.done <- err
		}
	}
}
