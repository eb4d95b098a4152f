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

// panelJSON is a panel meeting as the API shows it.
type panelJSON struct {
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

func toPanelJSON(p *ent.Panel, members []int) panelJSON {
	return panelJSON{ID: p.ID, Name: p.Name, MeetsOn: p.MeetsOn, Location: p.Location, ChairID: p.ChairID,
		MemberIDs: append([]int{}, members...), Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

// handlePanelList handles GET /api/v1/panels: the panels the viewer may
// see, by meeting date, optionally from meets_from to meets_to (inclusive).
func (s *Server) handlePanelList(c fiber.Ctx) error {
	v, fields := s.viewer(c), map[string]string{}
	onlyParams(c, fields, "meets_from", "meets_to", "limit", "cursor")
	limit, after := readDatedPage(c, fields)
	var from, to *civil.Date
	for name, set := range map[string]**civil.Date{"meets_from": &from, "meets_to": &to} {
		if d, err := civil.Parse(c.Query(name)); err == nil {
			*set = &d
		} else if c.Query(name) != "" {
			fields[name] = name + " must be a date in the form 2026-03-14"
		}
	}
	if err := filterProblem(fields); err != nil {
		return err
	}
	rows, err := registry.PanelPage(c.Context(), s.store.Client, v, from, to, after.position(), limit+1)
	if err != nil {
		return err
	}
	members, err := registry.PanelMembers(c.Context(), s.store.Client, rows...)
	if err != nil {
		return err
	}
	return c.JSON(datedPageOf(rows, limit, func(p *ent.Panel) datedPosition { return datedPosition{on: p.MeetsOn, id: p.ID} },
		func(p *ent.Panel) panelJSON { return toPanelJSON(p, members[p.ID]) }))
}

// handlePanelShow handles GET /api/v1/panels/:id.
func (s *Server) handlePanelShow(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := registry.VisiblePanel(c.Context(), s.store.Client, s.viewer(c), id)
	if err != nil {
		return err
	}
	return s.sendPanel(c, fiber.StatusOK, p)
}

// handlePanelCreate handles POST /api/v1/panels.
func (s *Server) handlePanelCreate(c fiber.Ctx) error {
	var in request.Panel
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	p, err := registry.CreatePanel(c.Context(), s.store.Client, s.actor(c), s.viewer(c), in.Fields())
	if err != nil {
		return err
	}
	c.Location(fmt.Sprintf("/api/v1/panels/%d", p.ID))
	return s.sendPanel(c, fiber.StatusCreated, p)
}

// handlePanelUpdate handles PUT /api/v1/panels/:id, with If-Match.
func (s *Server) handlePanelUpdate(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in request.Panel
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	p, err := registry.UpdatePanel(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	return s.sendPanel(c, fiber.StatusOK, p)
}

// sendPanel answers with p, its members and its ETag.
func (s *Server) sendPanel(c fiber.Ctx, status int, p *ent.Panel) error {
	members, err := registry.PanelMembers(c.Context(), s.store.Client, p)
	if err != nil {
		return err
	}
	setETag(c, p.Version)
	return c.Status(status).JSON(toPanelJSON(p, members[p.ID]))
}
