package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SignInAttempt records each password attempt, so that throttling and
// lockout are shared by every server process. It keeps the address typed,
// whether or not an account has it, so that lockout behaves the same for
// both and reveals nothing about who has an account.
type SignInAttempt struct{ ent.Schema }

// Fields of the SignInAttempt.
func (SignInAttempt) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(time.Now).Immutable(),
		field.String("email").MaxLen(254).Immutable().Comment("as typed, lower-cased"),
		field.String("client_address").MaxLen(64).Immutable(),
		field.Bool("succeeded").Immutable(),
	}
}

// Indexes of the SignInAttempt.
func (SignInAttempt) Indexes() []ent.Index {
	return []ent.Index{index.Fields("email", "at"), index.Fields("client_address", "at"), index.Fields("at")}
}
