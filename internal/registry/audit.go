package registry

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/audit"
)

// Actor is who did something, as the audit trail records it.
type Actor struct {
	// UserID is the account, or nil for Hearth itself (the command line,
	// scheduled jobs).
	UserID *int
	// Label is the name and email at the time, kept because accounts change.
	Label string
	// Address and RequestID tie the event to a client and a log line.
	// RequestID is always Hearth's own.
	Address, RequestID string
	// ProxyRequestID is the id a trusted proxy gave the request, if any,
	// kept beside RequestID to join the proxy's log to Hearth's.
	ProxyRequestID string
}

// System is the actor for changes made by Hearth itself or its command line.
func System(what string) Actor { return Actor{Label: "system: " + what} }

// Audit appends one event to the trail. Pass the transaction's client when
// the change is part of one, so that the record and its audit entry are
// written together or not at all. Never put a secret in changes.
//
// A view, under a context carrying a ViewLog, is committed together with
// the views of concurrent requests, outside any transaction of the caller:
// it records a read, which no rollback undoes.
func Audit(ctx context.Context, client *ent.Client, actor Actor, action auditevent.Action, entity string, entityID int, changes audit.Changes) error {
	event := func(client *ent.Client) *ent.AuditEventCreate {
		return client.AuditEvent.Create().
			SetNillableActorID(actor.UserID).SetActorLabel(fitLabel(actor.Label)).SetAction(action).
			SetEntity(entity).SetEntityID(entityID).SetChanges(changes).
			SetClientAddress(actor.Address).SetRequestID(actor.RequestID).
			SetNillableProxyRequestID(nonEmpty(actor.ProxyRequestID))
	}
	var err error
	if l, ok := ctx.Value(viewLogKey{}).(*ViewLog); ok && action == auditevent.ActionView {
		err = l.record(ctx, event(l.client))
	} else {
		err = event(client).Exec(ctx)
	}
	if err != nil {
		return fmt.Errorf("audit %s %s %d: %w", action, entity, entityID, err)
	}
	return nil
}

// fitLabel is label as the trail can hold it: when it is longer than the
// column, cut at a character with "…" to show it was. Labels are partly
// what people type (the address given at a failed sign-in), and an event
// that cannot be written fails what it records, so a stranger's long
// address must not fail the refusal of their sign-in.
func fitLabel(label string) string {
	if len(label) <= schema.ActorLabelMax {
		return label
	}
	n := schema.ActorLabelMax - len("…")
	for n > 0 && !utf8.RuneStart(label[n]) {
		n--
	}
	return label[:n] + "…"
}

// nonEmpty is s, or nil when it is empty: a column left NULL rather than
// holding "".
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// InTx runs f in a transaction, committing if it returns nil.
func InTx(ctx context.Context, client *ent.Client, f func(tx *ent.Client) error) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := f(tx.Client()); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return fmt.Errorf("%w (rollback: %v)", err, rerr)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
