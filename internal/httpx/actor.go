package httpx

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Actor is who is making this request, for the audit trail.
func (s *Env) Actor(c fiber.Ctx) registry.Actor {
	if tok := CurrentToken(c); tok != nil {
		a := RequestActor(c)
		a.Label = "API token " + tok.Name + " (" + tok.Prefix + "…)"
		return a
	}
	if u := SigningInUser(c); u != nil {
		return UserActor(c, u)
	}
	a := RequestActor(c)
	a.Label = "anonymous"
	return a
}

// UserActor is u acting through this request: also used at sign-in, before
// the request has a session.
func UserActor(c fiber.Ctx, u *ent.User) registry.Actor {
	a := RequestActor(c)
	a.UserID, a.Label = &u.ID, u.Name+" <"+u.Email+">"
	return a
}

func RequestActor(c fiber.Ctx) registry.Actor {
	return registry.Actor{Address: c.IP(), RequestID: requestID(c), ProxyRequestID: proxyRequestID(c)}
}

// Viewer is who is asking, for the record-level rules in the registry.
func (s *Env) Viewer(c fiber.Ctx) registry.Viewer {
	if tok := CurrentToken(c); tok != nil {
		return registry.Viewer{Role: user.Role(tok.Role)}
	}
	if u := CurrentUser(c); u != nil {
		return registry.Viewer{UserID: u.ID, Role: u.Role}
	}
	return registry.Viewer{}
}

// WithViewLog lets the registry commit this request's record views together
// with those of concurrent requests.
func (s *Env) WithViewLog(c fiber.Ctx) error {
	c.SetContext(registry.WithViewLog(c.Context(), s.Views))
	return c.Next()
}
