package server

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/ui"
)

var recoveryCodeText = regexp.MustCompile(`<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>`)

// passwordStep signs in with the password only and returns where Hearth
// sends the browser next.
func (b *browser) passwordStep(email string) string {
	b.t.Helper()
	b.get("/sign-in")
	resp, body := b.post("/sign-in", url.Values{"email": {email}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("password step: %d %s", resp.StatusCode, body)
	}
	return resp.Header.Get("Location")
}

// TestStaffMustEnrol shows a member of staff without a second factor gets
// nowhere but enrolment; a wrong code is refused; the right one turns MFA
// on, shows ten recovery codes once and finishes signing in.
func TestStaffMustEnrol(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	b := newBrowser(t, s)
	if next := b.passwordStep("ssw@example.org"); next != "/account/mfa" {
		t.Fatalf("after the password: %s, want /account/mfa", next)
	}
	if resp, _ := b.get("/"); resp.Header.Get("Location") != "/account/mfa" {
		t.Errorf("home before enrolment: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := b.get("/account/mfa")
	if resp.StatusCode != 200 || !strings.Contains(body, `src="data:image/png;base64,`) {
		t.Fatalf("enrolment page: %d, QR shown %v", resp.StatusCode, strings.Contains(body, "data:image/png"))
	}
	secret := b.user("ssw@example.org").MfaPendingSecret
	if !strings.Contains(body, ui.GroupSecret(secret)) {
		t.Error("the key to type in is not shown")
	}
	if resp, body := b.post("/account/mfa", url.Values{"code": {"000000"}}); resp.StatusCode != 422 ||
		!strings.Contains(body, "Enter the 6-digit code your authenticator app shows now") {
		t.Errorf("wrong first code: %d", resp.StatusCode)
	}
	resp, body = b.post("/account/mfa", url.Values{"code": {mustCode(t, secret)}})
	codes := recoveryCodeText.FindAllStringSubmatch(body, -1)
	if resp.StatusCode != 200 || len(codes) != 10 {
		t.Fatalf("confirm: %d with %d recovery codes", resp.StatusCode, len(codes))
	}
	if resp, _ := b.post("/sign-out", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("sign out from the recovery-codes page's form: %d, want 303", resp.StatusCode)
	}
	b.signIn("ssw@example.org", testPassword)
	if resp, _ := b.get("/"); resp.StatusCode != 200 {
		t.Errorf("home after enrolment: %d", resp.StatusCode)
	}
	u := b.user("ssw@example.org")
	if u.MfaEnabledAt == nil || u.MfaSecret != secret || u.MfaPendingSecret != "" {
		t.Errorf("user after enrolment: enabled %v, secret kept %v", u.MfaEnabledAt, u.MfaSecret == secret)
	}
	assertNoSecretsInAudit(t, s, secret, codes[0][1])
}

// TestSecondFactor shows an enrolled person needs the code after the
// password; the password-only session opens nothing else and is replaced
// by a new one; the same code cannot be used twice.
func TestSecondFactor(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	newBrowser(t, s).signIn("ssw@example.org", testPassword) // enrols
	b := newBrowser(t, s)
	if next := b.passwordStep("ssw@example.org"); next != "/sign-in/code" {
		t.Fatalf("after the password: %s", next)
	}
	partial := b.cookies[httpx.SessionCookie]
	if resp, _ := b.get("/api/v1/status"); resp.StatusCode != 401 {
		t.Errorf("API with the password only: %d, want 401", resp.StatusCode)
	}
	b.get("/sign-in/code")
	if resp, _ := b.post("/sign-in/code", url.Values{"code": {"123456"}}); resp.StatusCode != 422 {
		t.Errorf("wrong code: %d", resp.StatusCode)
	}
	st.Client.User.Update().SetMfaLastStep(0).ExecX(t.Context())
	code := mustCode(t, b.user("ssw@example.org").MfaSecret)
	resp, _ := b.post("/sign-in/code", url.Values{"code": {code}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("right code: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if b.cookies[httpx.SessionCookie] == partial {
		t.Error("the session token did not change after the second factor")
	}
	if resp, _ := b.get("/"); resp.StatusCode != 200 {
		t.Errorf("home: %d", resp.StatusCode)
	}
	again := newBrowser(t, s)
	again.passwordStep("ssw@example.org")
	again.get("/sign-in/code")
	if resp, _ := again.post("/sign-in/code", url.Values{"code": {code}}); resp.StatusCode != 422 {
		t.Errorf("replayed code: %d, want 422", resp.StatusCode)
	}
	n := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionLoginFailed)).CountX(t.Context())
	if n != 2 {
		t.Errorf("failed second factors audited: %d, want 2", n)
	}
}

// TestPasswordAloneCannotReEnrol shows that someone with only the password
// of an account that has an authenticator cannot enrol another one in its
// place (which would sign them in and lock the owner out): the enrolment
// page and form send them to the code step, and nothing about the account
// changes.
func TestPasswordAloneCannotReEnrol(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	newBrowser(t, s).signIn("ssw@example.org", testPassword) // the owner enrols
	before := newBrowser(t, s).user("ssw@example.org")
	b := newBrowser(t, s)
	b.passwordStep("ssw@example.org")
	if resp, _ := b.get("/account/mfa"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sign-in/code" {
		t.Errorf("enrolment page with the password only: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// An attacker's own authenticator key, tried as if one were pending.
	st.Client.User.UpdateOneID(before.ID).SetMfaPendingSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").ExecX(t.Context())
	b.get("/sign-in/code") // a page of this session, for its form token
	resp, _ := b.post("/account/mfa", url.Values{"code": {mustCode(t, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sign-in/code" {
		t.Errorf("enrolment form with the password only: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := b.get("/"); resp.StatusCode == 200 {
		t.Error("signed in with the password alone")
	}
	if after := b.user("ssw@example.org"); after.MfaSecret != before.MfaSecret {
		t.Error("the owner's authenticator was replaced")
	}
}

// TestSignedInCannotReplaceAuthenticator shows that a fully signed-in
// person (or whoever holds their open session) cannot swap the account's
// authenticator for another: 409 with the way to do it (an administrator's
// reset), and the secret stays the same.
func TestSignedInCannotReplaceAuthenticator(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	b := newBrowser(t, s)
	b.signIn("ssw@example.org", testPassword) // enrols, fully signed in
	before := b.user("ssw@example.org")
	resp, body := b.get("/account/mfa")
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "ask an administrator to reset your second factor") {
		t.Errorf("enrolment page when enrolled: %d", resp.StatusCode)
	}
	b.get("/")
	st.Client.User.UpdateOneID(before.ID).SetMfaPendingSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").ExecX(t.Context())
	if resp, _ := b.post("/account/mfa", url.Values{"code": {mustCode(t, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("enrolment form when enrolled: %d, want 409", resp.StatusCode)
	}
	if after := b.user("ssw@example.org"); after.MfaSecret != before.MfaSecret {
		t.Error("the authenticator was replaced from an open session")
	}
}

// TestRecoveryCodes shows a recovery code signs in once and only once.
func TestRecoveryCodes(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	enrol := newBrowser(t, s)
	enrol.passwordStep("ssw@example.org")
	enrol.get("/account/mfa")
	_, body := enrol.post("/account/mfa", url.Values{"code": {mustCode(t, enrol.user("ssw@example.org").MfaPendingSecret)}})
	recovery := recoveryCodeText.FindStringSubmatch(body)[1]
	for i, want := range []int{http.StatusSeeOther, 422} {
		b := newBrowser(t, s)
		b.passwordStep("ssw@example.org")
		b.get("/sign-in/code")
		typed := strings.ToLower(strings.ReplaceAll(recovery, "-", " ")) // as someone might type it
		if resp, _ := b.post("/sign-in/code", url.Values{"code": {typed}}); resp.StatusCode != want {
			t.Errorf("use %d of a recovery code: %d, want %d", i+1, resp.StatusCode, want)
		}
	}
}

// TestSecondFactorLockout shows five wrong codes lock the code step.
func TestSecondFactorLockout(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	newBrowser(t, s).signIn("ssw@example.org", testPassword)
	b := newBrowser(t, s)
	b.passwordStep("ssw@example.org")
	b.get("/sign-in/code")
	for i := 0; i < 5; i++ {
		b.post("/sign-in/code", url.Values{"code": {"999999"}})
	}
	st.Client.User.Update().SetMfaLastStep(0).ExecX(t.Context())
	resp, body := b.post("/sign-in/code", url.Values{"code": {mustCode(t, b.user("ssw@example.org").MfaSecret)}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many wrong codes") {
		t.Errorf("right code after five wrong ones: %d", resp.StatusCode)
	}
}

// TestCarerMayChooseMFA shows a carer signs in with a password alone until
// they turn the second factor on, and then needs it.
func TestCarerMayChooseMFA(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	b := newBrowser(t, s)
	if next := b.passwordStep("zoe@example.net"); next != "/" {
		t.Fatalf("carer after the password: %s, want /", next)
	}
	b.get("/account/mfa")
	if resp, _ := b.post("/account/mfa", url.Values{"code": {mustCode(t, b.user("zoe@example.net").MfaPendingSecret)}}); resp.StatusCode != 200 {
		t.Fatalf("carer enrolment: %d", resp.StatusCode)
	}
	if next := newBrowser(t, s).passwordStep("zoe@example.net"); next != "/sign-in/code" {
		t.Errorf("carer with MFA after the password: %s, want /sign-in/code", next)
	}
}
