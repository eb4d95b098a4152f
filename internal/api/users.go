package api

import (
	"crypto/rand"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// UserJSON is an account as the API shows it: never a password, secret
// or code.
type UserJSON struct {
	ID          int        `json:"id"`
	Email       string     `json:"email"`
	Name        string     `json:"name"`
	Role        string     `json:"role"`
	Active      bool       `json:"active"`
	MFAEnabled  bool       `json:"mfa_enabled"`
	LastLoginAt *time.Time `json:"last_login_at"`
	Password    string     `json:"password,omitempty"`
	// Notice says, in a repeated answer, that the password was shown once.
	Notice string `json:"notice,omitempty"`
}

// WithoutSecret is the answer to an account's creation, with a generated
// password, as a retry gets it.
func (u UserJSON) WithoutSecret() any {
	u.Password = ""
	u.Notice = "The generated password was shown once, in the first answer to this request, and Hearth does not keep it."
	return u
}

// deactivationJSON is the answer to POST /api/v1/users/:id/deactivate: the
// account as it now is, and how many API tokens it had issued were revoked
// with it.
type deactivationJSON struct {
	UserJSON
	TokensRevoked int `json:"tokens_revoked"`
}

func toUserJSON(u *ent.User) UserJSON {
	return UserJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), Active: u.Active,
		MFAEnabled: u.MfaEnabledAt != nil, LastLoginAt: u.LastLoginAt}
}

// HandleUserList handles GET /api/v1/users.
func (s *Handler) HandleUserList(c fiber.Ctx) error {
	users, err := auth.Accounts(c.Context(), s.Store.Client, false)
	if err != nil {
		return err
	}
	items := make([]UserJSON, len(users))
	for i, u := range users {
		items[i] = toUserJSON(u)
	}
	return c.JSON(httpx.List[UserJSON]{Items: items})
}

// HandleUserCreate handles POST /api/v1/users. Without a password, a
// strong one is generated and returned this once, for the administrator to
// pass on.
func (s *Handler) HandleUserCreate(c fiber.Ctx) error {
	var in request.User
	if err := httpx.DecodeJSON(c, &in); err != nil {
		return err
	}
	generated := in.Password == ""
	if generated {
		in.Password = rand.Text()
	}
	u, err := auth.CreateUser(c.Context(), s.Store.Client, s.Actor(c),
		auth.NewUser{Email: in.Email, Name: in.Name, Role: in.Role, Password: in.Password})
	if err != nil {
		return err
	}
	out := toUserJSON(u)
	if !generated {
		return c.Status(fiber.StatusCreated).JSON(out)
	}
	out.Password = in.Password
	return httpx.SendSecret(c, fiber.StatusCreated, out)
}

// HandleUserDeactivate handles POST /api/v1/users/:id/deactivate: the
// account's sessions end and the API tokens it issued are revoked, and the
// answer says how many.
func (s *Handler) HandleUserDeactivate(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	if u := httpx.CurrentUser(c); u != nil && u.ID == id {
		return registry.Errorf(registry.ECONFLICT, "You cannot deactivate your own account; ask another administrator.")
	}
	revoked, err := auth.Deactivate(c.Context(), s.Store.Client, s.Actor(c), id, time.Now())
	if err != nil {
		return err
	}
	u, err := auth.Account(c.Context(), s.Store.Client, id)
	if err != nil {
		return err
	}
	return c.JSON(deactivationJSON{UserJSON: toUserJSON(u), TokensRevoked: revoked})
}

// HandleUserResetMFA handles POST /api/v1/users/:id/reset-mfa.
func (s *Handler) HandleUserResetMFA(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	if err := auth.ResetMFA(c.Context(), s.Store.Client, s.Actor(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
