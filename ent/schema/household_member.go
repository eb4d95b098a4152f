package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// HouseholdMember is someone else living in the household: a birth child,
// an adult child, a relative or a lodger. Adults need DBS checks, and a
// child needs one from their 18th birthday.
type HouseholdMember struct{ ent.Schema }

// Mixin of the HouseholdMember.
func (HouseholdMember) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the HouseholdMember.
func (HouseholdMember) Fields() []ent.Field {
	return []ent.Field{
		field.Int("household_id"),
		field.String("first_name").NotEmpty().MaxLen(100),
		field.String("last_name").NotEmpty().MaxLen(100),
		field.Enum("relationship").Values("birth_child", "adult_child", "adopted_child", "relative", "lodger", "other"),
		optionalDate("date_of_birth", "decides when a DBS check becomes due (18th birthday)"),
		optionalDate("moved_in_on", ""),
		optionalDate("moved_out_on", "no longer part of the household from this date"),
	}
}

// Edges of the HouseholdMember.
func (HouseholdMember) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("household", Household.Type).Ref("members").Field("household_id").Unique().Required(),
		edge.To("dbs_checks", DBSCheck.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
	}
}

// Indexes of the HouseholdMember.
func (HouseholdMember) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("household_id"),
		index.Fields("date_of_birth"),
	}
}
