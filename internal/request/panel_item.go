package request

import (
	"context"
	"strings"

	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/internal/registry"
)

// PanelItem is the body of POST /api/v1/panels/:id/items and PUT
// /api/v1/panel-items/:id.
type PanelItem struct {
	ReviewID       int    `json:"review_id" validate:"required,min=1" plain:"the review"`
	Position       *int   `json:"position" validate:"omitempty,min=1,max=500" plain:"the item's place on the agenda"`
	PapersSentOn   string `json:"papers_sent_on" validate:"omitempty,date,notfuture" plain:"the date the papers were sent"`
	RecommendedOn  string `json:"recommended_on" validate:"omitempty,date,notfuture" plain:"the date of the panel's recommendation"`
	Recommendation string `json:"recommendation" validate:"omitempty,enum=panel_item.recommendation" plain:"the panel's recommendation"`
	Minute         string `json:"minute" validate:"max=50000,notes" plain:"the minute"`
}

// Normalise trims the minute.
func (r *PanelItem) Normalise() { r.Minute = strings.TrimSpace(r.Minute) }

// Check applies the rule across fields: the panel's recommendation and its
// date go together, since the date starts the decision maker's clock.
func (r *PanelItem) Check(_ context.Context, fields map[string]string) {
	if r.Recommendation != "" && r.RecommendedOn == "" {
		fields["recommended_on"] = "Enter the date of the panel's recommendation: it starts the decision maker's 7 working days"
	}
	if r.RecommendedOn != "" && r.Recommendation == "" && fields["recommendation"] == "" {
		fields["recommendation"] = "Choose the panel's recommendation"
	}
}

func (r *PanelItem) Fields() registry.PanelItemFields {
	return registry.PanelItemFields{ReviewID: r.ReviewID, Position: r.Position, PapersSentOn: OptionalDate(r.PapersSentOn),
		RecommendedOn: OptionalDate(r.RecommendedOn), Recommendation: OptionalEnum[panelitem.Recommendation](r.Recommendation),
		Minute: r.Minute}
}
