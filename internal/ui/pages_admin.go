package ui

import (
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// newUserForm is the "add a user" form as it was sent.
type newUserForm struct{ Name, Email, Role string }

// HandleUsersPage handles GET /admin/users: every account with its role and
// whether it can sign in, and the form to add one.
func (s *Handler) HandleUsersPage(c fiber.Ctx) error {
	return s.usersPage(c, fiber.StatusOK, nil, newUserForm{})
}

func (s *Handler) usersPage(c fiber.Ctx, status int, errs map[string]string, form newUserForm) error {
	users, err := auth.Accounts(c.Context(), s.Store.Client, true)
	if err != nil {
		return err
	}
	return s.Render(c, status, "admin_users", fiber.Map{
		"Title": "Users", "Users": users, "Roles": auth.Roles, "Errors": errs, "Form": form, "Done": c.Query("done"),
		"Revoked": atoiOr(c.Query("revoked")),
	})
}

// HandleUserAdd handles POST /admin/users: a new account with a first
// password the person changes later. Problems come back beside their
// fields (422); the password is never shown again.
func (s *Handler) HandleUserAdd(c fiber.Ctx) error {
	form := newUserForm{Name: c.FormValue("name"), Email: c.FormValue("email"), Role: c.FormValue("role")}
	_, err := auth.CreateUser(c.Context(), s.Store.Client, s.Actor(c), auth.NewUser{Name: form.Name, Email: form.Email,
		Role: form.Role, Password: c.FormValue("password")})
	var re *registry.Error
	switch {
	case err == nil:
		return c.Redirect().To("/admin/users?done=added")
	case errors.As(err, &re) && re.Code == registry.EINVALID:
		return s.usersPage(c, fiber.StatusUnprocessableEntity, re.Fields, form)
	}
	return err
}

// HandleUserAction handles POST /admin/users/:id/deactivate and
// /reset-mfa: an account that can no longer sign in (its sessions end and
// the API tokens it issued are revoked, and the page says how many), or
// one that must enrol its authenticator again.
func (s *Handler) HandleUserAction(action string) fiber.Handler {
	return func(c fiber.Ctx) error {
		id, err := httpx.PathID(c)
		if err != nil {
			return err
		}
		done := "/admin/users?done=" + action
		if action == "reset-mfa" {
			err = auth.ResetMFA(c.Context(), s.Store.Client, s.Actor(c), id)
		} else {
			var revoked int
			revoked, err = auth.Deactivate(c.Context(), s.Store.Client, s.Actor(c), id, time.Now())
			done += "&revoked=" + strconv.Itoa(revoked)
		}
		if err != nil {
			return err
		}
		return c.Redirect().To(done)
	}
}

// HandleAuditPage handles GET /admin/audit: the audit trail, newest first,
// filtered by what was done, to which kind of record and by whom, a page
// at a time. It reads the same filters as GET /api/v1/audit.
func (s *Handler) HandleAuditPage(c fiber.Ctx) error {
	events, next, err := s.AuditPage(c)
	if err != nil {
		return err
	}
	return s.Render(c, fiber.StatusOK, "admin_audit", fiber.Map{
		"Title": "Audit trail", "Events": events, "Next": next, "Actions": httpx.AuditActions(),
		"Action": c.Query("action"), "Entity": c.Query("entity"), "EntityID": c.Query("entity_id"), "ActorID": c.Query("actor_id"),
	})
}
