package ui

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// dashboardListSize is how many overdue and due-soon items the dashboard
// shows before linking to the rest.
const dashboardListSize = 25

// staffDashboard is the fostering team's start page: what is overdue and
// due soon across the service, by kind and item by item, each with its
// reason. A supervising social worker sees their own households first,
// and can switch to the whole service.
func (s *Handler) staffDashboard(c fiber.Ctx, v registry.Viewer) error {
	ctx, client, on := c.Context(), s.Store.Client, httpx.Today()
	p, err := registry.CompliancePolicy(ctx, client)
	if err != nil {
		return err
	}
	var filter registry.DueFilter
	// An SSW's API token has no caseload: it sees the whole service.
	mine := v.Role == user.RoleSsw && v.UserID != 0 && c.Query("households") != "all"
	if mine {
		filter.SSWID = v.UserID
	}
	counts, err := registry.DueSummary(ctx, client, on, p, filter)
	if err != nil {
		return err
	}
	var totals httpx.StatusTotals
	var rows []httpx.KindCountJSON
	for _, k := range counts {
		totals.Overdue += k.Overdue
		totals.DueSoon += k.DueSoon
		totals.OK += k.Upcoming
		if k.Overdue+k.DueSoon > 0 {
			rows = append(rows, httpx.KindCountJSON{KindCount: k, Label: k.Kind.Label()})
		}
	}
	list := func(st compliance.Status) ([]httpx.DueItemJSON, bool, error) {
		items, next, err := registry.DueList(ctx, client, on, p, filter, []compliance.Status{st}, nil, dashboardListSize)
		out := make([]httpx.DueItemJSON, len(items))
		for i, it := range items {
			out[i] = httpx.StoredItemJSON(it, on, p)
		}
		return out, next != nil, err
	}
	overdue, moreOverdue, err := list(compliance.Overdue)
	if err != nil {
		return err
	}
	soon, moreSoon, err := list(compliance.DueSoon)
	if err != nil {
		return err
	}
	recalc, err := s.recalculationNotice(ctx)
	if err != nil {
		return err
	}
	return s.Render(c, fiber.StatusOK, "dashboard", fiber.Map{
		"Title": "Dashboard", "Recalculating": recalc, "On": on, "WarningDays": p.WarningDays, "Totals": totals, "ByKind": rows,
		"Overdue": overdue, "MoreOverdue": moreOverdue, "DueSoon": soon, "MoreDueSoon": moreSoon,
		"Mine": mine, "IsSSW": v.Role == user.RoleSsw && v.UserID != 0, "UserID": v.UserID,
	})
}
