package ui

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// householdRow is one line of the households list.
type householdRow struct {
	Household *ent.Household
	Status    string
	Carers    []string
	SSW       string
}

// HandleHouseholdsPage handles GET /households: search by reference,
// postcode or carer's name, filter by status, in reference order a page
// at a time. It reads the same parameters as GET /api/v1/households.
func (s *Handler) HandleHouseholdsPage(c fiber.Ctx) error {
	q, err := httpx.ParseHouseholdQuery(c, s.Viewer(c), s.Store.Dialect)
	if err != nil {
		return err
	}
	rows, err := q.Rows(c.Context(), s.Store.Client)
	if err != nil {
		return err
	}
	page := httpx.PageOf(rows, q.Limit, q.CursorAfter, func(h *ent.Household) *ent.Household { return h })
	people, err := registry.PeopleOf(c.Context(), s.Store.Client, page.Items)
	if err != nil {
		return err
	}
	out := make([]householdRow, len(page.Items))
	for i, h := range page.Items {
		out[i] = householdRow{Household: h, Status: httpx.StatusLabel(h.Status), Carers: people.Carers[h.ID], SSW: people.SSW[h.ID]}
	}
	return s.Render(c, fiber.StatusOK, "households", fiber.Map{
		"Title": "Households", "Rows": out, "Next": page.NextCursor, "Q": c.Query("q"), "Status": c.Query("status"),
		"Sort": c.Query("sort"), "Statuses": httpx.StatusLabels, "Approved": string(household.StatusApproved),
		"MayOpen": s.Viewer(c).MayCreateHouseholds(),
	})
}
