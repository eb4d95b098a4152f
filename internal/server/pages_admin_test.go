package server

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/apitoken"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/ui"
)

// TestAdminManagesUsersInTheBrowser shows an administrator adding an
// account through the page (each bad field refused beside it, nothing
// written, the typed name and email kept; the password never shown back),
// deactivating one, and reading the audit trail filtered to accounts.
func TestAdminManagesUsersInTheBrowser(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	admin := signedInAdmin(t, s)
	admin.get("/admin/users")
	good := url.Values{"name": {"Priya Hill"}, "email": {"priya@example.org"}, "role": {"ssw"}, "password": {"harbour cobalt lantern"}}
	with := func(field, value string) url.Values {
		v := url.Values{}
		for k, vs := range good {
			v[k] = vs
		}
		v.Set(field, value)
		return v
	}
	for field, form := range map[string]url.Values{
		"email":    with("email", "not an address"),
		"role":     with("role", "superuser"),
		"password": with("password", "short"),
		"name":     with("name", "  "),
	} {
		t.Run(field, func(t *testing.T) {
			before := recordsState(t, st.Client)
			resp, body := admin.post("/admin/users", form)
			if resp.StatusCode != 422 || !strings.Contains(body, `class="govuk-error-summary"`) || !strings.Contains(body, `href="#`+field+`"`) {
				t.Errorf("%d, want 422 naming %s", resp.StatusCode, field)
			}
			if strings.Contains(body, form.Get("password")) && field != "password" {
				t.Error("the password was shown back")
			}
			if field != "email" && !strings.Contains(body, `value="priya@example.org"`) {
				t.Error("the email typed was not kept")
			}
			if after := recordsState(t, st.Client); after != before {
				t.Errorf("changed: %s, then %s", before, after)
			}
		})
	}
	if resp, _ := admin.post("/admin/users", good); resp.StatusCode != 303 {
		t.Fatalf("add: %d", resp.StatusCode)
	}
	priya := st.Client.User.Query().Where(user.Email("priya@example.org")).OnlyX(t.Context())
	if priya.Role != user.RoleSsw || !priya.Active {
		t.Errorf("added %+v", priya)
	}
	if resp, _ := admin.post(fmt.Sprintf("/admin/users/%d/deactivate", priya.ID), nil); resp.StatusCode != 303 {
		t.Fatalf("deactivate: %d", resp.StatusCode)
	}
	if st.Client.User.GetX(t.Context(), priya.ID).Active {
		t.Error("still active")
	}
	_, page := admin.get(fmt.Sprintf("/admin/audit?entity=user&entity_id=%d", priya.ID))
	if n := strings.Count(page, `<tr class="govuk-table__row"><td class="govuk-table__cell">`); n != 2 ||
		!strings.Contains(page, "Create") || !strings.Contains(page, "Update") {
		t.Errorf("audit page for the account shows %d events", n)
	}
	if st.Client.AuditEvent.Query().Where(auditevent.Entity("user"), auditevent.EntityID(priya.ID)).CountX(t.Context()) != 2 {
		t.Error("the audit does not hold the creation and the deactivation")
	}
}

// TestAdminSettingsAndTokensInTheBrowser shows the settings form refusing
// words and out-of-range numbers beside the field (nothing saved) and
// saving good ones; and a token issued through the page shown once, never
// again, and revoked at once.
func TestAdminSettingsAndTokensInTheBrowser(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	admin := signedInAdmin(t, s)
	_, page := admin.get("/admin/policy")
	form := policyForm(t, page)
	for field, value := range map[string]string{"warning_days": "soon", "dbs_renewal_months": "0"} {
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set(field, value)
		expectPageRefused(t, st.Client, admin, "/admin/policy", bad, `href="#`+field+`"`)
	}
	form.Set("warning_days", "45")
	if resp, body := admin.post("/admin/policy", form); resp.StatusCode != 303 {
		t.Fatalf("save: %d %.300s", resp.StatusCode, body)
	}
	if _, page := admin.get("/admin/policy"); !strings.Contains(page, `name="warning_days" type="text" inputmode="numeric" value="45"`) {
		t.Error("the saved setting is not shown")
	}

	admin.get("/admin/tokens")
	expectPageRefused(t, st.Client, admin, "/admin/tokens", url.Values{"name": {"Payroll"}, "role": {"overlord"}}, `href="#role"`)
	resp, page := admin.post("/admin/tokens", url.Values{"name": {"Payroll export"}, "role": {"manager"}})
	m := regexp.MustCompile(`<code class="hearth-secret">([^<]+)</code>`).FindStringSubmatch(page)
	if resp.StatusCode != 200 || m == nil {
		t.Fatalf("issue: %d, token shown: %v", resp.StatusCode, m != nil)
	}
	raw := m[1]
	if _, again := admin.get("/admin/tokens"); strings.Contains(again, raw) {
		t.Error("the token is shown again")
	}
	api := apiClient{t: t, s: s, token: raw}
	if resp, _ := api.send("GET", "/api/v1/households", ""); resp.StatusCode != 200 {
		t.Fatalf("the new token does not work: %d", resp.StatusCode)
	}
	tok := st.Client.APIToken.Query().Where(apitoken.Name("Payroll export")).OnlyX(t.Context())
	if resp, _ := admin.post(fmt.Sprintf("/admin/tokens/%d/revoke", tok.ID), nil); resp.StatusCode != 303 {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	if resp, _ := api.send("GET", "/api/v1/households", ""); resp.StatusCode != 401 {
		t.Errorf("a revoked token: %d, want 401", resp.StatusCode)
	}
}

// TestCourseCatalogueInTheBrowser shows an administrator adding a course:
// a lower-case code, a code already used and a validity that is not a
// number are refused beside their fields with nothing written; a good
// course is added and listed.
func TestCourseCatalogueInTheBrowser(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	admin := signedInAdmin(t, s)
	mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
	admin.get("/training/courses")
	for field, form := range map[string]url.Values{
		"code":            {"code": {"pfa first"}, "title": {"Paediatric first aid"}, "validity_months": {"36"}},
		"validity_months": {"code": {"SAFE"}, "title": {"Safer caring"}, "validity_months": {"three years"}},
	} {
		expectPageRefused(t, st.Client, admin, "/training/courses", form, `href="#`+field+`"`)
	}
	expectPageRefused(t, st.Client, admin, "/training/courses", url.Values{"code": {"PFA"}, "title": {"Again"}, "validity_months": {"0"}},
		"is already another course")
	if resp, body := admin.post("/training/courses", url.Values{"code": {"SAFE"}, "title": {"Safer caring"}, "validity_months": {"36"},
		"mandatory": {"yes"}}); resp.StatusCode != 303 {
		t.Fatalf("add: %d %.300s", resp.StatusCode, body)
	}
	if _, page := admin.get("/training/courses?added=1"); !strings.Contains(page, "Safer caring") || !strings.Contains(page, "Every 36 months") {
		t.Error("the new course is not listed")
	}
}

// policyForm is the settings form as the page filled it: every setting's
// current value, and the version it was read at (none saved yet).
func policyForm(t *testing.T, page string) url.Values {
	t.Helper()
	form := url.Values{"version": {"0"}}
	for _, q := range ui.PolicyQuestions {
		m := regexp.MustCompile(`name="` + q.Name + `" type="text" inputmode="numeric" value="(\d+)"`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no %s on the settings page", q.Name)
		}
		form.Set(q.Name, m[1])
	}
	return form
}
