package server

import (
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
)

// route registers a handler with its access policy. It is the only way
// routes are added, so no route exists without a policy; the policies are
// kept so that tests can check every route against its expected answer.
func (s *Server) route(method, path string, policy auth.Policy, handlers ...fiber.Handler) {
	if s.policies == nil {
		s.policies = map[string]auth.Policy{}
	}
	s.policies[method+" "+path] = policy
	rest := make([]any, len(handlers))
	for i, h := range handlers {
		rest[i] = h
	}
	s.app.Add([]string{method}, path, s.authorize(policy), rest...)
}

// authorize enforces a policy: signed-out people are sent to sign in (401
// under /api), people with only a password to the second-factor page, and
// signed-in people without a permitted role get 403.
func (s *Server) authorize(policy auth.Policy) fiber.Handler {
	return func(c fiber.Ctx) error {
		if policy.Public {
			return c.Next()
		}
		if tok := currentToken(c); tok != nil {
			if !policy.Allows(user.Role(tok.Role)) || policy.Partial {
				return registry.Errorf(registry.EFORBIDDEN, "This API token's role does not allow this.")
			}
			return c.Next()
		}
		u := currentUser(c)
		if u == nil && policy.Partial {
			u = signingInUser(c)
		}
		if u == nil {
			if pending := signingInUser(c); pending != nil && !strings.HasPrefix(c.Path(), "/api/") {
				return c.Redirect().Status(fiber.StatusSeeOther).To(finishSignInPath(pending))
			}
			return s.requireSignIn(c)
		}
		if !policy.Allows(u.Role) {
			return registry.Errorf(registry.EFORBIDDEN, "Your account does not give you access to this page.")
		}
		return c.Next()
	}
}

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
