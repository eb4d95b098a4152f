package server

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// placementJSON is a placement as the API shows it. Version is also sent
// as the ETag.
type placementJSON struct {
	ID               int         `json:"id"`
	HouseholdID      int         `json:"household_id"`
	ChildReference   string      `json:"child_reference"`
	PlacingAuthority string      `json:"placing_authority"`
	Category         string      `json:"category"`
	StartedOn        civil.Date  `json:"started_on"`
	EndedOn          *civil.Date `json:"ended_on"`
	EndReason        *string     `json:"end_reason"`
	Version          int         `json:"version"`
	CreatedAt        time.Time   `json:"created_at"`
	UpdatedAt        time.Time   `json:"updated_at"`
}

func toPlacementJSON(p *ent.Placement) placementJSON {
	out := placementJSON{ID: p.ID, HouseholdID: p.HouseholdID, ChildReference: p.ChildReference,
		PlacingAuthority: p.PlacingAuthority, Category: string(p.Category), StartedOn: p.StartedOn, EndedOn: p.EndedOn,
		Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if p.EndReason != nil {
		reason := string(*p.EndReason)
		out.EndReason = &reason
	}
	return out
}

// handleHouseholdPlacementList handles GET
// /api/v1/households/:id/placements: latest first. Carers are answered
// 404: placements are the service's record.
func (s *Server) handleHouseholdPlacementList(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	onlyParams(c, fields, "limit", "cursor")
	limit, after := readDatedPage(c, fields)
	if len(fields) > 0 {
		return filterProblem(fields)
	}
	v := s.viewer(c)
	rows, err := registry.HouseholdPlacements(c.Context(), s.store.Client, v, id, after.position(), limit+1)
	if err != nil {
		return err
	}
	return c.JSON(datedPageOf(rows, limit, func(p *ent.Placement) datedPosition { return datedPosition{on: p.StartedOn, id: p.ID} },
		toPlacementJSON))
}

// handlePlacementShow handles GET /api/v1/placements/:id. The view is
// audited.
func (s *Server) handlePlacementShow(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := registry.ViewPlacement(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id)
	if err != nil {
		return err
	}
	setETag(c, p.Version)
	return c.JSON(toPlacementJSON(p))
}

// handleHouseholdPlacementCreate handles POST
// /api/v1/households/:id/placements.
func (s *Server) handleHouseholdPlacementCreate(c fiber.Ctx) error {
	householdID, err := pathID(c)
	if err != nil {
		return err
	}
	var in request.Placement
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	p, err := registry.CreatePlacement(c.Context(), s.store.Client, s.actor(c), s.viewer(c), householdID, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, p.Version)
	c.Location(fmt.Sprintf("/api/v1/placements/%d", p.ID))
	return c.Status(fiber.StatusCreated).JSON(toPlacementJSON(p))
}

// handlePlacementUpdate handles PUT /api/v1/placements/:id: every editable
// field, with If-Match.
func (s *Server) handlePlacementUpdate(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in request.Placement
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	p, err := registry.UpdatePlacement(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, p.Version)
	return c.JSON(toPlacementJSON(p))
}
