package server

import (
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
)

// statusJSON is the answer of GET /api/v1/status.
type statusJSON struct {
	Households int           `json:"households"`
	ByStatus   []statusCount `json:"by_status"`
	Version    string        `json:"version"`
}

// statusCount is one row of the households-by-status summary.
type statusCount struct {
	Status string `json:"status"`
	Label  string `json:"label"`
	Count  int    `json:"count"`
}

// statusLabels name household statuses as the fostering team says them, in
// the order a manager reads them.
var statusLabels = []struct {
	Status household.Status
	Label  string
}{
	{household.StatusApproved, "Approved"},
	{household.StatusAssessment, "In assessment"},
	{household.StatusOnHold, "On hold"},
	{household.StatusSuspended, "Suspended"},
	{household.StatusResigned, "Resigned"},
	{household.StatusTerminated, "Approval terminated"},
	{household.StatusRefused, "Application refused"},
	{household.StatusWithdrawn, "Application withdrawn"},
}

// householdsByStatus counts live households per status.
func (s *Server) householdsByStatus(c fiber.Ctx) ([]statusCount, int, error) {
	var rows []struct {
		Status household.Status `json:"status"`
		Count  int              `json:"count"`
	}
	err := s.store.Client.Household.Query().
		GroupBy(household.FieldStatus).Aggregate(ent.Count()).Scan(c.Context(), &rows)
	if err != nil {
		return nil, 0, err
	}
	counts := map[household.Status]int{}
	total := 0
	for _, r := range rows {
		counts[r.Status] = r.Count
		total += r.Count
	}
	out := make([]statusCount, 0, len(statusLabels))
	for _, sl := range statusLabels {
		out = append(out, statusCount{Status: string(sl.Status), Label: sl.Label, Count: counts[sl.Status]})
	}
	return out, total, nil
}

// handleHome handles GET /: each role's starting point. Staff see the
// registry at a glance; a carer sees their own household and a panel member
// the panels they sit on, and nothing of anyone else's.
func (s *Server) handleHome(c fiber.Ctx) error {
	switch u := currentUser(c); u.Role {
	case user.RoleCarer:
		return s.carerHome(c, u)
	case user.RolePanelMember:
		return s.panelMemberHome(c, u)
	}
	byStatus, total, err := s.householdsByStatus(c)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "index", fiber.Map{
		"Title": "Fostering households", "Total": total, "ByStatus": byStatus,
	})
}

// handleAPIStatus handles GET /api/v1/status: the same summary as JSON.
func (s *Server) handleAPIStatus(c fiber.Ctx) error {
	byStatus, total, err := s.householdsByStatus(c)
	if err != nil {
		return err
	}
	return c.JSON(statusJSON{Households: total, ByStatus: byStatus, Version: s.version})
}

// carerHome shows a carer the household their account is linked to.
func (s *Server) carerHome(c fiber.Ctx, u *ent.User) error {
	me, err := s.store.Client.Carer.Query().Where(carer.UserID(u.ID)).
		WithHousehold(func(q *ent.HouseholdQuery) { q.WithCarers() }).Only(c.Context())
	if err != nil && !ent.IsNotFound(err) {
		return err
	}
	data := fiber.Map{"Title": "Your fostering household"}
	if me != nil {
		h := me.Edges.Household
		data["Household"], data["Carers"], data["Status"] = h, h.Edges.Carers, statusLabel(h.Status)
	}
	return s.render(c, fiber.StatusOK, "carer_home", data)
}

// panelMemberHome lists the upcoming panels the member sits on.
func (s *Server) panelMemberHome(c fiber.Ctx, u *ent.User) error {
	panels, err := s.store.Client.User.QueryPanels(u).
		Where(panel.MeetsOnGTE(civil.Today(time.Now()))).Order(ent.Asc(panel.FieldMeetsOn)).
		WithItems().All(c.Context())
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "panel_home", fiber.Map{"Title": "Your fostering panels", "Panels": panels})
}

func statusLabel(st household.Status) string {
	for _, sl := range statusLabels {
		if sl.Status == st {
			return sl.Label
		}
	}
	return string(st)
}
