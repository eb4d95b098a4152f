package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// IdempotencyKey remembers the answer to a create sent with an
// Idempotency-Key header, so that a client retrying after a lost reply gets
// the first answer back and nothing is created twice. Kept in the database,
// not in memory, so a retry may reach any server process.
type IdempotencyKey struct{ ent.Schema }

// Mixin of the IdempotencyKey.
func (IdempotencyKey) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the IdempotencyKey.
func (IdempotencyKey) Fields() []ent.Field {
	return []ent.Field{
		field.String("actor").MaxLen(40).Comment("whose key: user:ID or token:ID, so one client cannot replay another's answer"),
		field.String("key").MaxLen(200),
		field.String("method").MaxLen(10),
		field.String("path").MaxLen(500),
		field.String("request_hash").MaxLen(64).Comment("SHA-256 of the body: the same key with another body is refused"),
		field.Int("status").Default(0).Comment("0 while the first request is still being answered"),
		field.Bytes("response").Optional(),
		field.String("location").Optional().MaxLen(500),
	}
}

// Indexes of the IdempotencyKey.
func (IdempotencyKey) Indexes() []ent.Index {
	return []ent.Index{index.Fields("actor", "key").Unique(), index.Fields("created_at")}
}
