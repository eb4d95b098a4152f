package server

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v3"
)

// handleHealthz handles GET /healthz: the process is up.
func (s *Server) handleHealthz(c fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok"})
}

// handleReadyz handles GET /readyz: the database answers, so this process
// can take traffic. A load balancer stops sending requests when it is 503.
func (s *Server) handleReadyz(c fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.Context(), 2*time.Second)
	defer cancel()
	if err := s.Store.Ping(ctx); err != nil {
		s.Log.Warn("not ready", "err", err)
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "database unavailable"})
	}
	return c.JSON(fiber.Map{"status": "ready", "database": s.Store.Name()})
}
