package httpx

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/registry"
)

// IssuerName is who issued t, as lists show it: a token with no issuer
// came from Hearth's own command line.
func IssuerName(t *ent.APIToken, u *ent.User) string {
	switch {
	case t.CreatedByID == nil:
		return "command line"
	case u == nil:
		return "an account no longer held"
	}
	return u.Name + " <" + u.Email + ">"
}

// IssuerOf is t's issuer among those auth.TokenIssuers found.
func IssuerOf(t *ent.APIToken, issuers map[int]*ent.User) *ent.User {
	if t.CreatedByID == nil {
		return nil
	}
	return issuers[*t.CreatedByID]
}

// TokenIssuer is the person asking for a token. A token cannot issue
// another: it could renew itself past its expiry, and the new token would
// have no person to answer for it.
func TokenIssuer(c fiber.Ctx) (*ent.User, error) {
	if u := CurrentUser(c); u != nil {
		return u, nil
	}
	return nil, registry.Errorf(registry.EFORBIDDEN,
		"An API token cannot issue tokens. Ask an administrator to issue one from the API tokens page or with hearth token issue.")
}
