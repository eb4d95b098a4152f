package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ApprovalTerms is one period of a household's terms of approval. Terms are
// never edited in place: a change closes the current row (effective_to) and
// opens a new one, so the history shows what the household was approved for
// on any date.
type ApprovalTerms struct{ ent.Schema }

// Mixin of the ApprovalTerms.
func (ApprovalTerms) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the ApprovalTerms.
func (ApprovalTerms) Fields() []ent.Field {
	return []ent.Field{
		field.Int("household_id"),
		field.Strings("categories").Validate(validCategories).
			Comment("emergency, short_term, long_term, short_breaks, parent_and_child, remand, connected_person, staying_put"),
		field.Int("number_of_children").Range(1, 6).
			Comment("the usual fostering limit is 3 unless siblings or an exemption (Children Act 1989 sch 7)"),
		field.Int("age_from").Range(0, 25),
		field.Int("age_to").Range(0, 25),
		field.Text("notes").Optional(),
		requiredDate("effective_from", ""),
		optionalDate("effective_to", "null for the current terms"),
		field.Int("review_id").Optional().Nillable().Comment("the review whose decision set these terms; null for initial approval"),
		field.String("decision").NotEmpty().MaxLen(300).Comment("what decided these terms, e.g. initial approval by the ADM after panel"),
	}
}

// Edges of the ApprovalTerms.
func (ApprovalTerms) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("household", Household.Type).Ref("approval_terms").Field("household_id").Unique().Required(),
		edge.From("review", Review.Type).Ref("approval_terms").Field("review_id").Unique(),
	}
}

// Indexes of the ApprovalTerms.
func (ApprovalTerms) Indexes() []ent.Index {
	return []ent.Index{index.Fields("household_id", "effective_from")}
}
