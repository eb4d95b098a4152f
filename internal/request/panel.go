package request

import (
	"context"
	"slices"
	"strings"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Panel is the body of POST /api/v1/panels and PUT
// /api/v1/panels/:id: every editable field, members included.
type Panel struct {
	Name      string `json:"name" validate:"required,notblank,max=200" plain:"the panel's name"`
	MeetsOn   string `json:"meets_on" validate:"required,date" plain:"the date the panel meets"`
	Location  string `json:"location" validate:"max=200" plain:"where the panel meets"`
	ChairID   *int   `json:"chair_id" validate:"omitempty,min=1" plain:"the panel's chair"`
	MemberIDs []int  `json:"member_ids" validate:"max=30,dive,min=1" plain:"the panel's members"`
}

// Normalise trims the name and place.
func (r *Panel) Normalise() {
	r.Name, r.Location = strings.TrimSpace(r.Name), strings.TrimSpace(r.Location)
}

// Check names a member listed twice.
func (r *Panel) Check(_ context.Context, fields map[string]string) {
	for i, id := range r.MemberIDs {
		if slices.Contains(r.MemberIDs[:i], id) && fields["member_ids"] == "" {
			fields["member_ids"] = "Choose each of the panel's members once"
		}
	}
}

func (r *Panel) Fields() registry.PanelFields {
	meets, _ := civil.Parse(r.MeetsOn)
	return registry.PanelFields{Name: r.Name, Location: r.Location, MeetsOn: meets, ChairID: r.ChairID, MemberIDs: r.MemberIDs}
}
