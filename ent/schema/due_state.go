package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// DueState records which version of the compliance rules the stored due
// items were worked out with: one row. When a release changes the rules,
// start-up sees the older version and works every household out again, so
// no item stays dated by rules that no longer hold.
//
// It also records a recalculation still to finish: a change to the course
// catalogue or to a date-moving policy setting is saved at once and marks
// every household's items stale here; background jobs then work households
// out again a chunk at a time, in id order, moving recalculate_after on in
// each chunk's own transaction. The state lives here, not in a server's
// memory, so that any server can carry on where another stopped.
type DueState struct{ ent.Schema }

// Fields of the DueState.
func (DueState) Fields() []ent.Field {
	return []ent.Field{
		field.Int("rules_version").Comment("compliance.RulesVersion when the items were last worked out"),
		field.Time("computed_at"),
		field.Time("stale_since").Optional().Nillable().
			Comment("when a catalogue or policy change moved dates that are not yet all worked out again; empty when none wait"),
		field.Int("recalculate_after").Default(0).
			Comment("households with an id up to this one are done in the recalculation under way"),
		field.Int("recalculated").Default(0).Comment("households done in the recalculation under way"),
		field.Int("to_recalculate").Default(0).Comment("households the recalculation under way covers, counted when it began"),
	}
}
