package api

import (
	"github.com/gofiber/fiber/v3"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// statusJSON is the answer of GET /api/v1/status.
type statusJSON struct {
	Households int                 `json:"households"`
	ByStatus   []httpx.StatusCount `json:"by_status"`
	Version    string              `json:"version"`
}

// HandleAPIStatus handles GET /api/v1/status: the same summary as JSON.
func (s *Handler) HandleAPIStatus(c fiber.Ctx) error {
	byStatus, total, err := s.HouseholdsByStatus(c)
	if err != nil {
		return err
	}
	return c.JSON(statusJSON{Households: total, ByStatus: byStatus, Version: s.Version})
}
