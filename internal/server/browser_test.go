package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
)

// browser keeps cookies between requests to the app, as a real one does,
// and reads the CSRF token from the last form it saw.
type browser struct {
	t       *testing.T
	s       *Server
	cookies map[string]string
	csrf    string
}

func newBrowser(t *testing.T, s *Server) *browser {
	return &browser{t: t, s: s, cookies: map[string]string{}}
}

var csrfInput = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func (b *browser) do(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	for name, value := range b.cookies {
		req.AddCookie(&http.Cookie{Name: name, Value: value})
	}
	resp, body := do(b.t, b.s, req)
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	if i := strings.Index(body, "template: "); i >= 0 && strings.Contains(body, "executing") {
		b.t.Errorf("%s %s: a template failed: %.200s", req.Method, req.URL.Path, body[i:])
	}
	if m := csrfInput.FindStringSubmatch(body); m != nil {
		b.csrf = m[1]
	}
	return resp, body
}

func (b *browser) get(path string) (*http.Response, string) {
	b.t.Helper()
	return b.do(httptest.NewRequest("GET", path, nil))
}

// post submits a form as a same-origin browser would, with the CSRF token
// of the last page seen unless form sets csrf_token itself.
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, set := form["csrf_token"]; !set {
		form.Set("csrf_token", b.csrf)
	}
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

// signIn signs b in through the forms, as a person with an authenticator
// app would: the password, then the app's code, or enrolment for staff who
// have no second factor yet. It fails the test if it cannot.
func (b *browser) signIn(email, password string) {
	b.t.Helper()
	b.get("/sign-in")
	resp, body := b.post("/sign-in", url.Values{"email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("sign in as %s: %d %s", email, resp.StatusCode, body)
	}
	switch next := resp.Header.Get("Location"); next {
	case "/":
		return
	case "/sign-in/code":
		b.get(next)
		u := b.user(email)
		// Tests sign in faster than codes change; forget the last step so
		// the current code is not taken for a replay.
		b.s.Store.Client.User.UpdateOneID(u.ID).SetMfaLastStep(0).ExecX(context.Background())
		resp, body = b.post(next, url.Values{"code": {mustCode(b.t, u.MfaSecret)}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
			b.t.Fatalf("second factor for %s: %d %s", email, resp.StatusCode, body)
		}
	case "/account/mfa":
		b.get(next)
		resp, body = b.post(next, url.Values{"code": {mustCode(b.t, b.user(email).MfaPendingSecret)}})
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Save your recovery codes") {
			b.t.Fatalf("enrolment for %s: %d %s", email, resp.StatusCode, body)
		}
	default:
		b.t.Fatalf("sign in as %s: unexpected redirect to %s", email, next)
	}
}

func (b *browser) user(email string) *ent.User {
	return b.s.Store.Client.User.Query().Where(user.Email(email)).OnlyX(context.Background())
}

func mustCode(t *testing.T, secret string) string {
	t.Helper()
	code, err := auth.TOTPCode(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return code
}

const testPassword = "cobalt lantern harbour"

func mustCreateUser(t *testing.T, client *ent.Client, email, role string) *ent.User {
	t.Helper()
	u, err := auth.CreateUser(context.Background(), client, registry.System("test"),
		auth.NewUser{Email: email, Name: "Test " + role, Role: role, Password: testPassword})
	if err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

// signedIn returns a browser signed in as a new manager.
func signedIn(t *testing.T, s *Server) *browser {
	t.Helper()
	mustCreateUser(t, s.Store.Client, "manager@example.org", "manager")
	b := newBrowser(t, s)
	b.signIn("manager@example.org", testPassword)
	return b
}
