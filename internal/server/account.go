package server

import (
	"errors"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
)

// handlePasswordForm handles GET /account/password.
func (s *Server) handlePasswordForm(c fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, "password", fiber.Map{"Title": "Change your password", "Done": c.Query("changed") != ""})
}

// handlePasswordChange handles POST /account/password.
//
// The current password is guessable here as at sign-in (by someone holding
// a session left open), so wrong ones count towards the same per-account
// and per-address lockout, and each is audited as a failed sign-in.
func (s *Server) handlePasswordChange(c fiber.Ctx) error {
	u := currentUser(c)
	ctx, address := c.Context(), c.IP()
	attempt, err := s.throttle.Begin(ctx, u.Email, address)
	if err != nil {
		return err
	}
	if attempt.Blocked {
		if err := s.auditSignIn(c, u, u.Email, auditevent.ActionLoginFailed, "password change locked out: too many failed attempts"); err != nil {
			return err
		}
		return s.render(c, fiber.StatusTooManyRequests, "password", fiber.Map{"Title": "Change your password",
			"Errors": map[string]string{"current_password": tooMany("wrong passwords", attempt.Wait)}})
	}
	err = auth.ChangePassword(ctx, s.store.Client, s.actor(c), u,
		c.FormValue("current_password"), c.FormValue("new_password"), c.FormValue("confirm_password"),
		c.Cookies(sessionCookie))
	// A wrong current password counts against the account. Otherwise it
	// was right, or never checked (Hearth too busy), and the attempt counts
	// neither way: a changed password proves no more than the session did.
	var invalid *registry.Error
	if errors.As(err, &invalid) && invalid.Code == registry.EINVALID && invalid.Fields["current_password"] != "" {
		if err := s.throttle.Fail(ctx, attempt); err != nil {
			return err
		}
		if err := s.auditSignIn(c, u, u.Email, auditevent.ActionLoginFailed, "wrong current password when changing it"); err != nil {
			return err
		}
	} else if cerr := s.throttle.Cancel(ctx, attempt); cerr != nil {
		return cerr
	}
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
