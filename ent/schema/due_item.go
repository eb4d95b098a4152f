package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// DueItem is one open compliance item: something still to be done for a
// household, a carer or a member, by a date. It is derived, never edited:
// the registry rewrites a household's items in the same transaction as every
// change that can move them, so the service-wide view is an indexed range
// scan rather than the rules run over 50,000 households on each request.
// Met and not-applicable items are not stored; the household view computes
// them fresh.
type DueItem struct{ ent.Schema }

// Fields of the DueItem.
func (DueItem) Fields() []ent.Field {
	return []ent.Field{
		field.Int("household_id").Comment("no foreign key: derived rows are rewritten, and purged with the household"),
		field.String("household_reference").MaxLen(20),
		field.Int("ssw_id").Optional().Nillable().Comment("copied from the household so the overdue list filters by SSW on one index"),
		field.String("kind").MaxLen(40),
		field.String("subject_kind").MaxLen(10),
		field.Int("subject_id"),
		field.String("subject_name").MaxLen(201),
		field.Int("ref").Default(0).Comment("the course, review or panel item the rule is about, or 0"),
		field.String("what").MaxLen(250),
		requiredDate("due_on", ""),
		field.Text("reason"),
		field.String("source").MaxLen(120),
	}
}

// Indexes of the DueItem.
func (DueItem) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("due_on", "id"),
		index.Fields("ssw_id", "due_on", "id"),
		index.Fields("kind", "due_on"),
		index.Fields("household_id"),
	}
}
