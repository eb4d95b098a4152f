package httpx

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
)

const (
	SessionCookie = "hearth_session"
	csrfCookie    = "hearth_csrf"
	csrfField     = "csrf_token"
	LocalSession  = "session"
	// LocalSessionToken holds a session token issued during this request,
	// which the request's own cookie does not have yet.
	LocalSessionToken = "session_token"
)

// LoadSession finds the signed-in user, if any, for every request except
// static files and probes.
func (s *Env) LoadSession(c fiber.Ctx) error {
	token := c.Cookies(SessionCookie)
	if token == "" || strings.HasPrefix(c.Path(), "/static/") || CurrentToken(c) != nil {
		return c.Next() // an API token, when given, is the whole identity
	}
	sess, err := s.Sessions.Lookup(c.Context(), token)
	switch {
	case err == nil:
		c.Locals(LocalSession, sess)
	case err != auth.ErrNoSession:
		return err
	}
	return c.Next()
}

// currentSession returns the live session, or nil when signed out.
func currentSession(c fiber.Ctx) *ent.Session {
	sess, _ := c.Locals(LocalSession).(*ent.Session)
	return sess
}

// CurrentUser returns the signed-in user, or nil when signed out or still
// short of the second factor.
func CurrentUser(c fiber.Ctx) *ent.User {
	if sess := currentSession(c); sess != nil && sess.MfaPassed {
		return sess.Edges.User
	}
	return nil
}

// SigningInUser returns the user of any live session, including one that
// has given only the password so far.
func SigningInUser(c fiber.Ctx) *ent.User {
	if sess := currentSession(c); sess != nil {
		return sess.Edges.User
	}
	return nil
}

// FinishSignInPath is where a password-only session must go next: the
// code page, or enrolment for staff who have no second factor yet.
func FinishSignInPath(u *ent.User) string {
	if u.MfaEnabledAt != nil {
		return "/sign-in/code"
	}
	return "/account/mfa"
}

// RequireSignIn sends people who are not signed in to the sign-in page.
func (s *Env) RequireSignIn(c fiber.Ctx) error {
	if CurrentUser(c) == nil { // no session, or only the password so far
		if strings.HasPrefix(c.Path(), "/api/") {
			return registry.Errorf(registry.EUNAUTHENTICATED, "Sign in to use this.")
		}
		return c.Redirect().Status(fiber.StatusSeeOther).To("/sign-in")
	}
	return c.Next()
}

// SetSessionCookie hands the browser its session token: HttpOnly so no
// script can read it, SameSite=Lax so other sites' forms do not carry it,
// Secure over TLS or when configured.
func (s *Env) SetSessionCookie(c fiber.Ctx, token string) {
	c.Cookie(&fiber.Cookie{
		Name: SessionCookie, Value: token, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: s.secureCookies(c), SessionOnly: true,
	})
}

func (s *Env) ClearSessionCookie(c fiber.Ctx) {
	c.Cookie(&fiber.Cookie{
		Name: SessionCookie, Value: "", Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: s.secureCookies(c), Expires: time.Unix(0, 0),
	})
}

func (s *Env) secureCookies(c fiber.Ctx) bool {
	return s.Cfg.CookieSecure || c.Scheme() == "https" // see securityHeaders on Scheme
}

// csrfToken returns the token a form must send back. Signed in, it is
// derived from the session token, which no other site can read; signed out
// (the sign-in form), it is a random value also kept in a cookie.
func (s *Env) csrfToken(c fiber.Ctx) string {
	if currentSession(c) != nil {
		token, _ := c.Locals(LocalSessionToken).(string)
		if token == "" {
			token = c.Cookies(SessionCookie)
		}
		return SessionCSRF(token)
	}
	if v, ok := c.Locals(csrfCookie).(string); ok {
		return v
	}
	if v := c.Cookies(csrfCookie); len(v) == 43 {
		return v
	}
	v := randomToken()
	c.Locals(csrfCookie, v)
	c.Cookie(&fiber.Cookie{
		Name: csrfCookie, Value: v, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: s.secureCookies(c), SessionOnly: true,
	})
	return v
}

// CheckCSRF refuses state-changing requests that another site could have
// made: first by the browser's own word (Sec-Fetch-Site, or Origin in older
// browsers), then, for forms, by the token only Hearth's pages carry.
func (s *Env) CheckCSRF(c fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	forged := registry.Errorf(registry.EFORBIDDEN, "This form has expired or was sent from another site. Go back, reload the page and try again.")
	if site := c.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return forged
	} else if origin := c.Get("Origin"); site == "" && origin != "" && origin != c.Scheme()+"://"+c.Host() {
		return forged
	}
	if strings.HasPrefix(c.Path(), "/api/") {
		return c.Next() // API clients authenticate per request, not with ambient cookies
	}
	want, got := s.csrfToken(c), bodyFormValue(c, csrfField)
	if got == "" || subtle.ConstantTimeCompare([]byte(want), []byte(got)) != 1 {
		return forged
	}
	return c.Next()
}

// bodyFormValue is a field of the form in the request's body only. The
// CSRF token must not be taken from the address (FormValue reads the query
// string first): a token in a URL leaks into logs, history and Referer
// headers.
func bodyFormValue(c fiber.Ctx, name string) string {
	if v := c.Request().PostArgs().Peek(name); len(v) > 0 {
		return string(v)
	}
	if form, err := c.Request().MultipartForm(); err == nil {
		if v := form.Value[name]; len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// SessionCSRF is the form token of a signed-in session: a hash of the
// session token, which only Hearth's own pages (and the browser holding the
// HttpOnly cookie) can know.
func SessionCSRF(sessionToken string) string {
	sum := sha256.Sum256([]byte("hearth csrf\x00" + sessionToken))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := cryptoRand(b); err != nil {
		panic(err) // the system's randomness failing leaves nothing safe to do
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
