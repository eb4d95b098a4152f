package registry

import (
	"context"
	"fmt"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
)

// TrailFilter chooses a page of the audit trail: of one kind of record
// (and one record), one action, one actor, from a time (inclusive) to
// another (exclusive); up to Limit entries below the entry Before (an id).
type TrailFilter struct {
	Entity        string
	EntityID      int
	Action        auditevent.Action
	ActorID       int
	From, To      time.Time
	Before, Limit int
}

// Trail reads the page of the audit trail f chooses, newest first. The id
// orders the trail, so a page stays stable while new entries arrive. Who
// may read the trail is the route's policy: the trail holds every record's
// changes, so there is no narrower scope to apply here.
func Trail(ctx context.Context, client *ent.Client, f TrailFilter) ([]*ent.AuditEvent, error) {
	q := client.AuditEvent.Query()
	if f.Entity != "" {
		q.Where(auditevent.Entity(f.Entity))
	}
	if f.EntityID != 0 {
		q.Where(auditevent.EntityID(f.EntityID))
	}
	if f.Action != "" {
		q.Where(auditevent.ActionEQ(f.Action))
	}
	if f.ActorID != 0 {
		q.Where(auditevent.ActorID(f.ActorID))
	}
	if !f.From.IsZero() {
		q.Where(auditevent.AtGTE(f.From))
	}
	if !f.To.IsZero() {
		q.Where(auditevent.AtLT(f.To))
	}
	if f.Before != 0 {
		q.Where(auditevent.IDLT(f.Before))
	}
	events, err := q.Order(ent.Desc(auditevent.FieldID)).Limit(f.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the audit trail: %w", err)
	}
	return events, nil
}
