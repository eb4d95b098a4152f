package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// DueMonthTally counts open due items by kind and the month they fall due
// (its first day). The summary reads whole months away from today from
// here and only the days near today from DueTally, so it sums a few
// thousand rows at 50,000 households rather than tens of thousands. It
// changes in the same transaction as the items it counts.
type DueMonthTally struct{ ent.Schema }

// Fields of the DueMonthTally.
func (DueMonthTally) Fields() []ent.Field {
	return []ent.Field{
		field.String("kind").MaxLen(40),
		requiredDate("month", "the first day of the month the items fall due in"),
		field.Int("items").Default(0),
	}
}

// Indexes of the DueMonthTally.
func (DueMonthTally) Indexes() []ent.Index {
	return []ent.Index{index.Fields("kind", "month").Unique()}
}
