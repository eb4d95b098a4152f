package api

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// PlacementJSON is a placement as the API shows it. Version is also sent
// as the ETag.
type PlacementJSON struct {
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

func toPlacementJSON(p *ent.Placement) PlacementJSON {
	out := PlacementJSON{ID: p.ID, HouseholdID: p.HouseholdID, ChildReference: p.ChildReference,
		PlacingAuthority: p.PlacingAuthority, Category: string(p.Category), StartedOn: p.StartedOn, EndedOn: p.EndedOn,
		Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if p.EndReason != nil {
		reason := string(*p.EndReason)
		out.EndReason = &reason
	}
	return out
}

// HandleHouseholdPlacementList handles GET
// /api/v1/households/:id/placements: latest first. Carers are answered
// 404: placements are the service's record.
func (s *Handler) HandleHouseholdPlacementList(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	httpx.OnlyParams(c, fields, "limit", "cursor")
	limit, after := httpx.ReadDatedPage(c, fields)
	if len(fields) > 0 {
		return httpx.FilterProblem(fields)
	}
	v := s.Viewer(c)
	rows, err := registry.HouseholdPlacements(c.Context(), s.Store.Client, v, id, after.Position(), limit+1)
	if err != nil {
		return err
	}
	return c.JSON(httpx.DatedPageOf(rows, limit, func(p *ent.Placement) httpx.DatedPosition { return httpx.DatedPosition{On: p.StartedOn, ID: p.ID} },
		toPlacementJSON))
}

// HandlePlacementShow handles GET /api/v1/placements/:id. The view is
// audited.
func (s *Handler) HandlePlacementShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	p, err := registry.ViewPlacement(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, p.Version)
	return c.JSON(toPlacementJSON(p))
}

// HandleHouseholdPlacementCreate handles POST
// /api/v1/households/:id/placements.
func (s *Handler) HandleHouseholdPlacementCreate(c fiber.Ctx) error {
	householdID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in request.Placement
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	p, err := registry.CreatePlacement(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), householdID, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, p.Version)
	c.Location(fmt.Sprintf("/api/v1/placements/%d", p.ID))
	return c.Status(fiber.StatusCreated).JSON(toPlacementJSON(p))
}

// HandlePlacementUpdate handles PUT /api/v1/placements/:id: every editable
// field, with If-Match.
func (s *Handler) HandlePlacementUpdate(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	var in request.Placement
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	p, err := registry.UpdatePlacement(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, p.Version)
	return c.JSON(toPlacementJSON(p))
}
