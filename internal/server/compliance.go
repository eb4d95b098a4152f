package server

import (
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// complianceSummaryJSON is the answer of GET /api/v1/compliance.
type complianceSummaryJSON struct {
	On          civil.Date      `json:"on"`
	WarningDays int             `json:"warning_days"`
	Totals      statusTotals    `json:"totals"`
	ByKind      []kindCountJSON `json:"by_kind"`
	// Recalculating is present while due dates are being worked out again
	// after a policy or catalogue change: until it finishes, some
	// households' items, and so these counts, follow the earlier settings.
	Recalculating *recalculationJSON `json:"recalculating,omitempty"`
}

// recalculationJSON is the progress of a recalculation of due dates.
type recalculationJSON struct {
	Since          time.Time `json:"since"`
	HouseholdsDone int       `json:"households_done"`
	Households     int       `json:"households"`
}

// dueItemsPageJSON is the answer of GET /api/v1/compliance/items.
type dueItemsPageJSON struct {
	On          civil.Date    `json:"on"`
	WarningDays int           `json:"warning_days"`
	Items       []dueItemJSON `json:"items"`
	NextCursor  string        `json:"next_cursor"`
}

// householdComplianceJSON is the answer of GET
// /api/v1/households/:id/compliance.
type householdComplianceJSON struct {
	Household struct {
		ID        int    `json:"id"`
		Reference string `json:"reference"`
		Status    string `json:"status"`
		SSWID     *int   `json:"ssw_id"`
	} `json:"household"`
	On          civil.Date    `json:"on"`
	WarningDays int           `json:"warning_days"`
	Items       []dueItemJSON `json:"items"`
}

// handleComplianceSummary handles GET /api/v1/compliance: open items of
// every kind counted by status, for the service or one worker's households.
func (s *Server) handleComplianceSummary(c fiber.Ctx) error {
	q, err := s.parseDueQuery(c, false)
	if err != nil {
		return err
	}
	counts, err := registry.DueSummary(c.Context(), s.store.Client, q.on, q.policy, q.filter)
	if err != nil {
		return err
	}
	var totals statusTotals
	rows := make([]kindCountJSON, len(counts))
	for i, k := range counts {
		rows[i] = kindCountJSON{KindCount: k, Label: k.Kind.Label()}
		totals.Overdue += k.Overdue
		totals.DueSoon += k.DueSoon
		totals.OK += k.Upcoming
	}
	out := complianceSummaryJSON{On: q.on, WarningDays: q.policy.WarningDays, Totals: totals, ByKind: rows}
	recalc, err := registry.DueRecalculation(c.Context(), s.store.Client)
	if err != nil {
		return err
	}
	if recalc.Pending {
		out.Recalculating = &recalculationJSON{Since: recalc.Since, HouseholdsDone: min(recalc.Done, recalc.Total), Households: recalc.Total}
	}
	return c.JSON(out)
}

// handleComplianceItems handles GET /api/v1/compliance/items: the open
// items, most urgent first, a page at a time (overdue and due soon unless
// status says otherwise).
func (s *Server) handleComplianceItems(c fiber.Ctx) error {
	q, err := s.parseDueQuery(c, true)
	if err != nil {
		return err
	}
	items, next, err := registry.DueList(c.Context(), s.store.Client, q.on, q.policy, q.filter, q.statuses, q.after, q.limit)
	if err != nil {
		return err
	}
	out := make([]dueItemJSON, len(items))
	for i, it := range items {
		out[i] = storedItemJSON(it, q.on, q.policy)
	}
	return c.JSON(dueItemsPageJSON{On: q.on, WarningDays: q.policy.WarningDays, Items: out, NextCursor: formatCursor(next)})
}

// handleHouseholdCompliance handles GET /api/v1/households/:id/compliance:
// every item for the household, its carers and members, assessed afresh,
// including what is met and what does not apply, each with its reason.
func (s *Server) handleHouseholdCompliance(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	on, err := parseOn(c)
	if err != nil {
		return registry.Invalid(map[string]string{"on": err.Error()})
	}
	h, items, p, err := registry.HouseholdCompliance(c.Context(), s.store.Client, id)
	if err != nil {
		return err
	}
	out := make([]dueItemJSON, len(items))
	for i, it := range items {
		out[i] = assessedItemJSON(h, it, on, p)
	}
	var res householdComplianceJSON
	res.Household.ID, res.Household.Reference, res.Household.Status, res.Household.SSWID = h.ID, h.Reference, string(h.Status), h.SswID
	res.On, res.WarningDays, res.Items = on, p.WarningDays, out
	return c.JSON(res)
}
