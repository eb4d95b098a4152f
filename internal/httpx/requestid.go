package httpx

import (
	"encoding/base64"
	"regexp"
	"strings"

	"github.com/gofiber/fiber/v3"
)

const (
	localRequestID      = "request_id"
	localProxyRequestID = "proxy_request_id"
)

// proxyRequestIDShape is what a proxy's request id must look like to be
// kept: at most 64 letters, digits and . _ : - (enough for a UUID or a
// load balancer's trace id), so it fits the audit trail's column and
// cannot break a log line or pass for anything else.
var proxyRequestIDShape = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// AssignRequestID gives every request an id of Hearth's own, which the
// request's log lines, its audit entries and any error page carry, and
// which the answer's X-Request-Id header hands back. An X-Request-Id the
// client sends is never used in its place: any client can send one, and
// a made-up or overlong id made the trail untrustworthy and, too long for
// the trail, failed audit writes and the views committed with them.
// From a trusted proxy, an id of a safe shape is kept beside Hearth's
// own, so the two logs can be joined.
func (s *Env) AssignRequestID(c fiber.Ctx) error {
	id := newRequestID()
	c.Locals(localRequestID, id)
	if c.IsProxyTrusted() {
		if theirs := c.Get(fiber.HeaderXRequestID); proxyRequestIDShape.MatchString(theirs) {
			c.Locals(localProxyRequestID, strings.Clone(theirs)) // the header's bytes are reused after the request
		}
	}
	c.Set(fiber.HeaderXRequestID, id)
	return c.Next()
}

// RequestID is Hearth's own id for the request ("" before AssignRequestID
// has run, as for a request Fiber refused unread).
func requestID(c fiber.Ctx) string {
	id, _ := c.Locals(localRequestID).(string)
	return id
}

// ProxyRequestID is the trusted proxy's id for the request, or "".
func proxyRequestID(c fiber.Ctx) string {
	id, _ := c.Locals(localProxyRequestID).(string)
	return id
}

// newRequestID returns 128 random bits as 22 URL-safe characters.
func newRequestID() string {
	b := make([]byte, 16)
	if _, err := cryptoRand(b); err != nil {
		panic(err) // the system's randomness failing leaves nothing safe to do
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
