package request

import (
	"context"
	"regexp"
	"strings"

	"github.com/hearth-registry/hearth/ent/placement"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Placement is the body of POST /api/v1/households/:id/placements
// and PUT /api/v1/placements/:id: every editable field (an omitted
// optional field is cleared). A placement names the child only by
// initials or the placing authority's reference: children are not the
// subject of this registry.
type Placement struct {
	ChildReference   string `json:"child_reference" validate:"required" plain:"the child's reference"`
	PlacingAuthority string `json:"placing_authority" validate:"required,notblank,max=200" plain:"the placing authority"`
	Category         string `json:"category" validate:"required,enum=placement.category" plain:"the kind of placement"`
	StartedOn        string `json:"started_on" validate:"required,date,notfuture" plain:"the date the placement started"`
	EndedOn          string `json:"ended_on" validate:"omitempty,date,notfuture" plain:"the date the placement ended"`
	EndReason        string `json:"end_reason" validate:"omitempty,enum=placement.end_reason" plain:"why the placement ended"`
}

// childReference is initials or a reference: no spaces, so a full name
// ("Jo Bloggs") cannot be typed in.
var childReference = regexp.MustCompile(`^[A-Za-z0-9/-]{1,20}$`)

// Normalise trims spaces around what people type.
func (r *Placement) Normalise() {
	r.ChildReference, r.PlacingAuthority = strings.TrimSpace(r.ChildReference), strings.TrimSpace(r.PlacingAuthority)
}

// Check applies the rules across fields: a reference, never a name; a
// placement ends on or after it starts, and an ended one says why.
func (r *Placement) Check(_ context.Context, fields map[string]string) {
	if r.ChildReference != "" && !childReference.MatchString(r.ChildReference) {
		fields["child_reference"] = "Enter the child's initials or the placing authority's reference " +
			"(up to 20 letters, numbers, - or /, no spaces), never the child's name"
	}
	DateNotBefore(fields, r, "ended_on", r.EndedOn, "started_on", r.StartedOn)
	switch {
	case r.EndedOn != "" && r.EndReason == "" && fields["end_reason"] == "":
		fields["end_reason"] = "Choose why the placement ended"
	case r.EndedOn == "" && r.EndReason != "" && fields["end_reason"] == "":
		fields["end_reason"] = "Enter the date the placement ended, or leave why it ended empty"
	}
}

// Fields are the request's values, typed for the registry.
func (r *Placement) Fields() registry.PlacementFields {
	started, _ := civil.Parse(r.StartedOn)
	f := registry.PlacementFields{ChildReference: r.ChildReference, PlacingAuthority: r.PlacingAuthority,
		Category: placement.Category(r.Category), StartedOn: started, EndedOn: OptionalDate(r.EndedOn)}
	if r.EndReason != "" {
		reason := placement.EndReason(r.EndReason)
		f.EndReason = &reason
	}
	return f
}
