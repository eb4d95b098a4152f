package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Course is an entry in the service's training catalogue.
type Course struct{ ent.Schema }

// Mixin of the Course.
func (Course) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the Course.
func (Course) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").NotEmpty().MaxLen(30).Unique(),
		field.String("title").NotEmpty().MaxLen(200),
		field.Text("description").Optional(),
		field.Bool("mandatory").Default(false),
		field.Int("validity_months").Default(0).Min(0).Comment("0: never expires"),
		field.Strings("applies_to_categories").Optional().Validate(validCategories).
			Comment("empty: applies to every carer; otherwise only to households approved for one of these categories"),
		field.Bool("counts_toward_tsd").Default(false),
	}
}

// Edges of the Course.
func (Course) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("training_records", TrainingRecord.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
	}
}
