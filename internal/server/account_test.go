package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/auth"
)

// TestChangePassword shows a password change needs the current password,
// follows the policy, keeps this session and ends the others, and never
// echoes a password back into the page.
func TestChangePassword(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	here, elsewhere := newBrowser(t, s), newBrowser(t, s)
	here.signIn("zoe@example.net", testPassword)
	elsewhere.signIn("zoe@example.net", testPassword)
	here.get("/account/password")
	tests := []struct{ name, current, next, confirm, field string }{
		{"ErrCurrent", "not my password", "violet orchard compass", "violet orchard compass", "current_password"},
		{"ErrWeak", testPassword, "password12345", "password12345", "new_password"},
		{"ErrSame", testPassword, testPassword, testPassword, "new_password"},
		{"ErrConfirm", testPassword, "violet orchard compass", "violet orchard compas", "confirm_password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := here.post("/account/password", url.Values{
				"current_password": {tt.current}, "new_password": {tt.next}, "confirm_password": {tt.confirm}})
			if resp.StatusCode != 422 || !strings.Contains(body, `href="#`+tt.field+`"`) {
				t.Errorf("%d; error summary names %s: %v", resp.StatusCode, tt.field, strings.Contains(body, `href="#`+tt.field+`"`))
			}
			if strings.Contains(body, "violet orchard") || strings.Contains(body, `value="`+testPassword) {
				t.Error("a password was echoed back into the page")
			}
		})
	}
	resp, _ := here.post("/account/password", url.Values{
		"current_password": {testPassword}, "new_password": {"violet orchard compass"}, "confirm_password": {"violet orchard compass"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", resp.StatusCode)
	}
	if resp, _ := here.get("/"); resp.StatusCode != 200 {
		t.Errorf("this session ended: %d", resp.StatusCode)
	}
	if resp, _ := elsewhere.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the other session survived the change: %d", resp.StatusCode)
	}
	if next := newBrowser(t, s).passwordStepWith("zoe@example.net", testPassword); next != "" {
		t.Error("the old password still works")
	}
	newBrowser(t, s).signIn("zoe@example.net", "violet orchard compass")
}

// TestCarerIsOfferedMFA shows a carer without a second factor is pointed
// to it from their page, and not once they have one.
func TestCarerIsOfferedMFA(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	b := newBrowser(t, s)
	b.signIn("zoe@example.net", testPassword)
	if _, page := b.get("/"); !strings.Contains(page, `href="/account/mfa"`) {
		t.Error("no link to two-factor sign-in")
	}
	b.get("/account/mfa")
	b.post("/account/mfa", url.Values{"code": {mustCode(t, b.user("zoe@example.net").MfaPendingSecret)}})
	if _, page := b.get("/"); strings.Contains(page, `href="/account/mfa"`) {
		t.Error("still offered after turning it on")
	}
}

// TestPasswordChangeThrottled shows the current-password box guarded as
// sign-in is: each wrong current password is audited as a failed sign-in
// and counts towards the account's lockout, after which even the right
// one is refused (429) and the password stays as it was.
func TestPasswordChangeThrottled(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	b := newBrowser(t, s)
	b.signIn("zoe@example.net", testPassword)
	b.get("/account/password")
	change := func(current string) int {
		resp, _ := b.post("/account/password", url.Values{
			"current_password": {current}, "new_password": {"violet orchard compass"}, "confirm_password": {"violet orchard compass"}})
		return resp.StatusCode
	}
	for i := range s.Throttle.PerAccount {
		if status := change("not my password at all"); status != 422 {
			t.Fatalf("wrong current password %d: %d, want 422", i+1, status)
		}
	}
	if status := change(testPassword); status != http.StatusTooManyRequests {
		t.Errorf("right password after %d wrong ones: %d, want 429", s.Throttle.PerAccount, status)
	}
	failed := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionLoginFailed)).CountX(t.Context())
	if failed != s.Throttle.PerAccount+1 {
		t.Errorf("%d failures audited, want %d (each wrong password and the locked-out attempt)", failed, s.Throttle.PerAccount+1)
	}
	if u := b.user("zoe@example.net"); auth.VerifyPassword(u.PasswordHash, testPassword) != nil {
		t.Error("the password changed while locked out")
	}
}
