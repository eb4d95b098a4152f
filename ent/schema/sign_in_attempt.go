package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SignInAttempt records each password or code attempt, so that throttling
// and lockout are shared by every server process. An attempt is recorded
// before it is checked, as a failure not yet decided, so that attempts
// made at once are counted against the limit together; the check then
// decides it. Text typed as an email address that names no account is
// kept only as a keyed hash, since it is often a password typed in the
// wrong box; lockout still behaves the same for it and reveals nothing
// about who has an account.
type SignInAttempt struct{ ent.Schema }

// Fields of the SignInAttempt.
func (SignInAttempt) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(time.Now).Immutable(),
		field.String("email").MaxLen(254).Immutable().Comment("the account's address, or a keyed hash of text naming no account"),
		field.String("client_address").MaxLen(64).Immutable(),
		field.Bool("succeeded"),
	}
}

// Indexes of the SignInAttempt.
func (SignInAttempt) Indexes() []ent.Index {
	return []ent.Index{index.Fields("email", "at"), index.Fields("client_address", "at"), index.Fields("at")}
}
