package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// PanelItem is a review on a panel's agenda, with the panel's
// recommendation and minute.
type PanelItem struct{ ent.Schema }

// Mixin of the PanelItem.
func (PanelItem) Mixin() []ent.Mixin { return recordMixins() }

// Fields of the PanelItem.
func (PanelItem) Fields() []ent.Field {
	return []ent.Field{
		field.Int("panel_id"),
		field.Int("review_id"),
		field.Int("position").Default(1).Positive().Comment("order on the agenda"),
		optionalDate("papers_sent_on", "must be at least 5 working days before the meeting"),
		field.Enum("recommendation").Optional().Nillable().Values(recommendations...),
		field.Text("minute").Optional(),
		optionalDate("recommended_on", "starts the ADM's 7 working days"),
	}
}

// Edges of the PanelItem.
func (PanelItem) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("panel", Panel.Type).Ref("items").Field("panel_id").Unique().Required(),
		edge.From("review", Review.Type).Ref("panel_items").Field("review_id").Unique().Required(),
	}
}

// Indexes of the PanelItem.
func (PanelItem) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("panel_id", "review_id").Unique(),
		index.Fields("review_id"),
		// Counts a panel's live items from the index alone: the panels
		// list counted hundreds of items a panel row by row.
		index.Fields("panel_id", "archived_at"),
	}
}
