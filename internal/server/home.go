package server

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/registry"
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
	counts, err := registry.HouseholdsByStatus(c.Context(), s.store.Client, s.viewer(c))
	if err != nil {
		return nil, 0, err
	}
	total := 0
	for _, n := range counts {
		total += n
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
	switch v := s.viewer(c); v.Role {
	case user.RoleCarer:
		return s.carerHome(c)
	case user.RolePanelMember:
		return s.panelsPage(c, "My panels")
	default:
		return s.staffDashboard(c, v)
	}
}

// handleAPIStatus handles GET /api/v1/status: the same summary as JSON.
func (s *Server) handleAPIStatus(c fiber.Ctx) error {
	byStatus, total, err := s.householdsByStatus(c)
	if err != nil {
		return err
	}
	return c.JSON(statusJSON{Households: total, ByStatus: byStatus, Version: s.version})
}

func statusLabel(st household.Status) string {
	for _, sl := range statusLabels {
		if sl.Status == st {
			return sl.Label
		}
	}
	return string(st)
}
