package api

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// VisitJSON is a visit as the API shows it. The note is left out for
// viewers who may not read it (a carer reading their own household's
// visits). Version is also sent as the ETag.
type VisitJSON struct {
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

func toVisitJSON(r *ent.Visit, v registry.Viewer) VisitJSON {
	out := VisitJSON{ID: r.ID, HouseholdID: r.HouseholdID, Kind: string(r.Kind), VisitedOn: r.VisitedOn,
		VisitorID: r.VisitorID, ChildrenSeen: r.ChildrenSeen, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if v.MaySeeVisitNotes() {
		out.Note = &r.Note
	}
	return out
}

// HandleHouseholdVisitList handles GET /api/v1/households/:id/visits: the
// household's visits, latest first, optionally of one kind.
func (s *Handler) HandleHouseholdVisitList(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	httpx.OnlyParams(c, fields, "kind", "limit", "cursor")
	limit, after := httpx.ReadDatedPage(c, fields)
	var kind *visit.Kind
	if k := c.Query("kind"); k != "" {
		if visit.KindValidator(visit.Kind(k)) != nil {
			fields["kind"] = "kind must be one of supervisory, unannounced, telephone"
		}
		kind = new(visit.Kind(k))
	}
	if len(fields) > 0 {
		return httpx.FilterProblem(fields)
	}
	v := s.Viewer(c)
	rows, err := registry.HouseholdVisits(c.Context(), s.Store.Client, v, id, kind, after.Position(), limit+1)
	if err != nil {
		return err
	}
	return c.JSON(httpx.DatedPageOf(rows, limit, func(r *ent.Visit) httpx.DatedPosition { return httpx.DatedPosition{On: r.VisitedOn, ID: r.ID} },
		func(r *ent.Visit) VisitJSON { return toVisitJSON(r, v) }))
}

// HandleVisitShow handles GET /api/v1/visits/:id. The view is audited.
func (s *Handler) HandleVisitShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	r, err := registry.ViewVisit(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, r.Version)
	return c.JSON(toVisitJSON(r, s.Viewer(c)))
}

// HandleHouseholdVisitCreate handles POST /api/v1/households/:id/visits.
func (s *Handler) HandleHouseholdVisitCreate(c fiber.Ctx) error {
	householdID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in request.Visit
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.CreateVisit(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), householdID, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, r.Version)
	c.Location(fmt.Sprintf("/api/v1/visits/%d", r.ID))
	return c.Status(fiber.StatusCreated).JSON(toVisitJSON(r, s.Viewer(c)))
}

// HandleVisitUpdate handles PUT /api/v1/visits/:id: every editable field,
// with If-Match.
func (s *Handler) HandleVisitUpdate(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	var in request.Visit
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.UpdateVisit(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, r.Version)
	return c.JSON(toVisitJSON(r, s.Viewer(c)))
}
