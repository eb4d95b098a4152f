package api

import (
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// complianceSummaryJSON is the answer of GET /api/v1/compliance.
type complianceSummaryJSON struct {
	On          civil.Date            `json:"on"`
	WarningDays int                   `json:"warning_days"`
	Totals      httpx.StatusTotals    `json:"totals"`
	ByKind      []httpx.KindCountJSON `json:"by_kind"`
	// Recalculating is present while due dates are being worked out again
	// after a policy or catalogue change: until it finishes, some
	// households' items, and so these counts, follow the earlier settings.
	Recalculating *RecalculationJSON `json:"recalculating,omitempty"`
}

// RecalculationJSON is the progress of a recalculation of due dates.
type RecalculationJSON struct {
	Since          time.Time `json:"since"`
	HouseholdsDone int       `json:"households_done"`
	Households     int       `json:"households"`
}

// DueItemsPageJSON is the answer of GET /api/v1/compliance/items.
type DueItemsPageJSON struct {
	On          civil.Date          `json:"on"`
	WarningDays int                 `json:"warning_days"`
	Items       []httpx.DueItemJSON `json:"items"`
	NextCursor  string              `json:"next_cursor"`
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
	On          civil.Date          `json:"on"`
	WarningDays int                 `json:"warning_days"`
	Items       []httpx.DueItemJSON `json:"items"`
}

// HandleComplianceSummary handles GET /api/v1/compliance: open items of
// every kind counted by status, for the service or one worker's households.
func (s *Handler) HandleComplianceSummary(c fiber.Ctx) error {
	q, err := s.ParseDueQuery(c, false)
	if err != nil {
		return err
	}
	counts, err := registry.DueSummary(c.Context(), s.Store.Client, q.On, q.Policy, q.Filter)
	if err != nil {
		return err
	}
	var totals httpx.StatusTotals
	rows := make([]httpx.KindCountJSON, len(counts))
	for i, k := range counts {
		rows[i] = httpx.KindCountJSON{KindCount: k, Label: k.Kind.Label()}
		totals.Overdue += k.Overdue
		totals.DueSoon += k.DueSoon
		totals.OK += k.Upcoming
	}
	out := complianceSummaryJSON{On: q.On, WarningDays: q.Policy.WarningDays, Totals: totals, ByKind: rows}
	recalc, err := registry.DueRecalculation(c.Context(), s.Store.Client)
	if err != nil {
		return err
	}
	if recalc.Pending {
		out.Recalculating = &RecalculationJSON{Since: recalc.Since, HouseholdsDone: min(recalc.Done, recalc.Total), Households: recalc.Total}
	}
	return c.JSON(out)
}

// HandleComplianceItems handles GET /api/v1/compliance/items: the open
// items, most urgent first, a page at a time (overdue and due soon unless
// status says otherwise).
func (s *Handler) HandleComplianceItems(c fiber.Ctx) error {
	q, err := s.ParseDueQuery(c, true)
	if err != nil {
		return err
	}
	items, next, err := registry.DueList(c.Context(), s.Store.Client, q.On, q.Policy, q.Filter, q.Statuses, q.After, q.Limit)
	if err != nil {
		return err
	}
	out := make([]httpx.DueItemJSON, len(items))
	for i, it := range items {
		out[i] = httpx.StoredItemJSON(it, q.On, q.Policy)
	}
	return c.JSON(DueItemsPageJSON{On: q.On, WarningDays: q.Policy.WarningDays, Items: out, NextCursor: httpx.FormatCursor(next)})
}

// HandleHouseholdCompliance handles GET /api/v1/households/:id/compliance:
// every item for the household, its carers and members, assessed afresh,
// including what is met and what does not apply, each with its reason.
func (s *Handler) HandleHouseholdCompliance(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	on, err := httpx.ParseOn(c)
	if err != nil {
		return registry.Invalid(map[string]string{"on": err.Error()})
	}
	h, items, p, err := registry.HouseholdCompliance(c.Context(), s.Store.Client, id)
	if err != nil {
		return err
	}
	out := make([]httpx.DueItemJSON, len(items))
	for i, it := range items {
		out[i] = httpx.AssessedItemJSON(h, it, on, p)
	}
	var res householdComplianceJSON
	res.Household.ID, res.Household.Reference, res.Household.Status, res.Household.SSWID = h.ID, h.Reference, string(h.Status), h.SswID
	res.On, res.WarningDays, res.Items = on, p.WarningDays, out
	return c.JSON(res)
}
