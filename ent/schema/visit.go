package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Visit is a supervising social worker's contact with a household. At least
// one unannounced visit a year is required (NMS 21.8).
type Visit struct{ ent.Schema }

// Mixin of the Visit.
func (Visit) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the Visit.
func (Visit) Fields() []ent.Field {
	return []ent.Field{
		field.Int("household_id"),
		field.Enum("kind").Values("supervisory", "unannounced", "telephone"),
		requiredDate("visited_on", ""),
		field.Int("visitor_id").Optional().Nillable(),
		field.Bool("children_seen").Default(false),
		field.Text("note").Optional(),
	}
}

// Edges of the Visit.
func (Visit) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("household", Household.Type).Ref("visits").Field("household_id").Unique().Required(),
		edge.From("visitor", User.Type).Ref("visits").Field("visitor_id").Unique(),
	}
}

// Indexes of the Visit.
func (Visit) Indexes() []ent.Index {
	return []ent.Index{index.Fields("household_id", "kind", "visited_on")}
}
