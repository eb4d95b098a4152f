package httpx

import (
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
)

// LoadToken authenticates an API request that carries a bearer token. A
// token that is wrong, revoked or expired is refused outright, never
// quietly ignored in favour of a cookie.
func (s *Env) LoadToken(c fiber.Ctx) error {
	header := c.Get(fiber.HeaderAuthorization)
	if header == "" || !strings.HasPrefix(c.Path(), "/api/") {
		return c.Next()
	}
	bearer, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return registry.Errorf(registry.EUNAUTHENTICATED, "Send the API token as: Authorization: Bearer <token>.")
	}
	tok, used, err := auth.LookupToken(c.Context(), s.Store.Client, strings.TrimSpace(bearer), time.Now())
	if errors.Is(err, auth.ErrNoToken) {
		return registry.Errorf(registry.EUNAUTHENTICATED, "The API token is not valid: it may have been revoked or have expired.")
	}
	if err != nil {
		return err
	}
	c.Locals(localToken, tok)
	if used {
		if err := registry.Audit(c.Context(), s.Store.Client, s.Actor(c), auditevent.ActionLogin, "api_token", tok.ID, nil); err != nil {
			return s.forgetTokenUse(c, tok, err)
		}
	}
	return c.Next()
}

// forgetTokenUse fails a request whose token use could not be audited.
// The use was already recorded on the token, and uses are audited only
// when that record is a minute old, so it is put back: otherwise the
// token's next requests would pass, unaudited, for a minute.
func (s *Env) forgetTokenUse(c fiber.Ctx, tok *ent.APIToken, cause error) error {
	if err := auth.ForgetTokenUse(c.Context(), s.Store.Client, tok); err != nil {
		return errors.Join(cause, err)
	}
	return cause
}

func CurrentToken(c fiber.Ctx) *ent.APIToken {
	tok, _ := c.Locals(localToken).(*ent.APIToken)
	return tok
}

const localToken = "api_token"
