package server

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/registry"
)

// pastPanelsShown is how many past panels the list shows after the
// upcoming ones.
const pastPanelsShown = 12

// agendaItem is one review on a panel's agenda, as the panel page shows it.
type agendaItem struct {
	Item      *ent.PanelItem
	Review    *ent.Review
	Household *ent.Household
	Warning   string
}

// handlePanelsPage handles GET /panels: the panels the viewer may see,
// upcoming first, then the latest past ones. For a panel member these are
// the panels they sit on or chair.
func (s *Server) handlePanelsPage(c fiber.Ctx) error {
	title := "Panels"
	if s.viewer(c).Role == user.RolePanelMember {
		title = "My panels"
	}
	return s.panelsPage(c, title)
}

func (s *Server) panelsPage(c fiber.Ctx, title string) error {
	v, on := s.viewer(c), today()
	q := func() *ent.PanelQuery { return s.store.Client.Panel.Query().Where(v.PanelScope()...) }
	upcoming, err := q().Where(panel.MeetsOnGTE(on)).Order(ent.Asc(panel.FieldMeetsOn), ent.Asc(panel.FieldID)).All(c.Context())
	if err != nil {
		return err
	}
	past, err := q().Where(panel.MeetsOnLT(on)).Order(ent.Desc(panel.FieldMeetsOn), ent.Desc(panel.FieldID)).
		Limit(pastPanelsShown).All(c.Context())
	if err != nil {
		return err
	}
	rows, err := s.panelRows(c, append(upcoming, past...))
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "panels", fiber.Map{"Title": title, "Upcoming": rows[:len(upcoming)], "Past": rows[len(upcoming):]})
}

// panelRow is a panel in the list, with the length of its agenda.
type panelRow struct {
	*ent.Panel
	Items int
}

// panelRows counts each panel's agenda in one query. Loading the items
// themselves to count them read hundreds of rows a panel at 50,000
// households.
func (s *Server) panelRows(c fiber.Ctx, panels []*ent.Panel) ([]panelRow, error) {
	ids := make([]int, len(panels))
	for i, p := range panels {
		ids[i] = p.ID
	}
	var counts []struct {
		PanelID int `json:"panel_id"`
		Count   int `json:"count"`
	}
	if len(ids) > 0 {
		err := s.store.Client.PanelItem.Query().Where(panelitem.PanelIDIn(ids...)).
			GroupBy(panelitem.FieldPanelID).Aggregate(ent.Count()).Scan(c.Context(), &counts)
		if err != nil {
			return nil, err
		}
	}
	items := make(map[int]int, len(counts))
	for _, n := range counts {
		items[n.PanelID] = n.Count
	}
	rows := make([]panelRow, len(panels))
	for i, p := range panels {
		rows[i] = panelRow{Panel: p, Items: items[p.ID]}
	}
	return rows, nil
}

// handlePanelPage handles GET /panels/:id: the agenda in order, with each
// item's papers deadline (and a warning when late or unsent), the panel's
// recommendation, and the pack to download; the whole agenda's packs as
// one ZIP. A panel the viewer does not sit on is not found.
func (s *Server) handlePanelPage(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v := s.viewer(c)
	p, err := registry.VisiblePanel(c.Context(), s.store.Client, v, id)
	if err != nil {
		return err
	}
	items, err := s.store.Client.PanelItem.Query().Where(panelitem.PanelID(id)).
		WithReview(func(q *ent.ReviewQuery) { q.WithHousehold() }).
		Order(ent.Asc(panelitem.FieldPosition), ent.Asc(panelitem.FieldID)).All(c.Context())
	if err != nil {
		return err
	}
	members, err := s.store.Client.Panel.QueryMembers(p).Order(ent.Asc(user.FieldName)).All(c.Context())
	if err != nil {
		return err
	}
	var chair *ent.User
	if p.ChairID != nil {
		if chair, err = s.store.Client.User.Get(c.Context(), *p.ChairID); err != nil && !ent.IsNotFound(err) {
			return err
		}
	}
	agenda := make([]agendaItem, 0, len(items))
	for _, it := range items {
		a := agendaItem{Item: it, Review: it.Edges.Review, Warning: compliance.PapersWarning(p.MeetsOn, it.PapersSentOn, today())}
		if a.Review != nil {
			a.Household = a.Review.Edges.Household
		}
		agenda = append(agenda, a)
	}
	return s.render(c, fiber.StatusOK, "panel", fiber.Map{
		"Title": p.Name, "Panel": p, "Agenda": agenda, "Members": members, "Chair": chair,
		"PapersDueBy": compliance.PapersDeadline(p.MeetsOn), "Back": "/panels",
	})
}
