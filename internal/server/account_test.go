package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestChangePassword shows a password change needs the current password,
// follows the policy, keeps this session and ends the others, and never
// echoes a password back into the page.
func TestChangePassword(t *testing.T) {
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
