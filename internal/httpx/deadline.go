package httpx

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v3"
)

// errTooLong is why a request's context ends when it runs out of time.
var errTooLong = errors.New("the request took longer than HEARTH_REQUEST_TIMEOUT")

// WithDeadline gives every request a context that ends after
// HEARTH_REQUEST_TIMEOUT. Fiber's own request context is never cancelled,
// so without this a query stuck behind a lock, or a slow disk, would hold
// its connection, its pool slot and the client for as long as it took;
// now every database call made for the request gives up at the deadline,
// its transaction rolls back, and the person is told to try again.
func (s *Env) WithDeadline(c fiber.Ctx) error {
	ctx, cancel := context.WithTimeoutCause(c.Context(), s.Cfg.RequestTimeout, errTooLong)
	defer cancel()
	c.SetContext(ctx)
	return c.Next()
}
