package server

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/registry"
)

// actor is who is making this request, for the audit trail.
func (s *Server) actor(c fiber.Ctx) registry.Actor {
	if tok := currentToken(c); tok != nil {
		a := requestActor(c)
		a.Label = "API token " + tok.Name + " (" + tok.Prefix + "…)"
		return a
	}
	if u := signingInUser(c); u != nil {
		return userActor(c, u)
	}
	a := requestActor(c)
	a.Label = "anonymous"
	return a
}

// userActor is u acting through this request: also used at sign-in, before
// the request has a session.
func userActor(c fiber.Ctx, u *ent.User) registry.Actor {
	a := requestActor(c)
	a.UserID, a.Label = &u.ID, u.Name+" <"+u.Email+">"
	return a
}

func requestActor(c fiber.Ctx) registry.Actor {
	return registry.Actor{Address: c.IP(), RequestID: requestID(c), ProxyRequestID: proxyRequestID(c)}
}

// viewer is who is asking, for the record-level rules in the registry.
func (s *Server) viewer(c fiber.Ctx) registry.Viewer {
	if tok := currentToken(c); tok != nil {
		return registry.Viewer{Role: user.Role(tok.Role)}
	}
	if u := currentUser(c); u != nil {
		return registry.Viewer{UserID: u.ID, Role: u.Role}
	}
	return registry.Viewer{}
}

// withViewLog lets the registry commit this request's record views together
// with those of concurrent requests.
func (s *Server) withViewLog(c fiber.Ctx) error {
	c.SetContext(registry.WithViewLog(c.Context(), s.views))
	return c.Next()
}
