package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent"
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

// signIn signs b in through the form and fails the test if it cannot.
func (b *browser) signIn(email, password string) {
	b.t.Helper()
	b.get("/sign-in")
	resp, body := b.post("/sign-in", url.Values{"email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		b.t.Fatalf("sign in as %s: %d %s", email, resp.StatusCode, body)
	}
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
	mustCreateUser(t, s.store.Client, "manager@example.org", "manager")
	b := newBrowser(t, s)
	b.signIn("manager@example.org", testPassword)
	return b
}
