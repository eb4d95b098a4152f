package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store/storetest"
	"github.com/hearth-registry/hearth/web"
)

const (
	anonymous = "anonymous"
	// passwordOnly is a member of staff who has given the password but not
	// yet the second factor.
	passwordOnly = "password only"
)

var roles = []string{"admin", "manager", "ssw", "reviewing_officer", "adm", "panel_member", "carer"}
var everyone = append([]string{anonymous, passwordOnly}, roles...)
var anySignedIn = roles
var signingIn = append([]string{passwordOnly}, roles...)
var staff = []string{"admin", "manager", "ssw", "reviewing_officer", "adm"}
var householdReaders = append([]string{"carer"}, staff...)

// expectedAccess is who may use each route, written here independently of
// routes.go. A new route needs a line here, or TestEveryRouteHasItsAccess
// fails.
var expectedAccess = map[string][]string{
	"GET /healthz": everyone,
	"GET /readyz":  everyone,
	"GET /static*": everyone,
	"GET /static/" + web.StaticVersion() + "*": everyone,
	"GET /sign-in":                        everyone,
	"POST /sign-in":                       everyone,
	"POST /sign-out":                      everyone,
	"GET /sign-in/code":                   signingIn,
	"POST /sign-in/code":                  signingIn,
	"GET /account/mfa":                    signingIn,
	"POST /account/mfa":                   signingIn,
	"POST /sign-out-everywhere":           anySignedIn,
	"GET /account/password":               anySignedIn,
	"GET /account/calendar":               anySignedIn,
	"POST /account/calendar":              {"carer", "ssw"},
	"POST /account/calendar/off":          anySignedIn,
	"GET /calendar/:token":                everyone,
	"POST /account/password":              anySignedIn,
	"GET /":                               anySignedIn,
	"GET /my/household":                   {"carer"},
	"GET /admin/users":                    {"admin"},
	"POST /admin/users":                   {"admin"},
	"POST /admin/users/:id/deactivate":    {"admin"},
	"POST /admin/users/:id/reset-mfa":     {"admin"},
	"GET /admin/audit":                    {"admin", "manager"},
	"GET /admin/policy":                   {"admin"},
	"POST /admin/policy":                  {"admin"},
	"GET /admin/tokens":                   {"admin"},
	"POST /admin/tokens":                  {"admin"},
	"POST /admin/tokens/:id/revoke":       {"admin"},
	"GET /my/views":                       {"carer"},
	"POST /my/views":                      {"carer"},
	"GET /households":                     staff,
	"GET /households/:id":                 staff,
	"GET /training":                       staff,
	"GET /training/export.csv":            staff,
	"GET /training/export.xlsx":           staff,
	"GET /compliance/export.csv":          staff,
	"GET /training/courses":               staff,
	"POST /training/courses":              {"admin"},
	"GET /households/new":                 {"admin", "manager"},
	"GET /households/import":              {"admin", "manager"},
	"POST /households/import":             {"admin", "manager"},
	"POST /households/new":                {"admin", "manager"},
	"GET /households/:id/edit":            staff,
	"POST /households/:id/edit":           staff,
	"GET /households/:id/add/:kind":       staff,
	"GET /records/:kind/:id/edit":         staff,
	"POST /records/:kind/:id/edit":        staff,
	"POST /households/:id/add/:kind":      staff,
	"GET /reviews/:id":                    staff,
	"POST /reviews/:id/step":              staff,
	"POST /reviews/:id/views":             staff,
	"GET /contributions/:id/edit":         staff,
	"POST /contributions/:id/edit":        staff,
	"POST /contributions/:id/remove":      staff,
	"POST /reviews/:id/panel":             {"admin", "manager"},
	"POST /reviews/:id/recommendation":    {"admin", "manager"},
	"POST /reviews/:id/decide":            {"admin", "adm"},
	"GET /reviews/:id/officer":            {"admin", "manager"},
	"POST /reviews/:id/officer":           {"admin", "manager"},
	"GET /reviews/:id/reschedule":         staff,
	"POST /reviews/:id/reschedule":        staff,
	"GET /panels":                         {"admin", "manager", "ssw", "reviewing_officer", "adm", "panel_member"},
	"GET /panels/:id":                     {"admin", "manager", "ssw", "reviewing_officer", "adm", "panel_member"},
	"GET /panels/new":                     {"admin", "manager"},
	"POST /panels/new":                    {"admin", "manager"},
	"POST /panels/:id/items/:item/move":   {"admin", "manager"},
	"POST /panels/:id/items/:item/remove": {"admin", "manager"},
	"GET /api/v1/status":                  staff,
	"GET /api/v1/openapi.json":            everyone,
	"GET /api/v1/audit":                   {"admin", "manager"},

	"GET /api/v1/households":        householdReaders,
	"POST /api/v1/households":       {"admin", "manager"},
	"GET /api/v1/households/:id":    householdReaders,
	"PUT /api/v1/households/:id":    staff,
	"DELETE /api/v1/households/:id": {"admin", "manager"},

	// Carers, household members, their health assessments and DBS checks.
	"GET /api/v1/households/:id/carers":          householdReaders,
	"POST /api/v1/households/:id/carers":         staff,
	"GET /api/v1/carers/:id":                     householdReaders,
	"GET /api/v1/carers/:id/subject-access":      {"admin", "manager"},
	"PUT /api/v1/carers/:id":                     staff,
	"DELETE /api/v1/carers/:id":                  staff,
	"GET /api/v1/households/:id/members":         householdReaders,
	"POST /api/v1/households/:id/members":        staff,
	"GET /api/v1/members/:id":                    householdReaders,
	"PUT /api/v1/members/:id":                    staff,
	"DELETE /api/v1/members/:id":                 staff,
	"GET /api/v1/carers/:id/health-assessments":  householdReaders,
	"POST /api/v1/carers/:id/health-assessments": staff,
	"GET /api/v1/health-assessments/:id":         householdReaders,
	"PUT /api/v1/health-assessments/:id":         staff,
	"DELETE /api/v1/health-assessments/:id":      staff,
	"GET /api/v1/carers/:id/dbs-checks":          householdReaders,
	"POST /api/v1/carers/:id/dbs-checks":         staff,
	"GET /api/v1/members/:id/dbs-checks":         householdReaders,
	"POST /api/v1/members/:id/dbs-checks":        staff,
	"GET /api/v1/dbs-checks/:id":                 householdReaders,
	"PUT /api/v1/dbs-checks/:id":                 staff,
	"DELETE /api/v1/dbs-checks/:id":              staff,

	// Courses, training records, visits and placements.
	"POST /api/v1/courses":                   {"admin"},
	"GET /api/v1/courses/:id":                staff,
	"DELETE /api/v1/courses/:id":             {"admin"},
	"GET /api/v1/carers/:id/training":        householdReaders,
	"POST /api/v1/carers/:id/training":       staff,
	"GET /api/v1/training":                   staff,
	"GET /api/v1/training/:id":               householdReaders,
	"PUT /api/v1/training/:id":               staff,
	"DELETE /api/v1/training/:id":            staff,
	"GET /api/v1/households/:id/visits":      householdReaders,
	"POST /api/v1/households/:id/visits":     staff,
	"GET /api/v1/visits/:id":                 householdReaders,
	"PUT /api/v1/visits/:id":                 staff,
	"DELETE /api/v1/visits/:id":              staff,
	"GET /api/v1/households/:id/placements":  householdReaders,
	"POST /api/v1/households/:id/placements": staff,
	"GET /api/v1/placements/:id":             householdReaders,
	"PUT /api/v1/placements/:id":             staff,
	"DELETE /api/v1/placements/:id":          staff,

	// Reviews and their contributions, panels and their items, approval terms.
	"GET /api/v1/households/:id/reviews":         householdReaders,
	"POST /api/v1/households/:id/reviews":        staff,
	"GET /api/v1/reviews":                        staff,
	"GET /api/v1/reviews/:id":                    householdReaders,
	"PUT /api/v1/reviews/:id":                    staff,
	"DELETE /api/v1/reviews/:id":                 staff,
	"GET /api/v1/reviews/:id/contributions":      householdReaders,
	"POST /api/v1/reviews/:id/decision":          {"admin", "adm"},
	"POST /api/v1/reviews/:id/determination":     {"admin", "adm"},
	"GET /api/v1/reviews/:id/views":              staff,
	"GET /api/v1/reviews/:id/pack":               {"admin", "manager", "ssw", "reviewing_officer", "adm", "panel_member"},
	"GET /api/v1/panels/:id/packs":               {"admin", "manager", "ssw", "reviewing_officer", "adm", "panel_member"},
	"POST /api/v1/reviews/:id/contributions":     householdReaders,
	"GET /api/v1/contributions/:id":              householdReaders,
	"PUT /api/v1/contributions/:id":              staff,
	"DELETE /api/v1/contributions/:id":           staff,
	"GET /api/v1/panels":                         {"admin", "manager", "ssw", "reviewing_officer", "adm", "panel_member"},
	"POST /api/v1/panels":                        {"admin", "manager"},
	"GET /api/v1/panels/:id":                     {"admin", "manager", "ssw", "reviewing_officer", "adm", "panel_member"},
	"PUT /api/v1/panels/:id":                     {"admin", "manager"},
	"DELETE /api/v1/panels/:id":                  {"admin", "manager"},
	"GET /api/v1/panels/:id/items":               {"admin", "manager", "ssw", "reviewing_officer", "adm", "panel_member"},
	"POST /api/v1/panels/:id/items":              {"admin", "manager"},
	"GET /api/v1/panel-items/:id":                {"admin", "manager", "ssw", "reviewing_officer", "adm", "panel_member"},
	"PUT /api/v1/panel-items/:id":                {"admin", "manager"},
	"DELETE /api/v1/panel-items/:id":             {"admin", "manager"},
	"GET /api/v1/households/:id/approval-terms":  householdReaders,
	"POST /api/v1/households/:id/approval-terms": staff,
	"GET /api/v1/approval-terms/:id":             householdReaders,
	"PUT /api/v1/approval-terms/:id":             staff,

	"GET /api/v1/compliance":                staff,
	"GET /api/v1/compliance/items":          staff,
	"GET /api/v1/compliance/policy":         staff,
	"PUT /api/v1/compliance/policy":         {"admin"},
	"GET /api/v1/households/:id/compliance": staff,
	"GET /api/v1/courses":                   staff,
	"PUT /api/v1/courses/:id":               {"admin"},

	"GET /api/v1/tokens":        {"admin"},
	"POST /api/v1/tokens":       {"admin"},
	"DELETE /api/v1/tokens/:id": {"admin"},

	"GET /api/v1/users":                 {"admin"},
	"POST /api/v1/users":                {"admin"},
	"POST /api/v1/users/:id/deactivate": {"admin"},
	"POST /api/v1/users/:id/reset-mfa":  {"admin"},
}

// examplePaths fills in route patterns with something to request.
var examplePaths = map[string]string{"/static*": "/static/hearth.css", "/static/" + web.StaticVersion() + "*": "/static/" + web.StaticVersion() + "/hearth.css", "/calendar/:token": "/calendar/nonsense.ics",
	"/admin/tokens/:id/revoke": "/admin/tokens/999/revoke", "/admin/users/:id/deactivate": "/admin/users/999/deactivate", "/admin/users/:id/reset-mfa": "/admin/users/999/reset-mfa",
	"/households/:id": "/households/999", "/households/:id/edit": "/households/999/edit", "/households/:id/add/:kind": "/households/999/add/visit", "/records/:kind/:id/edit": "/records/visit/999/edit", "/reviews/:id": "/reviews/999", "/reviews/:id/step": "/reviews/999/step", "/reviews/:id/views": "/reviews/999/views", "/contributions/:id/edit": "/contributions/999/edit", "/contributions/:id/remove": "/contributions/999/remove",
	"/reviews/:id/panel": "/reviews/999/panel", "/reviews/:id/recommendation": "/reviews/999/recommendation", "/reviews/:id/decide": "/reviews/999/decide", "/reviews/:id/officer": "/reviews/999/officer", "/reviews/:id/reschedule": "/reviews/999/reschedule", "/panels/:id": "/panels/999", "/panels/:id/items/:item/move": "/panels/999/items/999/move", "/panels/:id/items/:item/remove": "/panels/999/items/999/remove", "/api/v1/tokens/:id": "/api/v1/tokens/999",
	"/api/v1/users/:id/deactivate": "/api/v1/users/999/deactivate", "/api/v1/users/:id/reset-mfa": "/api/v1/users/999/reset-mfa",
	// Carers, household members, their health assessments and DBS checks.
	"/api/v1/households/:id/carers":         "/api/v1/households/999/carers",
	"/api/v1/carers/:id":                    "/api/v1/carers/999",
	"/api/v1/carers/:id/subject-access":     "/api/v1/carers/999/subject-access",
	"/api/v1/households/:id/members":        "/api/v1/households/999/members",
	"/api/v1/members/:id":                   "/api/v1/members/999",
	"/api/v1/carers/:id/health-assessments": "/api/v1/carers/999/health-assessments",
	"/api/v1/health-assessments/:id":        "/api/v1/health-assessments/999",
	"/api/v1/carers/:id/dbs-checks":         "/api/v1/carers/999/dbs-checks",
	"/api/v1/members/:id/dbs-checks":        "/api/v1/members/999/dbs-checks",
	"/api/v1/dbs-checks/:id":                "/api/v1/dbs-checks/999",

	// Courses, training records, visits and placements.
	"/api/v1/carers/:id/training":       "/api/v1/carers/999/training",
	"/api/v1/training/:id":              "/api/v1/training/999",
	"/api/v1/households/:id/visits":     "/api/v1/households/999/visits",
	"/api/v1/visits/:id":                "/api/v1/visits/999",
	"/api/v1/households/:id/placements": "/api/v1/households/999/placements",
	"/api/v1/placements/:id":            "/api/v1/placements/999",

	// Reviews and their contributions, panels and their items, approval terms.
	"/api/v1/households/:id/reviews":        "/api/v1/households/999/reviews",
	"/api/v1/reviews/:id":                   "/api/v1/reviews/999",
	"/api/v1/reviews/:id/contributions":     "/api/v1/reviews/999/contributions",
	"/api/v1/reviews/:id/decision":          "/api/v1/reviews/999/decision",
	"/api/v1/reviews/:id/determination":     "/api/v1/reviews/999/determination",
	"/api/v1/reviews/:id/views":             "/api/v1/reviews/999/views",
	"/api/v1/reviews/:id/pack":              "/api/v1/reviews/999/pack",
	"/api/v1/panels/:id/packs":              "/api/v1/panels/999/packs",
	"/api/v1/contributions/:id":             "/api/v1/contributions/999",
	"/api/v1/panels/:id":                    "/api/v1/panels/999",
	"/api/v1/panels/:id/items":              "/api/v1/panels/999/items",
	"/api/v1/panel-items/:id":               "/api/v1/panel-items/999",
	"/api/v1/households/:id/approval-terms": "/api/v1/households/999/approval-terms",
	"/api/v1/approval-terms/:id":            "/api/v1/approval-terms/999",

	"/api/v1/households/:id/compliance": "/api/v1/households/999/compliance",
	"/api/v1/courses/:id":               "/api/v1/courses/999",
	"/api/v1/households/:id":            "/api/v1/households/999"}

// TestEveryRouteHasItsAccess enumerates every registered route and asks it
// as someone signed out and as each role, expecting exactly the access in
// expectedAccess: refused (401, 403 or sent to sign in) or not.
func TestEveryRouteHasItsAccess(t *testing.T) {
	t.Parallel()
	st := storetest.New(t, dialect.SQLite)
	cfg, _ := config.Load(func(string) string { return "" })
	s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
	if err != nil {
		t.Fatal(err)
	}
	users := map[string]int{}
	for _, role := range roles {
		users[role] = mustCreateUser(t, st.Client, role+"@example.org", role).ID
	}
	seen := map[string]bool{}
	for _, r := range s.app.GetRoutes(true) {
		if r.Method == http.MethodHead {
			continue // Fiber adds HEAD for each GET, with the same handlers
		}
		key := r.Method + " " + r.Path
		seen[key] = true
		if _, ok := s.policies[key]; !ok {
			t.Errorf("%s: registered without an access policy (use s.route)", key)
		}
		want, ok := expectedAccess[key]
		if !ok {
			t.Errorf("%s: no expected access in this test; add it to expectedAccess", key)
			continue
		}
		for _, who := range everyone {
			allowed := s.tryRoute(t, r.Method, r.Path, who, users)
			if wanted := slices.Contains(want, who); allowed != wanted {
				t.Errorf("%s as %s: allowed = %v, want %v", key, who, allowed, wanted)
			}
		}
	}
	for key := range expectedAccess {
		if !seen[key] {
			t.Errorf("%s is expected but not registered", key)
		}
	}
}

// tryRoute requests method path as who and reports whether access was
// granted.
func (s *Server) tryRoute(t *testing.T, method, path, who string, users map[string]int) bool {
	t.Helper()
	b := newBrowser(t, s)
	csrf := ""
	if who == anonymous {
		b.get("/sign-in")
		csrf = b.csrf
	} else {
		id, full := users[who], true
		if who == passwordOnly {
			id, full = users["ssw"], false
		}
		token, err := s.Sessions.Start(context.Background(), id, full, "", "")
		if err != nil {
			t.Fatal(err)
		}
		b.cookies[httpx.SessionCookie] = token
		csrf = httpx.SessionCSRF(token)
	}
	if p, ok := examplePaths[path]; ok {
		path = p
	}
	var req *http.Request
	if method == http.MethodGet {
		req = httptest.NewRequest(method, path, nil)
	} else {
		req = httptest.NewRequest(method, path, strings.NewReader(url.Values{"csrf_token": {csrf}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	resp, body := b.do(req)
	switch {
	case resp.StatusCode == http.StatusUnauthorized, resp.StatusCode == http.StatusForbidden:
		return false
	case resp.StatusCode == http.StatusSeeOther && slices.Contains([]string{"/sign-in", "/sign-in/code", "/account/mfa"}, resp.Header.Get("Location")):
		return false // sent to sign in, or to finish signing in
	case resp.StatusCode >= 500:
		t.Errorf("%s %s as %s: %d %s", method, path, who, resp.StatusCode, body)
	}
	return true
}

// TestHomeShowsOnlyYourOwn shows a carer's start page has their household
// and no other, and a panel member's only the panels they sit on.
func TestHomeShowsOnlyYourOwn(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	ctx := context.Background()
	var households []int
	carerUser := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	storetest.Write(t, st.Client, func(tx *ent.Client) error {
		for i := 1; i <= 2; i++ {
			h := tx.Household.Create().SetReference(fmt.Sprintf("FH-000%d", i)).SetAddressLine1("1 Fore Street").
				SetTown("Totnes").SetPostcode("TQ9 5RP").SetStatus("approved").SaveX(ctx)
			households = append(households, h.ID)
		}
		tx.Carer.Create().SetHouseholdID(households[0]).SetFirstName("Zoë").SetLastName("Ó Briain").SetUserID(carerUser.ID).ExecX(ctx)
		return tx.Carer.Create().SetHouseholdID(households[1]).SetFirstName("Łukasz").SetLastName("Wróblewski").Exec(ctx)
	})
	carerBrowser := newBrowser(t, s)
	carerBrowser.signIn("zoe@example.net", testPassword)
	_, page := carerBrowser.get("/")
	if !strings.Contains(page, "FH-0001") || !strings.Contains(page, "Zoë Ó Briain") {
		t.Error("the carer's page lacks their own household")
	}
	if strings.Contains(page, "FH-0002") || strings.Contains(page, "Łukasz") || strings.Contains(page, "Households by status") {
		t.Error("the carer's page shows someone else's household or the service summary")
	}

	member := mustCreateUser(t, st.Client, "panel@example.org", "panel_member")
	storetest.Write(t, st.Client, func(tx *ent.Client) error {
		tx.Panel.Create().SetName("Panel they sit on").SetMeetsOn(todayPlus(30)).AddMemberIDs(member.ID).ExecX(ctx)
		return tx.Panel.Create().SetName("Panel they do not sit on").SetMeetsOn(todayPlus(30)).Exec(ctx)
	})
	panelBrowser := newBrowser(t, s)
	panelBrowser.signIn("panel@example.org", testPassword)
	_, page = panelBrowser.get("/")
	if !strings.Contains(page, "Panel they sit on") || strings.Contains(page, "Panel they do not sit on") {
		t.Errorf("panel member's page: sits-on shown %v, other shown %v",
			strings.Contains(page, "Panel they sit on"), strings.Contains(page, "do not sit on"))
	}
	if resp, _ := panelBrowser.get("/api/v1/status"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("panel member reading the service summary API: %d, want 403", resp.StatusCode)
	}
}

func todayPlus(days int) civil.Date { return civil.Today(time.Now()).AddDays(days) }

// TestNoRouteFailsForATokenOfAnyRole requests every route with an API
// token of each role: a token has no account behind it, so a page that
// assumed a signed-in person would crash. None may answer 5xx.
func TestNoRouteFailsForATokenOfAnyRole(t *testing.T) {
	t.Parallel()
	st := storetest.New(t, dialect.SQLite)
	cfg, _ := config.Load(func(string) string { return "" })
	s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
	if err != nil {
		t.Fatal(err)
	}
	tried := 0
	for _, role := range roles {
		token, _, err := auth.CreateToken(t.Context(), st.Client, registry.System("test"),
			auth.NewToken{Name: "test " + role, Role: role}, time.Now())
		if err != nil {
			continue // tokens are not issued for every role
		}
		api := apiClient{t: t, s: s, token: token}
		for _, r := range s.app.GetRoutes(true) {
			if r.Method == http.MethodHead {
				continue
			}
			path := r.Path
			if p, ok := examplePaths[path]; ok {
				path = p
			}
			tried++
			if resp, body := api.send(r.Method, path, ""); resp.StatusCode >= 500 {
				t.Errorf("%s %s with a %s token: %d %.200s", r.Method, path, role, resp.StatusCode, body)
			}
		}
	}
	if tried == 0 {
		t.Fatal("no token could be made")
	}
}
