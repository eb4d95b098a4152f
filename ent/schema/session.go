package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Session is a signed-in browser. Sessions live in the database, not in a
// process, so they survive restarts and every `hearth serve` behind a load
// balancer honours them. Only a hash of the token is stored: a copy of the
// database does not let anyone sign in.
type Session struct{ ent.Schema }

// Fields of the Session.
func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.String("token_hash").NotEmpty().MaxLen(64).Unique().Immutable().Sensitive().
			Comment("hex SHA-256 of the cookie's 256-bit random token"),
		field.Int("user_id").Immutable(),
		field.Time("created_at").Default(time.Now).Immutable(),
		field.Time("last_seen_at").Default(time.Now).Comment("the idle timeout runs from here"),
		field.Time("expires_at").Immutable().Comment("absolute end, however active the session"),
		field.String("client_address").Optional().MaxLen(64),
		field.String("user_agent").Optional().MaxLen(300),
		field.Bool("mfa_passed").Default(false).
			Comment("false between the password and the second factor: such a session can only finish signing in"),
	}
}

// Edges of the Session.
func (Session) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("sessions").Field("user_id").Unique().Required().Immutable(),
	}
}

// Indexes of the Session.
func (Session) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id"), index.Fields("expires_at")}
}
