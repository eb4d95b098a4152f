package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Placement is a child living with the household. Children are not the
// subject of this registry: a placement holds a reference or initials, never
// a child's name.
type Placement struct{ ent.Schema }

// Mixin of the Placement.
func (Placement) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the Placement.
func (Placement) Fields() []ent.Field {
	return []ent.Field{
		field.Int("household_id"),
		field.String("child_reference").NotEmpty().MaxLen(20).Comment("initials or the placing authority's reference"),
		field.String("placing_authority").NotEmpty().MaxLen(200).Comment("consulted for the review (reg 28)"),
		field.Enum("category").Values(approvalCategories...),
		requiredDate("started_on", ""),
		optionalDate("ended_on", ""),
		field.Enum("end_reason").Optional().Nillable().
			Values("returned_home", "moved_placement", "adopted", "special_guardianship", "independence", "staying_put", "other"),
	}
}

// Edges of the Placement.
func (Placement) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("household", Household.Type).Ref("placements").Field("household_id").Unique().Required(),
	}
}

// Indexes of the Placement.
func (Placement) Indexes() []ent.Index {
	return []ent.Index{index.Fields("household_id", "started_on")}
}
