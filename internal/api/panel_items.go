package api

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// PanelItemJSON is a review on a panel's agenda, as the API shows it.
type PanelItemJSON struct {
	ID             int                       `json:"id"`
	PanelID        int                       `json:"panel_id"`
	ReviewID       int                       `json:"review_id"`
	Position       int                       `json:"position"`
	PapersSentOn   *civil.Date               `json:"papers_sent_on"`
	RecommendedOn  *civil.Date               `json:"recommended_on"`
	Recommendation *panelitem.Recommendation `json:"recommendation"`
	Minute         string                    `json:"minute"`
	PapersDueBy    *civil.Date               `json:"papers_due_by"`
	Warnings       []string                  `json:"warnings"`
	Version        int                       `json:"version"`
	CreatedAt      time.Time                 `json:"created_at"`
	UpdatedAt      time.Time                 `json:"updated_at"`
}

// toPanelItemJSON shows an agenda item with its papers deadline, and
// warns when the papers are late or not yet sent (NMS 14), reading the
// meeting date from the item's panel.
func toPanelItemJSON(i *ent.PanelItem) PanelItemJSON {
	out := PanelItemJSON{ID: i.ID, PanelID: i.PanelID, ReviewID: i.ReviewID, Position: i.Position,
		PapersSentOn: i.PapersSentOn, RecommendedOn: i.RecommendedOn, Recommendation: i.Recommendation,
		Minute: i.Minute, Version: i.Version, CreatedAt: i.CreatedAt, UpdatedAt: i.UpdatedAt, Warnings: []string{}}
	if p := i.Edges.Panel; p != nil {
		due := compliance.PapersDeadline(p.MeetsOn)
		out.PapersDueBy = &due
		if w := compliance.PapersWarning(p.MeetsOn, i.PapersSentOn, httpx.Today()); w != "" {
			out.Warnings = append(out.Warnings, w)
		}
	}
	return out
}

// HandlePanelItemList handles GET /api/v1/panels/:id/items: the agenda, in
// order. The cursor is the position and id of the last item shown.
func (s *Handler) HandlePanelItemList(c fiber.Ctx) error {
	panelID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	httpx.OnlyParams(c, fields, "limit", "cursor")
	limit := httpx.ListLimit(c, fields)
	var pos, after int
	if v := c.Query("cursor"); v != "" {
		p, id, _ := strings.Cut(v, ".")
		var perr, nerr error
		pos, perr = strconv.Atoi(p)
		after, nerr = strconv.Atoi(id)
		if perr != nil || nerr != nil || after < 1 {
			fields["cursor"] = "cursor must be the next_cursor of an earlier page"
		}
	}
	if err := httpx.FilterProblem(fields); err != nil {
		return err
	}
	panel, rows, err := registry.AgendaPage(c.Context(), s.Store.Client, s.Viewer(c), panelID, pos, after, limit+1)
	if err != nil {
		return err
	}
	out := httpx.Page[PanelItemJSON]{Items: make([]PanelItemJSON, 0, len(rows))}
	if len(rows) > limit {
		rows = rows[:limit]
		out.NextCursor = fmt.Sprintf("%d.%d", rows[limit-1].Position, rows[limit-1].ID)
	}
	for _, i := range rows {
		i.Edges.Panel = panel
		out.Items = append(out.Items, toPanelItemJSON(i))
	}
	return c.JSON(out)
}

// HandlePanelItemShow handles GET /api/v1/panel-items/:id. The view is
// audited.
func (s *Handler) HandlePanelItemShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	item, err := registry.ViewPanelItem(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, item.Version)
	return c.JSON(toPanelItemJSON(item))
}

// HandlePanelItemCreate handles POST /api/v1/panels/:id/items.
func (s *Handler) HandlePanelItemCreate(c fiber.Ctx) error {
	panelID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in request.PanelItem
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	item, err := registry.CreatePanelItem(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), panelID, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, item.Version)
	c.Location(fmt.Sprintf("/api/v1/panel-items/%d", item.ID))
	return c.Status(fiber.StatusCreated).JSON(toPanelItemJSON(item))
}

// HandlePanelItemUpdate handles PUT /api/v1/panel-items/:id, with If-Match.
func (s *Handler) HandlePanelItemUpdate(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	var in request.PanelItem
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	item, err := registry.UpdatePanelItem(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, item.Version)
	return c.JSON(toPanelItemJSON(item))
}
