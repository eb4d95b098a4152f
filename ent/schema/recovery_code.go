package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// RecoveryCode lets someone who has lost their authenticator sign in once.
// Codes are shown once at enrolment and stored only as hashes.
type RecoveryCode struct{ ent.Schema }

// Fields of the RecoveryCode.
func (RecoveryCode) Fields() []ent.Field {
	return []ent.Field{
		field.Int("user_id").Immutable(),
		field.String("code_hash").NotEmpty().MaxLen(64).Unique().Immutable().Sensitive(),
		field.Time("created_at").Default(time.Now).Immutable(),
		field.Time("used_at").Optional().Nillable(),
	}
}

// Edges of the RecoveryCode.
func (RecoveryCode) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("recovery_codes").Field("user_id").Unique().Required().Immutable(),
	}
}
