package ui

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// HandleAgendaItemMove handles POST /panels/:id/items/:item/move: the
// manager moves a review one place earlier or later on the agenda
// ("direction" up or down), and is back on the panel's page.
func (s *Handler) HandleAgendaItemMove(c fiber.Ctx) error {
	panelID, itemID, err := agendaPath(c)
	if err != nil {
		return err
	}
	by := 1
	if c.FormValue("direction") == "up" {
		by = -1
	}
	if err := registry.MovePanelItem(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), itemID, atoiOr(c.FormValue("version")), by); err != nil {
		return err
	}
	return c.Redirect().To("/panels/" + httpx.Itoa(panelID) + "?done=moved#agenda")
}

// HandleAgendaItemRemove handles POST /panels/:id/items/:item/remove: the
// review is taken off the agenda (it can be put back from its own page).
func (s *Handler) HandleAgendaItemRemove(c fiber.Ctx) error {
	panelID, itemID, err := agendaPath(c)
	if err != nil {
		return err
	}
	if err := registry.ArchivePanelItem(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), itemID, atoiOr(c.FormValue("version"))); err != nil {
		return err
	}
	return c.Redirect().To("/panels/" + httpx.Itoa(panelID) + "?done=removed#agenda")
}

// agendaPath reads the panel and agenda item a form names in its path.
func agendaPath(c fiber.Ctx) (panelID, itemID int, err error) {
	if panelID, err = httpx.PathID(c); err != nil {
		return 0, 0, err
	}
	itemID = atoiOr(c.Params("item"))
	if itemID < 1 {
		return 0, 0, fiber.ErrNotFound
	}
	return panelID, itemID, nil
}
