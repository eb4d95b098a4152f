package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Household is the unit of approval: a fostering household, approved (or
// being assessed) as a whole, with one or two carers.
type Household struct{ ent.Schema }

// Mixin of the Household.
func (Household) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the Household.
func (Household) Fields() []ent.Field {
	return []ent.Field{
		field.String("reference").NotEmpty().MaxLen(20).Unique().
			Comment("the service's own reference, e.g. FH-0042"),
		field.String("address_line1").NotEmpty().MaxLen(200),
		field.String("address_line2").Optional().MaxLen(200),
		field.String("town").NotEmpty().MaxLen(100),
		field.String("postcode").NotEmpty().MaxLen(10),
		field.String("phone").Optional().MaxLen(30),
		field.String("email").Optional().MaxLen(254),
		// refused and withdrawn are applications that never reached approval;
		// reg 32 keeps their records for 3 years rather than 10.
		field.Enum("status").
			Values("assessment", "approved", "on_hold", "suspended", "resigned", "terminated", "refused", "withdrawn").
			Default("assessment"),
		optionalDate("approved_on", "date of first approval; starts the first-review and TSD clocks"),
		optionalDate("resignation_received_on", "written notice of resignation received; approval ends 28 days later"),
		optionalDate("ended_on", "approval ended (resigned, terminated) or application closed; starts the retention clock"),
		field.Int("ssw_id").Optional().Nillable().Comment("assigned supervising social worker"),
	}
}

// Edges of the Household.
func (Household) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ssw", User.Type).Ref("supervised_households").Field("ssw_id").Unique(),
		edge.To("carers", Carer.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
		edge.To("members", HouseholdMember.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
		edge.To("approval_terms", ApprovalTerms.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
		edge.To("visits", Visit.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
		edge.To("placements", Placement.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
		edge.To("reviews", Review.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
	}
}

// Indexes of the Household.
func (Household) Indexes() []ent.Index {
	return []ent.Index{
		// (status, reference) lists the households of a status in reference
		// order without sorting them: the list's common case.
		index.Fields("status", "reference"),
		// The same by approval date, for the list sorted by it.
		index.Fields("status", "approved_on", "reference"),
		index.Fields("approved_on", "reference"),
		index.Fields("ssw_id", "status"),
		index.Fields("postcode"),
		index.Fields("ended_on"),
	}
}
