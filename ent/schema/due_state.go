package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// DueState records which version of the compliance rules the stored due
// items were worked out with: one row. When a release changes the rules,
// start-up sees the older version and works every household out again, so
// no item stays dated by rules that no longer hold.
type DueState struct{ ent.Schema }

// Fields of the DueState.
func (DueState) Fields() []ent.Field {
	return []ent.Field{
		field.Int("rules_version").Comment("compliance.RulesVersion when the items were last worked out"),
		field.Time("computed_at"),
	}
}
