package server

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/registry"
)

// householdRow is one line of the households list.
type householdRow struct {
	Household *ent.Household
	Status    string
	Carers    []string
	SSW       string
}

// handleHouseholdsPage handles GET /households: search by reference,
// postcode or carer's name, filter by status, in reference order a page
// at a time. It reads the same parameters as GET /api/v1/households.
func (s *Server) handleHouseholdsPage(c fiber.Ctx) error {
	q, err := parseHouseholdQuery(c, s.viewer(c), s.store.Dialect)
	if err != nil {
		return err
	}
	rows, err := q.rows(c.Context(), s.store.Client)
	if err != nil {
		return err
	}
	page := pageOf(rows, q.limit, q.cursorAfter, func(h *ent.Household) *ent.Household { return h })
	people, err := registry.PeopleOf(c.Context(), s.store.Client, page.Items)
	if err != nil {
		return err
	}
	out := make([]householdRow, len(page.Items))
	for i, h := range page.Items {
		out[i] = householdRow{Household: h, Status: statusLabel(h.Status), Carers: people.Carers[h.ID], SSW: people.SSW[h.ID]}
	}
	return s.render(c, fiber.StatusOK, "households", fiber.Map{
		"Title": "Households", "Rows": out, "Next": page.NextCursor, "Q": c.Query("q"), "Status": c.Query("status"),
		"Sort": c.Query("sort"), "Statuses": statusLabels, "Approved": string(household.StatusApproved),
		"MayOpen": s.viewer(c).MayCreateHouseholds(),
	})
}
