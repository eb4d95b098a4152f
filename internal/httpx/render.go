package httpx

import (
	"crypto/rand"

	"github.com/gofiber/fiber/v3"
)

var cryptoRand = rand.Read

// Render writes a page inside the main layout with what every page needs:
// Hearth's version (shown to people signed in, never to the public, whom it
// would tell which fixes a server lacks), the signed-in user and the CSRF
// token for its forms. "Version" is left to pages, for the version of the
// record a form changes.
func (s *Env) Render(c fiber.Ctx, status int, name string, data fiber.Map) error {
	data["HearthVersion"] = s.Version
	data["User"] = CurrentUser(c)
	data["CSRF"] = s.csrfToken(c)
	if data["Errors"] == nil {
		data["Errors"] = map[string]string{} // templates index it by field name
	}
	withNav(c, data)
	return c.Status(status).Render(name, data, "layouts/main")
}
