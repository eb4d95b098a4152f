package server

import (
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
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
		if tok := httpx.CurrentToken(c); tok != nil {
			if !policy.Allows(user.Role(tok.Role)) || policy.Partial {
				return registry.Errorf(registry.EFORBIDDEN, "This API token's role does not allow this.")
			}
			return c.Next()
		}
		u := httpx.CurrentUser(c)
		if u == nil && policy.Partial {
			u = httpx.SigningInUser(c)
		}
		if u == nil {
			if pending := httpx.SigningInUser(c); pending != nil && !strings.HasPrefix(c.Path(), "/api/") {
				return c.Redirect().Status(fiber.StatusSeeOther).To(httpx.FinishSignInPath(pending))
			}
			return s.RequireSignIn(c)
		}
		if !policy.Allows(u.Role) {
			return registry.Errorf(registry.EFORBIDDEN, "Your account does not give you access to this page.")
		}
		return c.Next()
	}
}
