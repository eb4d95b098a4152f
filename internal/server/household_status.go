package server

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/registry"
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

func statusLabel(st household.Status) string {
	for _, sl := range statusLabels {
		if sl.Status == st {
			return sl.Label
		}
	}
	return string(st)
}
