package server

import (
	"github.com/gofiber/fiber/v3"
)

// statusJSON is the answer of GET /api/v1/status.
type statusJSON struct {
	Households int           `json:"households"`
	ByStatus   []statusCount `json:"by_status"`
	Version    string        `json:"version"`
}

// handleAPIStatus handles GET /api/v1/status: the same summary as JSON.
func (s *Server) handleAPIStatus(c fiber.Ctx) error {
	byStatus, total, err := s.householdsByStatus(c)
	if err != nil {
		return err
	}
	return c.JSON(statusJSON{Households: total, ByStatus: byStatus, Version: s.version})
}
