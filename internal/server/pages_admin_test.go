package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/user"
)

// TestAdminManagesUsersInTheBrowser shows an administrator adding an
// account through the page (each bad field refused beside it, nothing
// written, the typed name and email kept; the password never shown back),
// deactivating one, and reading the audit trail filtered to accounts.
func TestAdminManagesUsersInTheBrowser(t *testing.T) {
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
