package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// OutboxMessage is an email waiting to be sent, or sent. Reminders are
// written here first, under a key that names what they are for (one
// person's digest for one day), so that however many servers run the daily
// job, and however often it is restarted, each is queued once; a server
// claims a message before sending it, so each is sent once.
type OutboxMessage struct{ ent.Schema }

// Fields of the OutboxMessage.
func (OutboxMessage) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").NotEmpty().MaxLen(120).Unique().Immutable().Comment("e.g. digest:42:2026-11-27"),
		field.Int("user_id").Optional().Nillable().Immutable(),
		field.String("to_address").NotEmpty().MaxLen(254).Immutable(),
		field.String("subject").NotEmpty().MaxLen(200).Immutable(),
		field.Text("body").Immutable(),
		field.Time("queued_at").Default(time.Now).Immutable(),
		field.Time("claimed_at").Optional().Nillable().Comment("a server is sending it; a claim older than the lease is given up"),
		field.Time("sent_at").Optional().Nillable(),
		field.Int("attempts").Default(0),
		field.String("last_error").Optional().MaxLen(500),
	}
}

// Indexes of the OutboxMessage.
func (OutboxMessage) Indexes() []ent.Index {
	return []ent.Index{index.Fields("sent_at", "queued_at")}
}
