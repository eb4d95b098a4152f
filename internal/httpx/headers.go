package httpx

import (
	"strings"

	"github.com/gofiber/fiber/v3"
)

// contentSecurityPolicy allows only Hearth's own scripts, styles and
// images: no inline script or style, no framing, forms post only to Hearth.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// SecurityHeaders sets the browser protections on every response. Pages and
// API answers hold personal data, so they must not be kept in shared or
// browser caches; only the static assets may be.
func (s *Env) SecurityHeaders(c fiber.Ctx) error {
	h := &c.Response().Header
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	// Scheme, not Protocol: in Fiber v3 Protocol is "HTTP/1.1", so HSTS
	// was never sent. Scheme is https over TLS, or when a trusted proxy
	// says so (HEARTH_TRUSTED_PROXIES).
	if c.Scheme() == "https" {
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
	if !strings.HasPrefix(c.Path(), "/static/") {
		h.Set("Cache-Control", "no-store")
	}
	return c.Next()
}
