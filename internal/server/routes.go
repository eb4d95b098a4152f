package server

import (
	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/compress"
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
	s.app.Use(s.AssignRequestID)
	s.app.Use(s.WithDeadline)
	s.app.Use(s.WithViewLog)
	s.app.Use(s.SecurityHeaders)
	s.app.Use(s.LogRequests)
	s.app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: s.LogPanic}))
	s.app.Use(s.RefuseBadText)
	s.app.Use(s.LoadToken)
	s.app.Use(s.LoadSession)
	s.app.Use(s.CheckCSRF)
	s.app.Use(s.Idempotent)
}

// routes registers every route Hearth serves, each with who may use it.
// Reading this function tells you the whole HTTP surface.
func (s *Server) routes() {
	pages, api := s.ui, s.api
	// Probes for load balancers and orchestrators.
	s.route("GET", "/healthz", auth.Public, s.handleHealthz)
	s.route("GET", "/readyz", auth.Public, s.handleReadyz)

	// Static assets (CSS, scripts, fonts), embedded in the binary.
	// Under their fingerprint, which is what pages link to, they are
	// kept for a year; by their plain path (the licences, a page from an
	// older release) they are checked again each time. Both compressed.
	// (A static handler learns its route's prefix on its first request,
	// so each route has its own.)
	zip := compress.New(compress.Config{Level: compress.LevelBestSpeed})
	s.route("GET", "/static/"+web.StaticVersion()+"*", auth.Public, cacheFor("public, max-age=31536000, immutable"), zip,
		static.New("", static.Config{FS: web.Static()}))
	s.route("GET", "/static*", auth.Public, cacheFor("no-cache"), zip, static.New("", static.Config{FS: web.Static()}))

	// Signing in and out.
	s.route("GET", "/sign-in", auth.Public, pages.HandleSignInForm)
	s.route("POST", "/sign-in", auth.Public, pages.HandleSignIn)
	s.route("POST", "/sign-out", auth.Public, pages.HandleSignOut)
	s.route("GET", "/sign-in/code", auth.SigningIn, pages.HandleSecondFactorForm)
	s.route("POST", "/sign-in/code", auth.SigningIn, pages.HandleSecondFactor)
	s.route("GET", "/account/mfa", auth.SigningIn, pages.HandleMFASetupForm)
	s.route("POST", "/account/mfa", auth.SigningIn, pages.HandleMFASetup)
	s.route("POST", "/sign-out-everywhere", auth.SignedIn, pages.HandleSignOutEverywhere)
	s.route("GET", "/account/password", auth.SignedIn, pages.HandlePasswordForm)
	s.route("GET", "/account/calendar", auth.SignedIn, pages.HandleCalendarPage)
	s.route("POST", "/account/calendar", auth.SignedIn, pages.HandleCalendarStart)
	s.route("POST", "/account/calendar/off", auth.SignedIn, pages.HandleCalendarStop)
	s.route("GET", "/calendar/:token", auth.Public, pages.HandleCalendarFeed)
	s.route("POST", "/account/password", auth.SignedIn, pages.HandlePasswordChange)

	// Pages.
	s.route("GET", "/", auth.SignedIn, pages.HandleHome)
	s.route("GET", "/my/household", auth.Carers, pages.HandleMyHousehold)
	s.route("GET", "/my/views", auth.Carers, pages.HandleMyViews)
	s.route("POST", "/my/views", auth.Carers, pages.HandleMyViewsSend)
	s.route("GET", "/households", auth.Staff, pages.HandleHouseholdsPage)
	s.route("GET", "/households/import", auth.Managers, pages.HandleImportPage)
	s.route("POST", "/households/import", auth.Managers, pages.HandleImportUpload)
	s.route("GET", "/households/new", auth.Managers, pages.HandleHouseholdForm)
	s.route("POST", "/households/new", auth.Managers, pages.HandleHouseholdSave)
	s.route("GET", "/households/:id", auth.Staff, pages.HandleHouseholdPage)
	s.route("GET", "/households/:id/edit", auth.Staff, pages.HandleHouseholdForm)
	s.route("POST", "/households/:id/edit", auth.Staff, pages.HandleHouseholdSave)
	s.route("GET", "/households/:id/add/:kind", auth.Staff, pages.HandleRecordForm)
	s.route("POST", "/households/:id/add/:kind", auth.Staff, pages.HandleRecordAdd)
	s.route("GET", "/records/:kind/:id/edit", auth.Staff, pages.HandleRecordEditForm)
	s.route("POST", "/records/:kind/:id/edit", auth.Staff, pages.HandleRecordEditSave)
	s.route("GET", "/reviews/:id", auth.Staff, pages.HandleReviewPage)
	s.route("POST", "/reviews/:id/step", auth.Staff, pages.HandleReviewStep)
	s.route("POST", "/reviews/:id/views", auth.Staff, pages.HandleReviewViewsAdd)
	s.route("GET", "/contributions/:id/edit", auth.Staff, pages.HandleViewsEditForm)
	s.route("POST", "/contributions/:id/edit", auth.Staff, pages.HandleViewsEditSave)
	s.route("POST", "/contributions/:id/remove", auth.Staff, pages.HandleViewsRemove)
	s.route("POST", "/reviews/:id/panel", auth.Managers, pages.HandleReviewToPanel)
	s.route("POST", "/reviews/:id/recommendation", auth.Managers, pages.HandleReviewRecommendation)
	s.route("POST", "/reviews/:id/decide", auth.Deciders, pages.HandleReviewDecide)
	s.route("GET", "/reviews/:id/officer", auth.Managers, pages.HandleReviewArrangementForm("officer"))
	s.route("POST", "/reviews/:id/officer", auth.Managers, pages.HandleReviewArrangementSave("officer"))
	s.route("GET", "/reviews/:id/reschedule", auth.Staff, pages.HandleReviewArrangementForm("reschedule"))
	s.route("POST", "/reviews/:id/reschedule", auth.Staff, pages.HandleReviewArrangementSave("reschedule"))
	s.route("GET", "/admin/users", auth.Admins, pages.HandleUsersPage)
	s.route("POST", "/admin/users", auth.Admins, pages.HandleUserAdd)
	s.route("POST", "/admin/users/:id/deactivate", auth.Admins, pages.HandleUserAction("deactivate"))
	s.route("POST", "/admin/users/:id/reset-mfa", auth.Admins, pages.HandleUserAction("reset-mfa"))
	s.route("GET", "/admin/audit", auth.AuditReaders, pages.HandleAuditPage)
	s.route("GET", "/admin/policy", auth.Admins, pages.HandlePolicyPage)
	s.route("POST", "/admin/policy", auth.Admins, pages.HandlePolicySave)
	s.route("GET", "/admin/tokens", auth.Admins, pages.HandleTokensPage)
	s.route("POST", "/admin/tokens", auth.Admins, pages.HandleTokenIssue)
	s.route("POST", "/admin/tokens/:id/revoke", auth.Admins, pages.HandleTokenRevokePage)
	s.route("GET", "/training", auth.Staff, pages.HandleTrainingPage)
	s.route("GET", "/training/courses", auth.Staff, pages.HandleCoursesPage)
	s.route("GET", "/training/export.csv", auth.Staff, pages.HandleTrainingExport("csv"))
	s.route("GET", "/training/export.xlsx", auth.Staff, pages.HandleTrainingExport("xlsx"))
	s.route("GET", "/compliance/export.csv", auth.Staff, pages.HandleComplianceExport)
	s.route("POST", "/training/courses", auth.Admins, pages.HandleCourseAdd)
	s.route("GET", "/panels", auth.PanelReaders, pages.HandlePanelsPage)
	s.route("GET", "/panels/new", auth.Managers, pages.HandlePanelForm)
	s.route("POST", "/panels/new", auth.Managers, pages.HandlePanelSave)
	s.route("GET", "/panels/:id", auth.PanelReaders, pages.HandlePanelPage)
	s.route("POST", "/panels/:id/items/:item/move", auth.Managers, pages.HandleAgendaItemMove)
	s.route("POST", "/panels/:id/items/:item/remove", auth.Managers, pages.HandleAgendaItemRemove)

	// JSON API.
	s.route("GET", "/api/v1/openapi.json", auth.Public, api.HandleOpenAPI)
	s.route("GET", "/api/v1/status", auth.Staff, api.HandleAPIStatus)
	s.route("GET", "/api/v1/households", auth.HouseholdReaders, api.HandleHouseholdList)
	s.route("POST", "/api/v1/households", auth.Managers, api.HandleHouseholdCreate)
	s.route("GET", "/api/v1/households/:id", auth.HouseholdReaders, api.HandleHouseholdShow)
	s.route("PUT", "/api/v1/households/:id", auth.Staff, api.HandleHouseholdUpdate)
	s.route("DELETE", "/api/v1/households/:id", auth.Managers, api.ArchiveWith(registry.ArchiveHousehold))
	// Carers, household members, their health assessments and DBS checks.
	s.route("GET", "/api/v1/households/:id/carers", auth.HouseholdReaders, api.HandleCarerList)
	s.route("POST", "/api/v1/households/:id/carers", auth.Staff, api.HandleCarerCreate)
	s.route("GET", "/api/v1/carers/:id", auth.HouseholdReaders, api.HandleCarerShow)
	s.route("PUT", "/api/v1/carers/:id", auth.Staff, api.HandleCarerUpdate)
	s.route("DELETE", "/api/v1/carers/:id", auth.Staff, api.ArchiveWith(registry.ArchiveCarer))
	s.route("GET", "/api/v1/carers/:id/subject-access", auth.Managers, api.HandleSubjectAccess)
	s.route("GET", "/api/v1/households/:id/members", auth.HouseholdReaders, api.HandleMemberList)
	s.route("POST", "/api/v1/households/:id/members", auth.Staff, api.HandleMemberCreate)
	s.route("GET", "/api/v1/members/:id", auth.HouseholdReaders, api.HandleMemberShow)
	s.route("PUT", "/api/v1/members/:id", auth.Staff, api.HandleMemberUpdate)
	s.route("DELETE", "/api/v1/members/:id", auth.Staff, api.ArchiveWith(registry.ArchiveMember))
	s.route("GET", "/api/v1/carers/:id/health-assessments", auth.HouseholdReaders, api.HandleHealthAssessmentList)
	s.route("POST", "/api/v1/carers/:id/health-assessments", auth.Staff, api.HandleHealthAssessmentCreate)
	s.route("GET", "/api/v1/health-assessments/:id", auth.HouseholdReaders, api.HandleHealthAssessmentShow)
	s.route("PUT", "/api/v1/health-assessments/:id", auth.Staff, api.HandleHealthAssessmentUpdate)
	s.route("DELETE", "/api/v1/health-assessments/:id", auth.Staff, api.ArchiveWith(registry.ArchiveHealthAssessment))
	s.route("GET", "/api/v1/carers/:id/dbs-checks", auth.HouseholdReaders, api.HandleCarerDBSCheckList)
	s.route("POST", "/api/v1/carers/:id/dbs-checks", auth.Staff, api.HandleCarerDBSCheckCreate)
	s.route("GET", "/api/v1/members/:id/dbs-checks", auth.HouseholdReaders, api.HandleMemberDBSCheckList)
	s.route("POST", "/api/v1/members/:id/dbs-checks", auth.Staff, api.HandleMemberDBSCheckCreate)
	s.route("GET", "/api/v1/dbs-checks/:id", auth.HouseholdReaders, api.HandleDBSCheckShow)
	s.route("PUT", "/api/v1/dbs-checks/:id", auth.Staff, api.HandleDBSCheckUpdate)
	s.route("DELETE", "/api/v1/dbs-checks/:id", auth.Staff, api.ArchiveWith(registry.ArchiveDBSCheck))

	// Courses, training records, visits and placements.
	s.route("POST", "/api/v1/courses", auth.Admins, api.HandleCourseCreate)
	s.route("GET", "/api/v1/courses/:id", auth.Staff, api.HandleCourseShow)
	s.route("DELETE", "/api/v1/courses/:id", auth.Admins, api.ArchiveWith(registry.ArchiveCourse))
	s.route("GET", "/api/v1/carers/:id/training", auth.HouseholdReaders, api.HandleCarerTrainingList)
	s.route("POST", "/api/v1/carers/:id/training", auth.Staff, api.HandleCarerTrainingCreate)
	s.route("GET", "/api/v1/training", auth.Staff, api.HandleTrainingList)
	s.route("GET", "/api/v1/training/:id", auth.HouseholdReaders, api.HandleTrainingShow)
	s.route("PUT", "/api/v1/training/:id", auth.Staff, api.HandleTrainingUpdate)
	s.route("DELETE", "/api/v1/training/:id", auth.Staff, api.ArchiveWith(registry.ArchiveTrainingRecord))
	s.route("GET", "/api/v1/households/:id/visits", auth.HouseholdReaders, api.HandleHouseholdVisitList)
	s.route("POST", "/api/v1/households/:id/visits", auth.Staff, api.HandleHouseholdVisitCreate)
	s.route("GET", "/api/v1/visits/:id", auth.HouseholdReaders, api.HandleVisitShow)
	s.route("PUT", "/api/v1/visits/:id", auth.Staff, api.HandleVisitUpdate)
	s.route("DELETE", "/api/v1/visits/:id", auth.Staff, api.ArchiveWith(registry.ArchiveVisit))
	s.route("GET", "/api/v1/households/:id/placements", auth.HouseholdReaders, api.HandleHouseholdPlacementList)
	s.route("POST", "/api/v1/households/:id/placements", auth.Staff, api.HandleHouseholdPlacementCreate)
	s.route("GET", "/api/v1/placements/:id", auth.HouseholdReaders, api.HandlePlacementShow)
	s.route("PUT", "/api/v1/placements/:id", auth.Staff, api.HandlePlacementUpdate)
	s.route("DELETE", "/api/v1/placements/:id", auth.Staff, api.ArchiveWith(registry.ArchivePlacement))

	// Reviews and their contributions, panels and their items, approval terms.
	s.route("GET", "/api/v1/households/:id/reviews", auth.HouseholdReaders, api.HandleHouseholdReviewList)
	s.route("POST", "/api/v1/households/:id/reviews", auth.Staff, api.HandleReviewCreate)
	s.route("GET", "/api/v1/reviews", auth.Staff, api.HandleReviewList)
	s.route("GET", "/api/v1/reviews/:id", auth.HouseholdReaders, api.HandleReviewShow)
	s.route("PUT", "/api/v1/reviews/:id", auth.Staff, api.HandleReviewUpdate)
	s.route("DELETE", "/api/v1/reviews/:id", auth.Staff, api.ArchiveWith(registry.ArchiveReview))
	s.route("POST", "/api/v1/reviews/:id/decision", auth.Deciders, api.HandleReviewDecision)
	s.route("POST", "/api/v1/reviews/:id/determination", auth.Deciders, api.HandleReviewDetermination)
	s.route("GET", "/api/v1/reviews/:id/views", auth.Staff, api.HandleReviewViews)
	s.route("GET", "/api/v1/reviews/:id/pack", auth.PackReaders, api.HandleReviewPack)
	s.route("GET", "/api/v1/reviews/:id/contributions", auth.HouseholdReaders, api.HandleContributionList)
	s.route("POST", "/api/v1/reviews/:id/contributions", auth.HouseholdReaders, api.HandleContributionCreate)
	s.route("GET", "/api/v1/contributions/:id", auth.HouseholdReaders, api.HandleContributionShow)
	s.route("PUT", "/api/v1/contributions/:id", auth.Staff, api.HandleContributionUpdate)
	s.route("DELETE", "/api/v1/contributions/:id", auth.Staff, api.ArchiveWith(registry.ArchiveContribution))
	s.route("GET", "/api/v1/panels", auth.PanelReaders, api.HandlePanelList)
	s.route("POST", "/api/v1/panels", auth.Managers, api.HandlePanelCreate)
	s.route("GET", "/api/v1/panels/:id", auth.PanelReaders, api.HandlePanelShow)
	s.route("PUT", "/api/v1/panels/:id", auth.Managers, api.HandlePanelUpdate)
	s.route("DELETE", "/api/v1/panels/:id", auth.Managers, api.ArchiveWith(registry.ArchivePanel))
	s.route("GET", "/api/v1/panels/:id/items", auth.PanelReaders, api.HandlePanelItemList)
	s.route("GET", "/api/v1/panels/:id/packs", auth.PackReaders, api.HandlePanelPacks)
	s.route("POST", "/api/v1/panels/:id/items", auth.Managers, api.HandlePanelItemCreate)
	s.route("GET", "/api/v1/panel-items/:id", auth.PanelReaders, api.HandlePanelItemShow)
	s.route("PUT", "/api/v1/panel-items/:id", auth.Managers, api.HandlePanelItemUpdate)
	s.route("DELETE", "/api/v1/panel-items/:id", auth.Managers, api.ArchiveWith(registry.ArchivePanelItem))
	s.route("GET", "/api/v1/households/:id/approval-terms", auth.HouseholdReaders, api.HandleTermsList)
	s.route("POST", "/api/v1/households/:id/approval-terms", auth.Staff, api.HandleTermsCreate)
	s.route("GET", "/api/v1/approval-terms/:id", auth.HouseholdReaders, api.HandleTermsShow)
	s.route("PUT", "/api/v1/approval-terms/:id", auth.Staff, api.HandleTermsUpdate)

	s.route("GET", "/api/v1/compliance", auth.Staff, api.HandleComplianceSummary)
	s.route("GET", "/api/v1/compliance/items", auth.Staff, api.HandleComplianceItems)
	s.route("GET", "/api/v1/compliance/policy", auth.Staff, api.HandlePolicyShow)
	s.route("PUT", "/api/v1/compliance/policy", auth.Admins, api.HandlePolicyUpdate)
	s.route("GET", "/api/v1/households/:id/compliance", auth.Staff, api.HandleHouseholdCompliance)
	s.route("GET", "/api/v1/courses", auth.Staff, api.HandleCourseList)
	s.route("PUT", "/api/v1/courses/:id", auth.Admins, api.HandleCourseUpdate)
	s.route("GET", "/api/v1/audit", auth.AuditReaders, api.HandleAuditList)
	s.route("GET", "/api/v1/tokens", auth.Admins, api.HandleTokenList)
	s.route("POST", "/api/v1/tokens", auth.Admins, api.HandleTokenCreate)
	s.route("DELETE", "/api/v1/tokens/:id", auth.Admins, api.HandleTokenRevoke)
	s.route("GET", "/api/v1/users", auth.Admins, api.HandleUserList)
	s.route("POST", "/api/v1/users", auth.Admins, api.HandleUserCreate)
	s.route("POST", "/api/v1/users/:id/deactivate", auth.Admins, api.HandleUserDeactivate)
	s.route("POST", "/api/v1/users/:id/reset-mfa", auth.Admins, api.HandleUserResetMFA)
	s.app.Use("/api", s.HandleAPINotFound)

	s.app.Use(s.HandleNotFound)
}

// cacheFor sets how long a browser may keep a static asset it was sent.
func cacheFor(policy string) fiber.Handler {
	return func(c fiber.Ctx) error {
		err := c.Next()
		if status := c.Response().StatusCode(); status == fiber.StatusOK || status == fiber.StatusNotModified {
			c.Set(fiber.HeaderCacheControl, policy)
		}
		return err
	}
}
