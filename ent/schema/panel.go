package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Panel is a meeting of the fostering panel.
type Panel struct{ ent.Schema }

// Mixin of the Panel.
func (Panel) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the Panel.
func (Panel) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200),
		requiredDate("meets_on", "papers must be sent at least 5 working days before (NMS 14)"),
		field.String("location").Optional().MaxLen(200),
		field.Int("chair_id").Optional().Nillable(),
	}
}

// Edges of the Panel.
func (Panel) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("chair", User.Type).Ref("panels_chaired").Field("chair_id").Unique(),
		edge.From("members", User.Type).Ref("panels"),
		edge.To("items", PanelItem.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
	}
}

// Indexes of the Panel.
func (Panel) Indexes() []ent.Index {
	return []ent.Index{index.Fields("meets_on")}
}
