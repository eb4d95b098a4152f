package server

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
)

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

// handleHome handles GET /: the registry at a glance.
func (s *Server) handleHome(c fiber.Ctx) error {
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
	return c.JSON(fiber.Map{"households": total, "by_status": byStatus, "version": s.version})
}
