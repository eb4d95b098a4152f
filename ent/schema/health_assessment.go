package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// HealthAssessment is a carer's medical assessment (CoramBAAF AH form) and
// the medical adviser's opinion on it.
type HealthAssessment struct{ ent.Schema }

// Mixin of the HealthAssessment.
func (HealthAssessment) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the HealthAssessment.
func (HealthAssessment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("carer_id"),
		field.Enum("kind").Values("initial", "renewal", "change_of_health"),
		requiredDate("assessed_on", ""),
		field.String("assessed_by").Optional().MaxLen(200).Comment("GP or practice"),
		field.String("medical_adviser").Optional().MaxLen(200),
		field.Text("adviser_opinion").Optional(),
		field.Enum("outcome").Values("fit", "fit_with_conditions", "not_fit", "pending").Default("pending"),
	}
}

// Edges of the HealthAssessment.
func (HealthAssessment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("carer", Carer.Type).Ref("health_assessments").Field("carer_id").Unique().Required(),
	}
}

// Indexes of the HealthAssessment.
func (HealthAssessment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("carer_id", "assessed_on")}
}
