package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// User is an account: a member of the fostering team, a reviewing officer,
// a decision maker, a panel member, an administrator or a carer.
type User struct{ ent.Schema }

// Mixin of the User.
func (User) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").NotEmpty().MaxLen(254).Unique().Comment("stored lower-case"),
		field.String("name").NotEmpty().MaxLen(200),
		field.Enum("role").Values("admin", "manager", "ssw", "reviewing_officer", "adm", "panel_member", "carer"),
		field.String("password_hash").Optional().Sensitive(),
		field.String("mfa_secret").Optional().Sensitive(), // base32 TOTP secret, set once enrolment is confirmed
		field.String("mfa_pending_secret").Optional().Sensitive().Comment("offered at enrolment, not yet confirmed with a code"),
		field.Time("mfa_enabled_at").Optional().Nillable(),
		field.Int64("mfa_last_step").Default(0).Comment("TOTP time step last accepted; older or equal codes are refused as replays"),
		field.Bool("active").Default(true),
		field.Time("last_login_at").Optional().Nillable(),
		field.String("calendar_token_hash").Optional().Nillable().Unique().Sensitive().
			Comment("SHA-256 of the private calendar feed's token; null while the feed is off"),
	}
}

// Edges of the User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("carer", Carer.Type).Unique(),
		edge.To("supervised_households", Household.Type),
		edge.To("reviews_to_write", Review.Type),
		edge.To("reviews_decided", Review.Type),
		edge.To("visits", Visit.Type),
		edge.To("contributions", Contribution.Type),
		edge.To("panels", Panel.Type),
		edge.To("panels_chaired", Panel.Type),
		edge.To("sessions", Session.Type),
		edge.To("recovery_codes", RecoveryCode.Type),
	}
}

// Indexes of the User.
func (User) Indexes() []ent.Index {
	return []ent.Index{index.Fields("role")}
}
