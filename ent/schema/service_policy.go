package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// ServicePolicy holds the fostering service's own compliance settings: one
// row, absent until an administrator first changes a default. Statutory
// periods are not here; they are fixed in internal/compliance.
type ServicePolicy struct{ ent.Schema }

// Mixin of the ServicePolicy.
func (ServicePolicy) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, VersionMixin{}} }

// Fields of the ServicePolicy.
func (ServicePolicy) Fields() []ent.Field {
	return []ent.Field{
		field.Int("warning_days").Range(1, 365).Comment("an item is due soon this many days ahead"),
		field.Int("health_renewal_months").Range(1, 120),
		field.Int("dbs_renewal_months").Range(1, 120),
		field.Int("supervisory_visit_days").Range(1, 365),
		field.Int("post_allegation_review_days").Range(1, 365),
		field.Int("new_carer_training_months").Range(1, 60),
	}
}
