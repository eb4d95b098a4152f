package server

import (
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/registry"
)

// dueItemJSON is one due item as the API shows it. Reason is the sentence a
// person reads: what the date rests on, and the rule and its source.
type dueItemJSON struct {
	ID          int         `json:"id,omitempty"`
	HouseholdID int         `json:"household_id"`
	Reference   string      `json:"household_reference"`
	SSWID       *int        `json:"ssw_id,omitempty"`
	Kind        string      `json:"kind"`
	Label       string      `json:"label"`
	Subject     subjectJSON `json:"subject"`
	Ref         int         `json:"ref,omitempty"`
	What        string      `json:"what"`
	DueOn       *civil.Date `json:"due_on"`
	Status      string      `json:"status"`
	DaysLeft    *int        `json:"days_left"`
	Reason      string      `json:"reason"`
	Source      string      `json:"source"`
}

// subjectJSON is whom an item is for: the household, a carer or a member.
type subjectJSON struct {
	Kind string `json:"kind"`
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// statusTotals adds up the statuses across kinds.
type statusTotals struct {
	Overdue int `json:"overdue"`
	DueSoon int `json:"due_soon"`
	OK      int `json:"ok"`
}

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

// kindCountJSON is one line of the summary.
type kindCountJSON struct {
	registry.KindCount
	Label string `json:"label"`
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

func storedItemJSON(it *ent.DueItem, on civil.Date, p compliance.Policy) dueItemJSON {
	due := it.DueOn
	status := p.StatusOf(compliance.Item{Kind: compliance.Kind(it.Kind), DueOn: due}, on)
	days := on.DaysUntil(due)
	return dueItemJSON{
		ID: it.ID, HouseholdID: it.HouseholdID, Reference: it.HouseholdReference, SSWID: it.SswID,
		Kind: it.Kind, Label: compliance.Kind(it.Kind).Label(),
		Subject: subjectJSON{Kind: it.SubjectKind, ID: it.SubjectID, Name: it.SubjectName},
		Ref:     it.Ref, What: it.What, DueOn: &due, Status: string(status),
		DaysLeft: &days, Reason: it.Reason, Source: it.Source,
	}
}

func assessedItemJSON(h *ent.Household, it compliance.Item, on civil.Date, p compliance.Policy) dueItemJSON {
	out := dueItemJSON{
		HouseholdID: h.ID, Reference: h.Reference, SSWID: h.SswID, Kind: string(it.Kind), Label: it.Kind.Label(),
		Subject: subjectJSON{Kind: string(it.Subject.Kind), ID: it.Subject.ID, Name: it.Subject.Name},
		Ref:     it.Ref, What: it.What, Status: string(p.StatusOf(it, on)), Reason: it.Reason, Source: it.Source,
	}
	if !it.DueOn.IsZero() {
		due := it.DueOn
		out.DueOn = &due
		if it.Standing == compliance.Open {
			days := on.DaysUntil(due)
			out.DaysLeft = &days
		}
	}
	return out
}
