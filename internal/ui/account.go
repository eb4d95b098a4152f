package ui

import (
	"errors"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// HandlePasswordForm handles GET /account/password.
func (s *Handler) HandlePasswordForm(c fiber.Ctx) error {
	return s.Render(c, fiber.StatusOK, "password", fiber.Map{"Title": "Change your password", "Done": c.Query("changed") != ""})
}

// HandlePasswordChange handles POST /account/password.
//
// The current password is guessable here as at sign-in (by someone holding
// a session left open), so wrong ones count towards the same per-account
// and per-address lockout, and each is audited as a failed sign-in.
func (s *Handler) HandlePasswordChange(c fiber.Ctx) error {
	u := httpx.CurrentUser(c)
	ctx, address := c.Context(), c.IP()
	attempt, err := s.Throttle.Begin(ctx, u.Email, address)
	if err != nil {
		return err
	}
	if attempt.Blocked {
		if err := s.auditSignIn(c, u, u.Email, auditevent.ActionLoginFailed, "password change locked out: too many failed attempts"); err != nil {
			return err
		}
		return s.Render(c, fiber.StatusTooManyRequests, "password", fiber.Map{"Title": "Change your password",
			"Errors": map[string]string{"current_password": tooMany("wrong passwords", attempt.Wait)}})
	}
	err = auth.ChangePassword(ctx, s.Store.Client, s.Actor(c), u,
		c.FormValue("current_password"), c.FormValue("new_password"), c.FormValue("confirm_password"),
		c.Cookies(httpx.SessionCookie))
	// A wrong current password counts against the account. Otherwise it
	// was right, or never checked (Hearth too busy), and the attempt counts
	// neither way: a changed password proves no more than the session did.
	var invalid *registry.Error
	if errors.As(err, &invalid) && invalid.Code == registry.EINVALID && invalid.Fields["current_password"] != "" {
		if err := s.Throttle.Fail(ctx, attempt); err != nil {
			return err
		}
		if err := s.auditSignIn(c, u, u.Email, auditevent.ActionLoginFailed, "wrong current password when changing it"); err != nil {
			return err
		}
	} else if cerr := s.Throttle.Cancel(ctx, attempt); cerr != nil {
		return cerr
	}
	if errors.As(err, &invalid) && invalid.Code == registry.EINVALID {
		// Passwords are never sent back into the form.
		return s.Render(c, fiber.StatusUnprocessableEntity, "password", fiber.Map{
			"Title": "Change your password", "Errors": invalid.Fields,
		})
	}
	if err != nil {
		return err
	}
	return c.Redirect().Status(fiber.StatusSeeOther).To("/account/password?changed=1")
}
