package server

import (
	"github.com/gofiber/fiber/v3/middleware/recover"
	"github.com/gofiber/fiber/v3/middleware/static"

	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/web"
)

// middleware wraps every request: an id of Hearth's own to trace it by, a
// deadline that every database call made for it keeps, the log that
// commits views of records together, the browser
// security headers, one log line, panic recovery (inside the log, so a
// panic still gets logged and answered), the refusal of text that is not
// UTF-8, the API token or signed-in
// session, the cross-site request check on everything that changes
// state, and safe retries of API creates that carry an Idempotency-Key.
func (s *Server) middleware() {
	s.app.Use(s.assignRequestID)
	s.app.Use(s.withDeadline)
	s.app.Use(s.withViewLog)
	s.app.Use(s.securityHeaders)
	s.app.Use(s.logRequests)
	s.app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: s.logPanic}))
	s.app.Use(s.refuseBadText)
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
	s.route("GET", "/account/calendar", auth.SignedIn, s.handleCalendarPage)
	s.route("POST", "/account/calendar", auth.SignedIn, s.handleCalendarStart)
	s.route("POST", "/account/calendar/off", auth.SignedIn, s.handleCalendarStop)
	s.route("GET", "/calendar/:token", auth.Public, s.handleCalendarFeed)
	s.route("POST", "/account/password", auth.SignedIn, s.handlePasswordChange)

	// Pages.
	s.route("GET", "/", auth.SignedIn, s.handleHome)
	s.route("GET", "/my/household", auth.Carers, s.handleMyHousehold)
	s.route("GET", "/my/views", auth.Carers, s.handleMyViews)
	s.route("POST", "/my/views", auth.Carers, s.handleMyViewsSend)
	s.route("GET", "/households", auth.Staff, s.handleHouseholdsPage)
	s.route("GET", "/households/import", auth.Managers, s.handleImportPage)
	s.route("POST", "/households/import", auth.Managers, s.handleImportUpload)
	s.route("GET", "/households/new", auth.Managers, s.handleHouseholdForm)
	s.route("POST", "/households/new", auth.Managers, s.handleHouseholdSave)
	s.route("GET", "/households/:id", auth.Staff, s.handleHouseholdPage)
	s.route("GET", "/households/:id/edit", auth.Staff, s.handleHouseholdForm)
	s.route("POST", "/households/:id/edit", auth.Staff, s.handleHouseholdSave)
	s.route("GET", "/households/:id/add/:kind", auth.Staff, s.handleRecordForm)
	s.route("POST", "/households/:id/add/:kind", auth.Staff, s.handleRecordAdd)
	s.route("GET", "/records/:kind/:id/edit", auth.Staff, s.handleRecordEditForm)
	s.route("POST", "/records/:kind/:id/edit", auth.Staff, s.handleRecordEditSave)
	s.route("GET", "/reviews/:id", auth.Staff, s.handleReviewPage)
	s.route("POST", "/reviews/:id/step", auth.Staff, s.handleReviewStep)
	s.route("POST", "/reviews/:id/views", auth.Staff, s.handleReviewViewsAdd)
	s.route("POST", "/reviews/:id/panel", auth.Managers, s.handleReviewToPanel)
	s.route("POST", "/reviews/:id/recommendation", auth.Managers, s.handleReviewRecommendation)
	s.route("POST", "/reviews/:id/decide", auth.Deciders, s.handleReviewDecide)
	s.route("GET", "/admin/users", auth.Admins, s.handleUsersPage)
	s.route("POST", "/admin/users", auth.Admins, s.handleUserAdd)
	s.route("POST", "/admin/users/:id/deactivate", auth.Admins, s.handleUserAction("deactivate"))
	s.route("POST", "/admin/users/:id/reset-mfa", auth.Admins, s.handleUserAction("reset-mfa"))
	s.route("GET", "/admin/audit", auth.AuditReaders, s.handleAuditPage)
	s.route("GET", "/admin/policy", auth.Admins, s.handlePolicyPage)
	s.route("POST", "/admin/policy", auth.Admins, s.handlePolicySave)
	s.route("GET", "/admin/tokens", auth.Admins, s.handleTokensPage)
	s.route("POST", "/admin/tokens", auth.Admins, s.handleTokenIssue)
	s.route("POST", "/admin/tokens/:id/revoke", auth.Admins, s.handleTokenRevokePage)
	s.route("GET", "/training", auth.Staff, s.handleTrainingPage)
	s.route("GET", "/training/courses", auth.Staff, s.handleCoursesPage)
	s.route("GET", "/training/export.csv", auth.Staff, s.handleTrainingExport("csv"))
	s.route("GET", "/training/export.xlsx", auth.Staff, s.handleTrainingExport("xlsx"))
	s.route("GET", "/compliance/export.csv", auth.Staff, s.handleComplianceExport)
	s.route("POST", "/training/courses", auth.Admins, s.handleCourseAdd)
	s.route("GET", "/panels", auth.PanelReaders, s.handlePanelsPage)
	s.route("GET", "/panels/:id", auth.PanelReaders, s.handlePanelPage)

	// JSON API.
	s.route("GET", "/api/v1/openapi.json", auth.Public, s.handleOpenAPI)
	s.route("GET", "/api/v1/status", auth.Staff, s.handleAPIStatus)
	s.route("GET", "/api/v1/households", auth.HouseholdReaders, s.handleHouseholdList)
	s.route("POST", "/api/v1/households", auth.Managers, s.handleHouseholdCreate)
	s.route("GET", "/api/v1/households/:id", auth.HouseholdReaders, s.handleHouseholdShow)
	s.route("PUT", "/api/v1/households/:id", auth.Staff, s.handleHouseholdUpdate)
	s.route("DELETE", "/api/v1/households/:id", auth.Managers, s.archiveWith(registry.ArchiveHousehold))
	// Carers, household members, their health assessments and DBS checks.
	s.route("GET", "/api/v1/households/:id/carers", auth.HouseholdReaders, s.handleCarerList)
	s.route("POST", "/api/v1/households/:id/carers", auth.Staff, s.handleCarerCreate)
	s.route("GET", "/api/v1/carers/:id", auth.HouseholdReaders, s.handleCarerShow)
	s.route("PUT", "/api/v1/carers/:id", auth.Staff, s.handleCarerUpdate)
	s.route("DELETE", "/api/v1/carers/:id", auth.Staff, s.archiveWith(registry.ArchiveCarer))
	s.route("GET", "/api/v1/carers/:id/subject-access", auth.Managers, s.handleSubjectAccess)
	s.route("GET", "/api/v1/households/:id/members", auth.HouseholdReaders, s.handleMemberList)
	s.route("POST", "/api/v1/households/:id/members", auth.Staff, s.handleMemberCreate)
	s.route("GET", "/api/v1/members/:id", auth.HouseholdReaders, s.handleMemberShow)
	s.route("PUT", "/api/v1/members/:id", auth.Staff, s.handleMemberUpdate)
	s.route("DELETE", "/api/v1/members/:id", auth.Staff, s.archiveWith(registry.ArchiveMember))
	s.route("GET", "/api/v1/carers/:id/health-assessments", auth.HouseholdReaders, s.handleHealthAssessmentList)
	s.route("POST", "/api/v1/carers/:id/health-assessments", auth.Staff, s.handleHealthAssessmentCreate)
	s.route("GET", "/api/v1/health-assessments/:id", auth.HouseholdReaders, s.handleHealthAssessmentShow)
	s.route("PUT", "/api/v1/health-assessments/:id", auth.Staff, s.handleHealthAssessmentUpdate)
	s.route("DELETE", "/api/v1/health-assessments/:id", auth.Staff, s.archiveWith(registry.ArchiveHealthAssessment))
	s.route("GET", "/api/v1/carers/:id/dbs-checks", auth.HouseholdReaders, s.handleCarerDBSCheckList)
	s.route("POST", "/api/v1/carers/:id/dbs-checks", auth.Staff, s.handleCarerDBSCheckCreate)
	s.route("GET", "/api/v1/members/:id/dbs-checks", auth.HouseholdReaders, s.handleMemberDBSCheckList)
	s.route("POST", "/api/v1/members/:id/dbs-checks", auth.Staff, s.handleMemberDBSCheckCreate)
	s.route("GET", "/api/v1/dbs-checks/:id", auth.HouseholdReaders, s.handleDBSCheckShow)
	s.route("PUT", "/api/v1/dbs-checks/:id", auth.Staff, s.handleDBSCheckUpdate)
	s.route("DELETE", "/api/v1/dbs-checks/:id", auth.Staff, s.archiveWith(registry.ArchiveDBSCheck))

	// Courses, training records, visits and placements.
	s.route("POST", "/api/v1/courses", auth.Admins, s.handleCourseCreate)
	s.route("GET", "/api/v1/courses/:id", auth.Staff, s.handleCourseShow)
	s.route("DELETE", "/api/v1/courses/:id", auth.Admins, s.archiveWith(registry.ArchiveCourse))
	s.route("GET", "/api/v1/carers/:id/training", auth.HouseholdReaders, s.handleCarerTrainingList)
	s.route("POST", "/api/v1/carers/:id/training", auth.Staff, s.handleCarerTrainingCreate)
	s.route("GET", "/api/v1/training", auth.Staff, s.handleTrainingList)
	s.route("GET", "/api/v1/training/:id", auth.HouseholdReaders, s.handleTrainingShow)
	s.route("PUT", "/api/v1/training/:id", auth.Staff, s.handleTrainingUpdate)
	s.route("DELETE", "/api/v1/training/:id", auth.Staff, s.archiveWith(registry.ArchiveTrainingRecord))
	s.route("GET", "/api/v1/households/:id/visits", auth.HouseholdReaders, s.handleHouseholdVisitList)
	s.route("POST", "/api/v1/households/:id/visits", auth.Staff, s.handleHouseholdVisitCreate)
	s.route("GET", "/api/v1/visits/:id", auth.HouseholdReaders, s.handleVisitShow)
	s.route("PUT", "/api/v1/visits/:id", auth.Staff, s.handleVisitUpdate)
	s.route("DELETE", "/api/v1/visits/:id", auth.Staff, s.archiveWith(registry.ArchiveVisit))
	s.route("GET", "/api/v1/households/:id/placements", auth.HouseholdReaders, s.handleHouseholdPlacementList)
	s.route("POST", "/api/v1/households/:id/placements", auth.Staff, s.handleHouseholdPlacementCreate)
	s.route("GET", "/api/v1/placements/:id", auth.HouseholdReaders, s.handlePlacementShow)
	s.route("PUT", "/api/v1/placements/:id", auth.Staff, s.handlePlacementUpdate)
	s.route("DELETE", "/api/v1/placements/:id", auth.Staff, s.archiveWith(registry.ArchivePlacement))

	// Reviews and their contributions, panels and their items, approval terms.
	s.route("GET", "/api/v1/households/:id/reviews", auth.HouseholdReaders, s.handleHouseholdReviewList)
	s.route("POST", "/api/v1/households/:id/reviews", auth.Staff, s.handleReviewCreate)
	s.route("GET", "/api/v1/reviews", auth.Staff, s.handleReviewList)
	s.route("GET", "/api/v1/reviews/:id", auth.HouseholdReaders, s.handleReviewShow)
	s.route("PUT", "/api/v1/reviews/:id", auth.Staff, s.handleReviewUpdate)
	s.route("DELETE", "/api/v1/reviews/:id", auth.Staff, s.archiveWith(registry.ArchiveReview))
	s.route("POST", "/api/v1/reviews/:id/decision", auth.Deciders, s.handleReviewDecision)
	s.route("POST", "/api/v1/reviews/:id/determination", auth.Deciders, s.handleReviewDetermination)
	s.route("GET", "/api/v1/reviews/:id/views", auth.Staff, s.handleReviewViews)
	s.route("GET", "/api/v1/reviews/:id/pack", auth.PackReaders, s.handleReviewPack)
	s.route("GET", "/api/v1/reviews/:id/contributions", auth.HouseholdReaders, s.handleContributionList)
	s.route("POST", "/api/v1/reviews/:id/contributions", auth.HouseholdReaders, s.handleContributionCreate)
	s.route("GET", "/api/v1/contributions/:id", auth.HouseholdReaders, s.handleContributionShow)
	s.route("PUT", "/api/v1/contributions/:id", auth.Staff, s.handleContributionUpdate)
	s.route("DELETE", "/api/v1/contributions/:id", auth.Staff, s.archiveWith(registry.ArchiveContribution))
	s.route("GET", "/api/v1/panels", auth.PanelReaders, s.handlePanelList)
	s.route("POST", "/api/v1/panels", auth.Managers, s.handlePanelCreate)
	s.route("GET", "/api/v1/panels/:id", auth.PanelReaders, s.handlePanelShow)
	s.route("PUT", "/api/v1/panels/:id", auth.Managers, s.handlePanelUpdate)
	s.route("DELETE", "/api/v1/panels/:id", auth.Managers, s.archiveWith(registry.ArchivePanel))
	s.route("GET", "/api/v1/panels/:id/items", auth.PanelReaders, s.handlePanelItemList)
	s.route("GET", "/api/v1/panels/:id/packs", auth.PackReaders, s.handlePanelPacks)
	s.route("POST", "/api/v1/panels/:id/items", auth.Managers, s.handlePanelItemCreate)
	s.route("GET", "/api/v1/panel-items/:id", auth.PanelReaders, s.handlePanelItemShow)
	s.route("PUT", "/api/v1/panel-items/:id", auth.Managers, s.handlePanelItemUpdate)
	s.route("DELETE", "/api/v1/panel-items/:id", auth.Managers, s.archiveWith(registry.ArchivePanelItem))
	s.route("GET", "/api/v1/households/:id/approval-terms", auth.HouseholdReaders, s.handleTermsList)
	s.route("POST", "/api/v1/households/:id/approval-terms", auth.Staff, s.handleTermsCreate)
	s.route("GET", "/api/v1/approval-terms/:id", auth.HouseholdReaders, s.handleTermsShow)
	s.route("PUT", "/api/v1/approval-terms/:id", auth.Staff, s.handleTermsUpdate)

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
