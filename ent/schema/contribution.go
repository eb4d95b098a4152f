package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Contribution is one person's or body's views gathered for a review.
type Contribution struct{ ent.Schema }

// Mixin of the Contribution.
func (Contribution) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the Contribution.
func (Contribution) Fields() []ent.Field {
	return []ent.Field{
		field.Int("review_id"),
		field.Enum("source").Values("carer", "ssw", "fostered_child", "household_child",
			"child_social_worker", "iro", "placing_authority", "other"),
		field.String("author_name").NotEmpty().MaxLen(200).
			Comment("as the views should be attributed; for a child, a reference, never a full name"),
		field.Int("author_id").Optional().Nillable().Comment("the account that entered it, when there is one"),
		requiredDate("received_on", ""),
		field.Text("text").NotEmpty(),
	}
}

// Edges of the Contribution.
func (Contribution) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("review", Review.Type).Ref("contributions").Field("review_id").Unique().Required(),
		edge.From("author", User.Type).Ref("contributions").Field("author_id").Unique(),
	}
}

// Indexes of the Contribution.
func (Contribution) Indexes() []ent.Index {
	return []ent.Index{index.Fields("review_id", "source")}
}
