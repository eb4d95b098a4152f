package server

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/registry"
)

// issuerName is who issued t, as lists show it: a token with no issuer
// came from Hearth's own command line.
func issuerName(t *ent.APIToken, u *ent.User) string {
	switch {
	case t.CreatedByID == nil:
		return "command line"
	case u == nil:
		return "an account no longer held"
	}
	return u.Name + " <" + u.Email + ">"
}

// issuerOf is t's issuer among those auth.TokenIssuers found.
func issuerOf(t *ent.APIToken, issuers map[int]*ent.User) *ent.User {
	if t.CreatedByID == nil {
		return nil
	}
	return issuers[*t.CreatedByID]
}

// tokenIssuer is the person asking for a token. A token cannot issue
// another: it could renew itself past its expiry, and the new token would
// have no person to answer for it.
func tokenIssuer(c fiber.Ctx) (*ent.User, error) {
	if u := currentUser(c); u != nil {
		return u, nil
	}
	return nil, registry.Errorf(registry.EFORBIDDEN,
		"An API token cannot issue tokens. Ask an administrator to issue one from the API tokens page or with hearth token issue.")
}
