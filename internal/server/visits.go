package server

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// visitJSON is a visit as the API shows it. The note is left out for
// viewers who may not read it (a carer reading their own household's
// visits). Version is also sent as the ETag.
type visitJSON struct {
	ID           int        `json:"id"`
	HouseholdID  int        `json:"household_id"`
	Kind         string     `json:"kind"`
	VisitedOn    civil.Date `json:"visited_on"`
	VisitorID    *int       `json:"visitor_id"`
	ChildrenSeen bool       `json:"children_seen"`
	Note         *string    `json:"note,omitempty"`
	Version      int        `json:"version"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

func toVisitJSON(r *ent.Visit, v registry.Viewer) visitJSON {
	out := visitJSON{ID: r.ID, HouseholdID: r.HouseholdID, Kind: string(r.Kind), VisitedOn: r.VisitedOn,
		VisitorID: r.VisitorID, ChildrenSeen: r.ChildrenSeen, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if v.MaySeeVisitNotes() {
		out.Note = &r.Note
	}
	return out
}

// handleHouseholdVisitList handles GET /api/v1/households/:id/visits: the
// household's visits, latest first, optionally of one kind.
func (s *Server) handleHouseholdVisitList(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	onlyParams(c, fields, "kind", "limit", "cursor")
	limit, after := readDatedPage(c, fields)
	var kind *visit.Kind
	if k := c.Query("kind"); k != "" {
		if visit.KindValidator(visit.Kind(k)) != nil {
			fields["kind"] = "kind must be one of supervisory, unannounced, telephone"
		}
		kind = new(visit.Kind(k))
	}
	if len(fields) > 0 {
		return filterProblem(fields)
	}
	v := s.viewer(c)
	rows, err := registry.HouseholdVisits(c.Context(), s.store.Client, v, id, kind, after.position(), limit+1)
	if err != nil {
		return err
	}
	return c.JSON(datedPageOf(rows, limit, func(r *ent.Visit) datedPosition { return datedPosition{on: r.VisitedOn, id: r.ID} },
		func(r *ent.Visit) visitJSON { return toVisitJSON(r, v) }))
}

// handleVisitShow handles GET /api/v1/visits/:id. The view is audited.
func (s *Server) handleVisitShow(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := registry.ViewVisit(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id)
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(toVisitJSON(r, s.viewer(c)))
}

// handleHouseholdVisitCreate handles POST /api/v1/households/:id/visits.
func (s *Server) handleHouseholdVisitCreate(c fiber.Ctx) error {
	householdID, err := pathID(c)
	if err != nil {
		return err
	}
	var in request.Visit
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.CreateVisit(c.Context(), s.store.Client, s.actor(c), s.viewer(c), householdID, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	c.Location(fmt.Sprintf("/api/v1/visits/%d", r.ID))
	return c.Status(fiber.StatusCreated).JSON(toVisitJSON(r, s.viewer(c)))
}

// handleVisitUpdate handles PUT /api/v1/visits/:id: every editable field,
// with If-Match.
func (s *Server) handleVisitUpdate(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in request.Visit
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.UpdateVisit(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(toVisitJSON(r, s.viewer(c)))
}
