package httpx

import (
	"fmt"
	"net/url"
	"path"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"
)

// LogRequests writes one structured log line per request, with its request
// id (and the trusted proxy's, when it sent one), after the error handler
// has settled the final status.
func (s *Env) LogRequests(c fiber.Ctx) error {
	start := time.Now()
	if err := c.Next(); err != nil {
		if herr := s.HandleError(c, err); herr != nil {
			s.Log.Error("error handler failed", "err", herr, "request_id", requestID(c))
		}
	}
	attrs := []any{
		"method", c.Method(),
		"path", loggedPath(c.Path()),
		"status", c.Response().StatusCode(),
		"ms", since(start),
		"request_id", requestID(c),
	}
	if theirs := proxyRequestID(c); theirs != "" {
		attrs = append(attrs, "proxy_request_id", theirs)
	}
	s.Log.Info("request", attrs...)
	return nil
}

// loggedPath is the path as the log shows it: a calendar feed's address
// is its only credential, so the token in it is left out. Whoever holds
// the address may ask for it written otherwise (in capitals, with its
// letters escaped, with doubled slashes); those are not found (routes
// match exactly), but are logged, so they are left out the same way.
func loggedPath(p string) string {
	if strings.HasPrefix(feedPath(p), "/calendar/") {
		return "/calendar/…"
	}
	return p
}

// feedPath is p as it would read unescaped (a few times over), cleaned
// and in small letters: the form in which loggedPath looks for a feed.
func feedPath(p string) string {
	for range 3 {
		u, err := url.PathUnescape(p)
		if err != nil || u == p {
			break
		}
		p = u
	}
	return strings.ToLower(path.Clean("/" + p))
}

// LogPanic records a recovered panic with its stack; the client sees only
// the generic 500 from the error handler.
func (s *Env) LogPanic(c fiber.Ctx, e any) {
	s.Log.Error("panic", "panic", fmt.Sprint(e), "request_id", requestID(c), "stack", string(debug.Stack()))
}

// since formats a duration in milliseconds for the request log.
func since(start time.Time) float64 {
	return float64(time.Since(start).Microseconds()) / 1000
}
