package ui

import (
	"slices"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// pastPanelsShown is how many past panels the list shows after the
// upcoming ones.
const pastPanelsShown = 12

// HandlePanelsPage handles GET /panels: the panels the viewer may see,
// upcoming first, then the latest past ones. For a panel member these are
// the panels they sit on or chair.
func (s *Handler) HandlePanelsPage(c fiber.Ctx) error {
	title := "Panels"
	if s.Viewer(c).Role == user.RolePanelMember {
		title = "My panels"
	}
	return s.panelsPage(c, title)
}

func (s *Handler) panelsPage(c fiber.Ctx, title string) error {
	list, err := registry.Panels(c.Context(), s.Store.Client, s.Viewer(c), httpx.Today(), pastPanelsShown)
	if err != nil {
		return err
	}
	return s.Render(c, fiber.StatusOK, "panels", fiber.Map{"Title": title, "Upcoming": list.Upcoming, "Past": list.Past,
		"MayArrange": s.Viewer(c).MayManagePanels()})
}

// HandlePanelPage handles GET /panels/:id: the agenda in order, with each
// item's papers deadline (and a warning when late or unsent), the panel's
// recommendation, and the pack to download; the whole agenda's packs as
// one ZIP. A panel the viewer does not sit on is not found.
func (s *Handler) HandlePanelPage(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	a, err := registry.ReadPanelAgenda(c.Context(), s.Store.Client, s.Viewer(c), id, httpx.Today())
	if err != nil {
		return err
	}
	return s.Render(c, fiber.StatusOK, "panel", fiber.Map{
		"Title": a.Panel.Name, "Panel": a.Panel, "Agenda": a.Agenda, "Members": a.Members, "Chair": a.Chair,
		"PapersDueBy": compliance.PapersDeadline(a.Panel.MeetsOn), "Back": "/panels",
		"Arranged": c.Query("added") == "panel",
		// Staff open each item's review; panel members read its pack.
		"MayOpenReviews": slices.Contains(auth.Staff.Roles, s.Viewer(c).Role),
		"MayArrange":     s.Viewer(c).MayManagePanels(),
		"Done":           agendaDone[c.Query("done")],
	})
}

// agendaDone is the banner after the agenda changes.
var agendaDone = map[string]string{
	"moved":   "The agenda's order is saved.",
	"removed": "The review is taken off the agenda. It can be put on a panel again from its own page.",
}
