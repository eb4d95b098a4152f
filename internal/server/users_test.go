package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/recoverycode"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
)

// TestAdminManagesUsers shows an administrator creating an account (with a
// password generated and shown once), listing accounts without secrets,
// deactivating one (its sessions end at once) and resetting a lost second
// factor (enrolment again at the next sign-in).
func TestAdminManagesUsers(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	admin := signedInAdmin(t, s)
	resp, body := admin.sendJSON("POST", "/api/v1/users", `{"email": "Rhiannon.Pryce@Example.org", "name": "Rhiannon Pryce", "role": "ssw"}`)
	var created jsonapi.UserJSON
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &created) != nil {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	if created.Email != "rhiannon.pryce@example.org" || len(created.Password) < 20 || created.MFAEnabled {
		t.Errorf("created = %+v", created)
	}
	_, list := admin.get("/api/v1/users")
	if strings.Contains(list, created.Password) || strings.Contains(list, "argon2") || !strings.Contains(list, "Rhiannon Pryce") {
		t.Error("the account list shows a secret, or lacks the new account")
	}

	ssw := newBrowser(t, s)
	ssw.signIn("rhiannon.pryce@example.org", created.Password) // enrols as well
	if n := st.Client.RecoveryCode.Query().Where(recoverycode.UserID(created.ID)).CountX(t.Context()); n != 10 {
		t.Fatalf("recovery codes after enrolment: %d", n)
	}
	if resp, _ := admin.sendJSON("POST", fmt.Sprintf("/api/v1/users/%d/reset-mfa", created.ID), ""); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("reset MFA: %d", resp.StatusCode)
	}
	if resp, _ := ssw.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("session survived an MFA reset: %d", resp.StatusCode)
	}
	if n := st.Client.RecoveryCode.Query().Where(recoverycode.UserID(created.ID)).CountX(t.Context()); n != 0 {
		t.Errorf("recovery codes after reset: %d", n)
	}
	if next := newBrowser(t, s).passwordStepWith("rhiannon.pryce@example.org", created.Password); next != "/account/mfa" {
		t.Errorf("after a reset the password leads to %s, want enrolment", next)
	}

	ssw = newBrowser(t, s)
	ssw.signIn("rhiannon.pryce@example.org", created.Password)
	if resp, body := admin.sendJSON("POST", fmt.Sprintf("/api/v1/users/%d/deactivate", created.ID), ""); resp.StatusCode != http.StatusOK ||
		!strings.Contains(body, `"active":false`) || !strings.Contains(body, `"tokens_revoked":0`) {
		t.Fatalf("deactivate: %d %s", resp.StatusCode, body)
	}
	if resp, _ := ssw.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a deactivated account's session still works: %d", resp.StatusCode)
	}
	if next := newBrowser(t, s).passwordStepWith("rhiannon.pryce@example.org", created.Password); next != "" {
		t.Errorf("a deactivated account signed in (to %s)", next)
	}
	adminID := admin.user("admin@example.org").ID
	if resp, _ := admin.sendJSON("POST", fmt.Sprintf("/api/v1/users/%d/deactivate", adminID), ""); resp.StatusCode != http.StatusConflict {
		t.Errorf("deactivating yourself: %d, want 409", resp.StatusCode)
	}
}

// TestUserCreateRejectsBadInput shows each bad field named and nothing
// created.
func TestUserCreateRejectsBadInput(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	admin := signedInAdmin(t, s)
	before := st.Client.User.Query().CountX(t.Context())
	tests := []struct{ name, body, field string }{
		{"ErrEmail", `{"email": "nope", "name": "N", "role": "ssw"}`, "email"},
		{"ErrRole", `{"email": "n@example.org", "name": "N", "role": "superuser"}`, "role"},
		{"ErrWeakPassword", `{"email": "n@example.org", "name": "N", "role": "ssw", "password": "password1234"}`, "password"},
		{"ErrDuplicate", `{"email": "ADMIN@example.org", "name": "N", "role": "ssw"}`, "email"},
		{"ErrUnknownField", `{"email": "n@example.org", "name": "N", "role": "ssw", "mfa_secret": "x"}`, "mfa_secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := admin.sendJSON("POST", "/api/v1/users", tt.body)
			if p := decodeProblem(t, resp, body); resp.StatusCode/100 != 4 || p.Fields[tt.field] == "" {
				t.Errorf("%d %+v; want a 4xx naming %s", resp.StatusCode, p, tt.field)
			}
		})
	}
	if after := st.Client.User.Query().CountX(t.Context()); after != before {
		t.Errorf("users %d → %d after bad requests", before, after)
	}
}

// passwordStepWith is passwordStep with a given password; it returns ""
// when the password is refused.
func (b *browser) passwordStepWith(email, password string) string {
	b.t.Helper()
	b.get("/sign-in")
	resp, _ := b.post("/sign-in", map[string][]string{"email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		return ""
	}
	return resp.Header.Get("Location")
}
