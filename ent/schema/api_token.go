package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// APIToken lets an integration call the API without a person's session.
// An administrator creates it for a role; the token is shown once and only
// its hash is kept. Revoking it takes effect on the next request, because
// every request looks it up.
type APIToken struct{ ent.Schema }

// Fields of the APIToken.
func (APIToken) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(100).Comment("what uses it, e.g. 'nightly export to the council warehouse'"),
		field.String("prefix").NotEmpty().MaxLen(12).Immutable().Comment("first characters of the token, to recognise it in lists"),
		field.String("token_hash").NotEmpty().MaxLen(64).Unique().Immutable().Sensitive(),
		field.Enum("role").Values("admin", "manager", "ssw", "reviewing_officer", "adm").Immutable(),
		field.Int("created_by_id").Optional().Nillable().Immutable(),
		field.Time("created_at").Default(time.Now).Immutable(),
		field.Time("expires_at").Optional().Nillable().Immutable(),
		field.Time("last_used_at").Optional().Nillable(),
		field.Time("revoked_at").Optional().Nillable(),
	}
}

// Indexes of the APIToken.
func (APIToken) Indexes() []ent.Index {
	return []ent.Index{index.Fields("revoked_at")}
}
