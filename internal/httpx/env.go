// Package httpx is the HTTP plumbing the JSON API (internal/api) and the
// pages (internal/ui) both stand on: what every handler needs (Env), the
// middleware every request passes through (its id, deadline, session or
// API token, CSRF check, idempotent retries, security headers and log
// line), the one error handler that words every refusal as problem+json
// or a page, paging, and the list queries that a page and its API twin
// both read (households, due items, the audit trail).
//
// It imports neither api nor ui: they depend on it, and internal/server
// puts the three together with the route table.
package httpx

import (
	"log/slog"

	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
	"github.com/hearth-registry/hearth/internal/store"
)

// Env is what every handler and middleware needs. The API's and the
// pages' handlers embed it, so the dependencies a handler can use are
// exactly these.
type Env struct {
	Store    *store.Store
	Sessions *auth.Sessions
	Throttle *auth.Throttle
	// Secrets seals second-factor secrets when HEARTH_SECRET_KEY is set.
	Secrets *auth.SecretBox
	Valid   *request.Validator
	Views   *registry.ViewLog
	Log     *slog.Logger
	Cfg     config.Config
	Version string
}
