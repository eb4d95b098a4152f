package httpx

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/registry"
)

// StatusCount is one row of the households-by-status summary.
type StatusCount struct {
	Status string `json:"status"`
	Label  string `json:"label"`
	Count  int    `json:"count"`
}

// StatusLabels name household statuses as the fostering team says them, in
// the order a manager reads them.
var StatusLabels = []struct {
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

// HouseholdsByStatus counts live households per status.
func (s *Env) HouseholdsByStatus(c fiber.Ctx) ([]StatusCount, int, error) {
	counts, err := registry.HouseholdsByStatus(c.Context(), s.Store.Client, s.Viewer(c))
	if err != nil {
		return nil, 0, err
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	out := make([]StatusCount, 0, len(StatusLabels))
	for _, sl := range StatusLabels {
		out = append(out, StatusCount{Status: string(sl.Status), Label: sl.Label, Count: counts[sl.Status]})
	}
	return out, total, nil
}

func StatusLabel(st household.Status) string {
	for _, sl := range StatusLabels {
		if sl.Status == st {
			return sl.Label
		}
	}
	return string(st)
}
