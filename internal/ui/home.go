package ui

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/user"
)

// HandleHome handles GET /: each role's starting point. Staff see the
// registry at a glance; a carer sees their own household and a panel member
// the panels they sit on, and nothing of anyone else's.
func (s *Handler) HandleHome(c fiber.Ctx) error {
	switch v := s.Viewer(c); v.Role {
	case user.RoleCarer:
		return s.carerHome(c)
	case user.RolePanelMember:
		return s.panelsPage(c, "My panels")
	default:
		return s.staffDashboard(c, v)
	}
}
