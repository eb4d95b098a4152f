package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// ServiceSecret is a random key Hearth made for itself, kept in the
// database so that every server process sharing it uses the same one. It
// is used only where HEARTH_SECRET_KEY is not set; with it, keys are
// derived from that instead and nothing here is read.
type ServiceSecret struct{ ent.Schema }

// Fields of the ServiceSecret.
func (ServiceSecret) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(50).Unique().Immutable().Comment("what the key is for"),
		field.Bytes("secret").NotEmpty().Sensitive().Immutable(),
	}
}
