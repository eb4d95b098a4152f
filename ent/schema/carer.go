package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Carer is a person approved as a foster carer within a household.
type Carer struct{ ent.Schema }

// Mixin of the Carer.
func (Carer) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the Carer.
func (Carer) Fields() []ent.Field {
	return []ent.Field{
		field.Int("household_id"),
		field.String("first_name").NotEmpty().MaxLen(100),
		field.String("last_name").NotEmpty().MaxLen(100),
		optionalDate("date_of_birth", "used for DBS and age checks; may be unknown"),
		field.String("email").Optional().MaxLen(254),
		field.String("phone").Optional().MaxLen(30),
		field.Bool("connected_person").Default(false).
			Comment("family-and-friends carer: 18 months for TSD standards instead of 12"),
		optionalDate("tsd_completed_on", "Training, Support and Development standards evidenced"),
		field.Int("user_id").Optional().Nillable().Unique().Comment("account for the carer portal"),
	}
}

// Edges of the Carer.
func (Carer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("household", Household.Type).Ref("carers").Field("household_id").Unique().Required(),
		edge.From("user", User.Type).Ref("carer").Field("user_id").Unique(),
		edge.To("health_assessments", HealthAssessment.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
		edge.To("dbs_checks", DBSCheck.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
		edge.To("training_records", TrainingRecord.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
	}
}

// Indexes of the Carer.
func (Carer) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("household_id"),
		index.Fields("last_name", "first_name"),
		// Searching households by part of a carer's name is an ILIKE
		// '%…%', which only a trigram index serves on PostgreSQL (the
		// pg_trgm extension, created by the migration). SQLite, which
		// ignores the type and operator class, gets plain indexes.
		index.Fields("first_name").StorageKey("carer_first_name_trgm").
			Annotations(entsql.IndexTypes(map[string]string{dialect.Postgres: "GIN"}), entsql.OpClass("gin_trgm_ops")),
		index.Fields("last_name").StorageKey("carer_last_name_trgm").
			Annotations(entsql.IndexTypes(map[string]string{dialect.Postgres: "GIN"}), entsql.OpClass("gin_trgm_ops")),
	}
}
