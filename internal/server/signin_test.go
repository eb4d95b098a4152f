package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// TestSignedOutIsSentToSignIn shows pages redirect to sign-in and the API
// answers 401 for anyone not signed in.
func TestSignedOutIsSentToSignIn(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	b := newBrowser(t, s)
	if resp, _ := b.get("/"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sign-in" {
		t.Errorf("GET /: %d %q, want 303 /sign-in", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := b.get("/api/v1/status")
	if p := decodeProblem(t, resp, body); resp.StatusCode != 401 || p.Code != "unauthenticated" {
		t.Errorf("GET /api/v1/status: %d %+v", resp.StatusCode, p)
	}
}

// TestSignIn shows a successful sign-in: a fresh HttpOnly, SameSite=Lax
// session cookie, the person's name on the page, and an audit entry that
// holds no password.
func TestSignIn(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "zoe@example.org", "carer") // a carer may sign in with a password alone
	b := newBrowser(t, s)
	resp, body := b.get("/sign-in")
	if resp.StatusCode != 200 || firstText(t, body, "h1") != "Sign in to Hearth" || b.csrf == "" {
		t.Fatalf("sign-in page: %d, h1 %q, csrf %q", resp.StatusCode, firstText(t, body, "h1"), b.csrf)
	}
	resp, _ = b.post("/sign-in", url.Values{"email": {" ZOE@example.org "}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("sign in: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == httpx.SessionCookie {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || len(cookie.Value) != 43 {
		t.Fatalf("session cookie = %+v", cookie)
	}
	resp, body = b.get("/")
	if resp.StatusCode != 200 || !strings.Contains(body, "Test carer") {
		t.Errorf("home after sign-in: %d, name shown: %v", resp.StatusCode, strings.Contains(body, "Test carer"))
	}
	events := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionLogin)).AllX(t.Context())
	if len(events) != 1 || events[0].ActorID == nil || events[0].ClientAddress == "" {
		t.Errorf("login audit = %+v", events)
	}
	assertNoSecretsInAudit(t, s, testPassword, cookie.Value)
}

// TestSignInFailures shows every failure gives the same answer, keeps the
// email typed, and is audited; an unknown address is indistinguishable
// from a wrong password.
func TestSignInFailures(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "zoe@example.org", "ssw")
	tests := []struct {
		name, email, password, want string
		status                      int
	}{
		{"ErrWrongPassword", "zoe@example.org", "cobalt lantern harbor", "Enter a correct email address and password", 422}, //nolint:misspell // testPassword, spelt wrong on purpose
		{"ErrNoSuchAccount", "nobody@example.org", testPassword, "Enter a correct email address and password", 422},
		{"ErrEmpty", "", "", "Enter your email address", 422},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t, s)
			b.get("/sign-in")
			resp, body := b.post("/sign-in", url.Values{"email": {tt.email}, "password": {tt.password}})
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if got := firstText(t, body, "a"); !strings.Contains(body, tt.want) || got == "" {
				t.Errorf("error summary missing %q", tt.want)
			}
			if tt.email != "" && !strings.Contains(body, `value="`+tt.email+`"`) {
				t.Error("the email typed was not kept")
			}
			if _, ok := b.cookies[httpx.SessionCookie]; ok {
				t.Error("a failed sign-in set a session cookie")
			}
		})
	}
	if n := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionLoginFailed)).CountX(t.Context()); n != 2 {
		t.Errorf("login_failed events = %d, want 2", n)
	}
	assertNoSecretsInAudit(t, s, testPassword, "cobalt lantern harbor") //nolint:misspell // the wrong password above
}

// TestSignInLockout shows five failures lock the account: even the right
// password is then refused, with a 429 that says how long to wait.
func TestSignInLockout(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateUser(t, st.Client, "zoe@example.org", "ssw")
	b := newBrowser(t, s)
	b.get("/sign-in")
	for i := 0; i < 5; i++ {
		if resp, _ := b.post("/sign-in", url.Values{"email": {"zoe@example.org"}, "password": {"wrong guess number"}}); resp.StatusCode != 422 {
			t.Fatalf("failure %d: %d", i+1, resp.StatusCode)
		}
	}
	resp, body := b.post("/sign-in", url.Values{"email": {"zoe@example.org"}, "password": {testPassword}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many attempts to sign in. Wait 15 minutes") {
		t.Errorf("after lockout: %d, body mentions wait: %v", resp.StatusCode, strings.Contains(body, "Wait 15 minutes"))
	}
	if _, ok := b.cookies[httpx.SessionCookie]; ok {
		t.Error("a locked account was signed in")
	}
	other := newBrowser(t, s)
	mustCreateUser(t, st.Client, "sian@example.org", "ssw")
	other.signIn("sian@example.org", testPassword) // another account is unaffected
}

// TestCSRF shows forms without the page's token, or sent from another
// site, change nothing.
func TestCSRF(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	b := signedIn(t, s)
	b.get("/")
	tests := []struct {
		name    string
		token   string
		headers map[string]string
	}{
		{"ErrNoToken", "", nil},
		{"ErrWrongToken", "forged-token-value-forged-token-value-forge", nil},
		{"ErrCrossSite", "", map[string]string{"Sec-Fetch-Site": "cross-site"}},
		{"ErrOtherOrigin", "", map[string]string{"Sec-Fetch-Site": "", "Origin": "https://evil.example"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token := tt.token
			if tt.headers != nil {
				token = b.csrf // a real token does not help a cross-site request
			}
			req := httptest.NewRequest("POST", "/sign-out", strings.NewReader(url.Values{"csrf_token": {token}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			resp, body := b.do(req)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "This form has expired") {
				t.Errorf("status = %d, want 403", resp.StatusCode)
			}
			if resp, _ := b.get("/"); resp.StatusCode != 200 {
				t.Errorf("session ended by a forged request: GET / = %d", resp.StatusCode)
			}
		})
	}
	anonymous := newBrowser(t, s)
	anonymous.get("/sign-in")
	if resp, _ := anonymous.post("/sign-in", url.Values{"csrf_token": {""}, "email": {"manager@example.org"}, "password": {testPassword}}); resp.StatusCode != 403 {
		t.Errorf("sign-in without a token: %d, want 403", resp.StatusCode)
	}
}

// TestSignOut shows signing out ends the session for good, and signing out
// everywhere ends the other devices' sessions too.
func TestSignOut(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	laptop := signedIn(t, s)
	phone := newBrowser(t, s)
	phone.signIn("manager@example.org", testPassword)
	stolen := laptop.cookies[httpx.SessionCookie]

	laptop.get("/")
	resp, _ := laptop.post("/sign-out", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sign-in?signed-out=1" {
		t.Fatalf("sign out: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	replay := newBrowser(t, s)
	replay.cookies[httpx.SessionCookie] = stolen
	if resp, _ := replay.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a signed-out session still works: %d", resp.StatusCode)
	}
	if resp, _ := phone.get("/"); resp.StatusCode != 200 {
		t.Errorf("signing out one device ended another: %d", resp.StatusCode)
	}

	laptop.signIn("manager@example.org", testPassword)
	laptop.get("/")
	if resp, _ := laptop.post("/sign-out-everywhere", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out everywhere: %d", resp.StatusCode)
	}
	if resp, _ := phone.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the phone's session survived sign-out everywhere: %d", resp.StatusCode)
	}
}

// TestSignInRotatesSession shows signing in again ends the session the
// browser had, so a token known before sign-in is worth nothing after.
func TestSignInRotatesSession(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	b := signedIn(t, s)
	before := b.cookies[httpx.SessionCookie]
	b.get("/") // a page's token: signed in, tokens are bound to the session
	resp, _ := b.post("/sign-in", url.Values{"email": {"manager@example.org"}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in again: %d", resp.StatusCode)
	}
	if b.cookies[httpx.SessionCookie] == before {
		t.Fatal("the session token did not change at sign-in")
	}
	old := newBrowser(t, s)
	old.cookies[httpx.SessionCookie] = before
	if resp, _ := old.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the previous session still works: %d", resp.StatusCode)
	}
}

// assertNoSecretsInAudit fails if any secret appears anywhere in the audit
// table.
func assertNoSecretsInAudit(t *testing.T, s *Server, secrets ...string) {
	t.Helper()
	rows, err := s.Store.DB.Query("SELECT actor_label, COALESCE(changes, ''), entity FROM audit_events")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var label, changes, entity string
		if err := rows.Scan(&label, &changes, &entity); err != nil {
			t.Fatal(err)
		}
		for _, secret := range secrets {
			if strings.Contains(label+changes+entity, secret) {
				t.Errorf("audit holds a secret: %s %s", label, changes)
			}
		}
	}
}
