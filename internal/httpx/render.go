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
// record a form changes. A page with problems gets its error summary in
// the order of its form's controls, given as "ErrorOrder" (see
// errorSummary).
func (s *Env) Render(c fiber.Ctx, status int, name string, data fiber.Map) error {
	data["HearthVersion"] = s.Version
	data["User"] = CurrentUser(c)
	data["CSRF"] = s.csrfToken(c)
	if data["Errors"] == nil {
		data["Errors"] = map[string]string{} // templates index it by field name
	}
	if errs, ok := data["Errors"].(map[string]string); ok && len(errs) > 0 {
		order, _ := data["ErrorOrder"].([]string)
		data["ErrorSummary"] = errorSummary(errs, order)
	}
	withNav(c, data)
	return c.Status(status).Render(name, data, "layouts/main")
}
