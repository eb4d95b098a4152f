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

// PanelJSON is a panel meeting as the API shows it.
type PanelJSON struct {
	ID        int        `json:"id"`
	Name      string     `json:"name"`
	MeetsOn   civil.Date `json:"meets_on"`
	Location  string     `json:"location"`
	ChairID   *int       `json:"chair_id"`
	MemberIDs []int      `json:"member_ids"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

func toPanelJSON(p *ent.Panel, members []int) PanelJSON {
	return PanelJSON{ID: p.ID, Name: p.Name, MeetsOn: p.MeetsOn, Location: p.Location, ChairID: p.ChairID,
		MemberIDs: append([]int{}, members...), Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

// HandlePanelList handles GET /api/v1/panels: the panels the viewer may
// see, by meeting date, optionally from meets_from to meets_to (inclusive).
func (s *Handler) HandlePanelList(c fiber.Ctx) error {
	v, fields := s.Viewer(c), map[string]string{}
	httpx.OnlyParams(c, fields, "meets_from", "meets_to", "limit", "cursor")
	limit, after := httpx.ReadDatedPage(c, fields)
	var from, to *civil.Date
	for name, set := range map[string]**civil.Date{"meets_from": &from, "meets_to": &to} {
		if d, err := civil.Parse(c.Query(name)); err == nil {
			*set = &d
		} else if c.Query(name) != "" {
			fields[name] = name + " must be a date in the form 2026-03-14"
		}
	}
	if err := httpx.FilterProblem(fields); err != nil {
		return err
	}
	rows, err := registry.PanelPage(c.Context(), s.Store.Client, v, from, to, after.Position(), limit+1)
	if err != nil {
		return err
	}
	members, err := registry.PanelMembers(c.Context(), s.Store.Client, rows...)
	if err != nil {
		return err
	}
	return c.JSON(httpx.DatedPageOf(rows, limit, func(p *ent.Panel) httpx.DatedPosition { return httpx.DatedPosition{On: p.MeetsOn, ID: p.ID} },
		func(p *ent.Panel) PanelJSON { return toPanelJSON(p, members[p.ID]) }))
}

// HandlePanelShow handles GET /api/v1/panels/:id.
func (s *Handler) HandlePanelShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	p, err := registry.VisiblePanel(c.Context(), s.Store.Client, s.Viewer(c), id)
	if err != nil {
		return err
	}
	return s.sendPanel(c, fiber.StatusOK, p)
}

// HandlePanelCreate handles POST /api/v1/panels.
func (s *Handler) HandlePanelCreate(c fiber.Ctx) error {
	var in request.Panel
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	p, err := registry.CreatePanel(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), in.Fields())
	if err != nil {
		return err
	}
	c.Location(fmt.Sprintf("/api/v1/panels/%d", p.ID))
	return s.sendPanel(c, fiber.StatusCreated, p)
}

// HandlePanelUpdate handles PUT /api/v1/panels/:id, with If-Match.
func (s *Handler) HandlePanelUpdate(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	var in request.Panel
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	p, err := registry.UpdatePanel(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	return s.sendPanel(c, fiber.StatusOK, p)
}

// sendPanel answers with p, its members and its ETag.
func (s *Handler) sendPanel(c fiber.Ctx, status int, p *ent.Panel) error {
	members, err := registry.PanelMembers(c.Context(), s.Store.Client, p)
	if err != nil {
		return err
	}
	httpx.SetETag(c, p.Version)
	return c.Status(status).JSON(toPanelJSON(p, members[p.ID]))
}
