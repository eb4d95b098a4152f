package api

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// HandlePolicyShow handles GET /api/v1/compliance/policy: the service's
// settings, with the version to send back when changing them.
func (s *Handler) HandlePolicyShow(c fiber.Ctx) error {
	p, err := registry.Policy(c.Context(), s.Store.Client)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

// HandlePolicyUpdate handles PUT /api/v1/compliance/policy: every setting,
// and the version read. Each changed setting is audited; due dates
// across the service are recalculated in the background, and the summary
// (GET /api/v1/compliance) says how far that has gone.
func (s *Handler) HandlePolicyUpdate(c fiber.Ctx) error {
	var in registry.PolicySettings
	if err := httpx.DecodeJSON(c, &in); err != nil {
		return err
	}
	out, err := registry.UpdatePolicy(c.Context(), s.Store.Client, s.Actor(c), in)
	if err != nil {
		return err
	}
	return c.JSON(out)
}
