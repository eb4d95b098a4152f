package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// TrainingRecord is one completion of a course by a carer.
type TrainingRecord struct{ ent.Schema }

// Mixin of the TrainingRecord.
func (TrainingRecord) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the TrainingRecord.
func (TrainingRecord) Fields() []ent.Field {
	return []ent.Field{
		field.Int("carer_id"),
		field.Int("course_id"),
		requiredDate("completed_on", ""),
		optionalDate("expires_on", "derived from the course's validity when recorded; null if it never expires"),
		field.String("provider").Optional().MaxLen(200),
		field.Float("hours").Optional().Min(0),
		field.Text("evidence").Optional().Comment("certificate or other evidence seen"),
	}
}

// Edges of the TrainingRecord.
func (TrainingRecord) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("carer", Carer.Type).Ref("training_records").Field("carer_id").Unique().Required(),
		edge.From("course", Course.Type).Ref("training_records").Field("course_id").Unique().Required(),
	}
}

// Indexes of the TrainingRecord.
func (TrainingRecord) Indexes() []ent.Index {
	return []ent.Index{
		// One record per carer, course and day: a re-entered certificate is a
		// duplicate, not a second completion.
		index.Fields("carer_id", "course_id", "completed_on").Unique(),
		index.Fields("course_id", "expires_on"),
		index.Fields("expires_on"),
	}
}
