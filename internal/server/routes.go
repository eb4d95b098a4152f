package server

import (
	"github.com/gofiber/fiber/v3/middleware/recover"
	"github.com/gofiber/fiber/v3/middleware/requestid"
	"github.com/gofiber/fiber/v3/middleware/static"

	"github.com/hearth-registry/hearth/web"
)

// middleware wraps every request: an id to trace it by, the browser
// security headers, one log line, panic recovery (inside the log, so a
// panic still gets logged and answered), the signed-in session, and the
// cross-site request check on everything that changes state.
func (s *Server) middleware() {
	s.app.Use(requestid.New())
	s.app.Use(s.securityHeaders)
	s.app.Use(s.logRequests)
	s.app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: s.logPanic}))
	s.app.Use(s.loadSession)
	s.app.Use(s.checkCSRF)
}

// routes registers every route Hearth serves. Reading this function tells
// you the whole HTTP surface.
func (s *Server) routes() {
	app := s.app

	// Probes for load balancers and orchestrators.
	app.Get("/healthz", s.handleHealthz)
	app.Get("/readyz", s.handleReadyz)

	// Static assets (CSS, scripts, fonts), embedded in the binary.
	app.Get("/static*", static.New("", static.Config{FS: web.Static()}))

	// Signing in and out.
	app.Get("/sign-in", s.handleSignInForm)
	app.Post("/sign-in", s.handleSignIn)
	app.Post("/sign-out", s.handleSignOut)
	app.Post("/sign-out-everywhere", s.requireSignIn, s.handleSignOutEverywhere)

	// Pages for signed-in people.
	app.Get("/", s.requireSignIn, s.handleHome)

	// JSON API.
	api := app.Group("/api/v1")
	api.Get("/status", s.requireSignIn, s.handleAPIStatus)
	api.Use(s.handleAPINotFound)

	app.Use(s.handleNotFound)
}
