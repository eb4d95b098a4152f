package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// DueTally counts open due items by kind and due date. The service-wide
// summary sums a few thousand of these rows instead of counting a million
// items; because it is kept by date, not by status, it never goes stale as
// the days pass. It changes in the same transaction as the items it counts.
type DueTally struct{ ent.Schema }

// Fields of the DueTally.
func (DueTally) Fields() []ent.Field {
	return []ent.Field{
		field.String("kind").MaxLen(40),
		requiredDate("due_on", ""),
		field.Int("items").Default(0),
	}
}

// Indexes of the DueTally.
func (DueTally) Indexes() []ent.Index {
	return []ent.Index{index.Fields("kind", "due_on").Unique()}
}
