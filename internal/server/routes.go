package server

import (
	"github.com/gofiber/fiber/v3/middleware/recover"
	"github.com/gofiber/fiber/v3/middleware/requestid"
	"github.com/gofiber/fiber/v3/middleware/static"

	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/web"
)

// middleware wraps every request: an id to trace it by, the browser
// security headers, one log line, panic recovery (inside the log, so a
// panic still gets logged and answered), the API token or signed-in
// session, the cross-site request check on everything that changes
// state, and safe retries of API creates that carry an Idempotency-Key.
func (s *Server) middleware() {
	s.app.Use(requestid.New())
	s.app.Use(s.securityHeaders)
	s.app.Use(s.logRequests)
	s.app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: s.logPanic}))
	s.app.Use(s.loadToken)
	s.app.Use(s.loadSession)
	s.app.Use(s.checkCSRF)
	s.app.Use(s.idempotent)
}

// routes registers every route Hearth serves, each with who may use it.
// Reading this function tells you the whole HTTP surface.
func (s *Server) routes() {
	// Probes for load balancers and orchestrators.
	s.route("GET", "/healthz", auth.Public, s.handleHealthz)
	s.route("GET", "/readyz", auth.Public, s.handleReadyz)

	// Static assets (CSS, scripts, fonts), embedded in the binary.
	s.route("GET", "/static*", auth.Public, static.New("", static.Config{FS: web.Static()}))

	// Signing in and out.
	s.route("GET", "/sign-in", auth.Public, s.handleSignInForm)
	s.route("POST", "/sign-in", auth.Public, s.handleSignIn)
	s.route("POST", "/sign-out", auth.Public, s.handleSignOut)
	s.route("GET", "/sign-in/code", auth.SigningIn, s.handleSecondFactorForm)
	s.route("POST", "/sign-in/code", auth.SigningIn, s.handleSecondFactor)
	s.route("GET", "/account/mfa", auth.SigningIn, s.handleMFASetupForm)
	s.route("POST", "/account/mfa", auth.SigningIn, s.handleMFASetup)
	s.route("POST", "/sign-out-everywhere", auth.SignedIn, s.handleSignOutEverywhere)
	s.route("GET", "/account/password", auth.SignedIn, s.handlePasswordForm)
	s.route("POST", "/account/password", auth.SignedIn, s.handlePasswordChange)

	// Pages.
	s.route("GET", "/", auth.SignedIn, s.handleHome)

	// JSON API.
	s.route("GET", "/api/v1/openapi.json", auth.Public, s.handleOpenAPI)
	s.route("GET", "/api/v1/status", auth.Staff, s.handleAPIStatus)
	s.route("GET", "/api/v1/households", auth.HouseholdReaders, s.handleHouseholdList)
	s.route("POST", "/api/v1/households", auth.Managers, s.handleHouseholdCreate)
	s.route("GET", "/api/v1/households/:id", auth.HouseholdReaders, s.handleHouseholdShow)
	s.route("PUT", "/api/v1/households/:id", auth.Staff, s.handleHouseholdUpdate)
	s.route("DELETE", "/api/v1/households/:id", auth.Managers, s.handleHouseholdDelete)
	// Carers, household members, their health assessments and DBS checks.

	// Courses, training records, visits and placements.

	// Reviews and their contributions, panels and their items, approval terms.

	s.route("GET", "/api/v1/compliance", auth.Staff, s.handleComplianceSummary)
	s.route("GET", "/api/v1/compliance/items", auth.Staff, s.handleComplianceItems)
	s.route("GET", "/api/v1/compliance/policy", auth.Staff, s.handlePolicyShow)
	s.route("PUT", "/api/v1/compliance/policy", auth.Admins, s.handlePolicyUpdate)
	s.route("GET", "/api/v1/households/:id/compliance", auth.Staff, s.handleHouseholdCompliance)
	s.route("GET", "/api/v1/courses", auth.Staff, s.handleCourseList)
	s.route("PUT", "/api/v1/courses/:id", auth.Admins, s.handleCourseUpdate)
	s.route("GET", "/api/v1/audit", auth.AuditReaders, s.handleAuditList)
	s.route("GET", "/api/v1/tokens", auth.Admins, s.handleTokenList)
	s.route("POST", "/api/v1/tokens", auth.Admins, s.handleTokenCreate)
	s.route("DELETE", "/api/v1/tokens/:id", auth.Admins, s.handleTokenRevoke)
	s.route("GET", "/api/v1/users", auth.Admins, s.handleUserList)
	s.route("POST", "/api/v1/users", auth.Admins, s.handleUserCreate)
	s.route("POST", "/api/v1/users/:id/deactivate", auth.Admins, s.handleUserDeactivate)
	s.route("POST", "/api/v1/users/:id/reset-mfa", auth.Admins, s.handleUserResetMFA)
	s.app.Use("/api", s.handleAPINotFound)

	s.app.Use(s.handleNotFound)
}
