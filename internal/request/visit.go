package request

import (
	"strings"

	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Visit is the body of POST /api/v1/households/:id/visits and PUT
// /api/v1/visits/:id: every editable field (an omitted optional field is
// cleared). visitor_id is who visited: a supervising social worker or
// manager.
type Visit struct {
	Kind         string `json:"kind" validate:"required,enum=visit.kind" plain:"the kind of visit"`
	VisitedOn    string `json:"visited_on" validate:"required,date,notfuture" plain:"the date of the visit"`
	VisitorID    *int   `json:"visitor_id" validate:"omitempty,min=1" plain:"who visited"`
	ChildrenSeen bool   `json:"children_seen" plain:"whether the children were seen"`
	Note         string `json:"note" validate:"max=5000,notes" plain:"the note"`
}

// Normalise trims spaces around the note.
func (r *Visit) Normalise() { r.Note = strings.TrimSpace(r.Note) }

// Fields are the request's values, typed for the registry.
func (r *Visit) Fields() registry.VisitFields {
	visited, _ := civil.Parse(r.VisitedOn)
	return registry.VisitFields{Kind: visit.Kind(r.Kind), VisitedOn: visited, VisitorID: r.VisitorID,
		ChildrenSeen: r.ChildrenSeen, Note: r.Note}
}
