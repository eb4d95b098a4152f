package server

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/registry"
)

// handlePolicyShow handles GET /api/v1/compliance/policy: the service's
// settings, with the version to send back when changing them.
func (s *Server) handlePolicyShow(c fiber.Ctx) error {
	p, err := registry.Policy(c.Context(), s.store.Client)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

// handlePolicyUpdate handles PUT /api/v1/compliance/policy: every setting,
// and the version read. Each changed setting is audited; due dates
// across the service are recalculated in the background, and the summary
// (GET /api/v1/compliance) says how far that has gone.
func (s *Server) handlePolicyUpdate(c fiber.Ctx) error {
	var in registry.PolicySettings
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	out, err := registry.UpdatePolicy(c.Context(), s.store.Client, s.actor(c), in)
	if err != nil {
		return err
	}
	return c.JSON(out)
}
