package api

import (
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/request"
)

// TokenJSON is an API token as lists show it: never the token itself.
type TokenJSON struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Prefix   string `json:"prefix"`
	Role     string `json:"role"`
	IssuerID *int   `json:"issuer_id"`
	// Issuer is who answers for the token: a person's name and email, or
	// "command line".
	Issuer     string     `json:"issuer"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	Token      string     `json:"token,omitempty"`
	// Notice says, in a repeated answer, that the token was shown once.
	Notice string `json:"notice,omitempty"`
}

func toTokenJSON(t *ent.APIToken, issuer *ent.User) TokenJSON {
	return TokenJSON{ID: t.ID, Name: t.Name, Prefix: t.Prefix, Role: string(t.Role), IssuerID: t.CreatedByID,
		Issuer: httpx.IssuerName(t, issuer), CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt, LastUsedAt: t.LastUsedAt, RevokedAt: t.RevokedAt}
}

// WithoutSecret is the answer to a token's issue as a retry gets it.
func (t TokenJSON) WithoutSecret() any {
	t.Token = ""
	t.Notice = "The token was shown once, in the first answer to this request, and Hearth does not keep it. " +
		"If it was lost, revoke this token and issue another."
	return t
}

// HandleTokenList handles GET /api/v1/tokens.
func (s *Handler) HandleTokenList(c fiber.Ctx) error {
	tokens, issuers, err := auth.Tokens(c.Context(), s.Store.Client, false)
	if err != nil {
		return err
	}
	items := make([]TokenJSON, len(tokens))
	for i, t := range tokens {
		items[i] = toTokenJSON(t, httpx.IssuerOf(t, issuers))
	}
	return c.JSON(httpx.List[TokenJSON]{Items: items})
}

// HandleTokenCreate handles POST /api/v1/tokens: the answer holds the
// token, which is never shown again, nor kept for a retry.
func (s *Handler) HandleTokenCreate(c fiber.Ctx) error {
	issuer, err := httpx.TokenIssuer(c)
	if err != nil {
		return err
	}
	var in request.Token
	if err := httpx.DecodeJSON(c, &in); err != nil {
		return err
	}
	token, created, err := auth.CreateToken(c.Context(), s.Store.Client, s.Actor(c),
		auth.NewToken{Name: in.Name, Role: in.Role, ExpiresAt: in.ExpiresAt, Issuer: issuer}, time.Now())
	if err != nil {
		return err
	}
	out := toTokenJSON(created, issuer)
	out.Token = token
	return httpx.SendSecret(c, fiber.StatusCreated, out)
}

// HandleTokenRevoke handles DELETE /api/v1/tokens/:id.
func (s *Handler) HandleTokenRevoke(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	if err := auth.RevokeToken(c.Context(), s.Store.Client, s.Actor(c), id, time.Now()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
