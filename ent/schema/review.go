package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// recommendations are what a reviewing officer or panel can recommend.
var recommendations = []string{"continue_approval", "change_terms", "terminate_approval"}

// Review is a review of a household's approval (Fostering Services
// (England) Regulations 2011, reg 28): scheduled, views gathered, report
// written, optionally considered by panel, decided by the agency decision
// maker.
type Review struct{ ent.Schema }

// Mixin of the Review.
func (Review) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the Review.
func (Review) Fields() []ent.Field {
	return []ent.Field{
		field.Int("household_id"),
		field.Enum("kind").Values("first", "annual", "post_allegation", "change_of_circumstances"),
		requiredDate("due_on", "the latest date the review meeting may be held"),
		optionalDate("meeting_on", "date of the review meeting; the next review is due within a year of it"),
		optionalDate("allegation_concluded_on", "for a review after an allegation: the investigation concluded, which starts its clock"),
		field.Enum("status").
			Values("scheduled", "gathering_views", "report_written", "awaiting_panel", "decided", "cancelled").
			Default("scheduled"),
		field.Bool("panel_required").Default(false).Comment("always true for a first review"),
		field.Int("reviewing_officer_id").Optional().Nillable(),
		field.Text("report").Optional(),
		field.Enum("recommendation").Optional().Nillable().Values(recommendations...),
		field.Strings("proposed_categories").Optional().Validate(validCategories),
		field.Int("proposed_number_of_children").Optional().Nillable().Range(1, 6),
		field.Int("proposed_age_from").Optional().Nillable().Range(0, 25),
		field.Int("proposed_age_to").Optional().Nillable().Range(0, 25),
		field.Text("proposed_terms_note").Optional(),
		field.Int("decided_by_id").Optional().Nillable().Comment("the agency decision maker"),
		optionalDate("decided_on", ""),
		field.Enum("outcome").Optional().Nillable().Values("approval_continues", "terms_revised", "approval_terminated"),
		field.Text("decision_reasons").Optional(),
		field.Bool("carer_agreed_to_change").Optional().Nillable().
			Comment("a change of terms the carer agreed to takes effect at once; otherwise it is a qualifying determination"),
		optionalDate("notice_sent_on", "written notice of a qualifying determination; the carer then has 28 days"),
		optionalDate("determination_effective_on",
			"a qualifying determination takes effect on this date, after the 28 days for representations or the IRM"),
		field.Text("cancelled_reason").Optional(),
	}
}

// Edges of the Review.
func (Review) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("household", Household.Type).Ref("reviews").Field("household_id").Unique().Required(),
		edge.From("reviewing_officer", User.Type).Ref("reviews_to_write").Field("reviewing_officer_id").Unique(),
		edge.From("decided_by", User.Type).Ref("reviews_decided").Field("decided_by_id").Unique(),
		edge.To("contributions", Contribution.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
		edge.To("panel_items", PanelItem.Type).Annotations(entsql.OnDelete(entsql.Restrict)),
		edge.To("approval_terms", ApprovalTerms.Type),
	}
}

// Indexes of the Review.
func (Review) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("household_id", "due_on"),
		index.Fields("status", "due_on"),
		index.Fields("reviewing_officer_id", "status"),
	}
}
