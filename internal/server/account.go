package server

import (
	"errors"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
)

// handlePasswordForm handles GET /account/password.
func (s *Server) handlePasswordForm(c fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, "password", fiber.Map{"Title": "Change your password", "Done": c.Query("changed") != ""})
}

// handlePasswordChange handles POST /account/password.
func (s *Server) handlePasswordChange(c fiber.Ctx) error {
	u := currentUser(c)
	err := auth.ChangePassword(c.Context(), s.store.Client, s.actor(c), u,
		c.FormValue("current_password"), c.FormValue("new_password"), c.FormValue("confirm_password"),
		c.Cookies(sessionCookie))
	var invalid *registry.Error
	if errors.As(err, &invalid) && invalid.Code == registry.EINVALID {
		// Passwords are never sent back into the form.
		return s.render(c, fiber.StatusUnprocessableEntity, "password", fiber.Map{
			"Title": "Change your password", "Errors": invalid.Fields,
		})
	}
	if err != nil {
		return err
	}
	return c.Redirect().Status(fiber.StatusSeeOther).To("/account/password?changed=1")
}
