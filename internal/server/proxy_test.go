package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestTrustedProxies shows the X-Forwarded headers believed only from the
// proxies named in HEARTH_TRUSTED_PROXIES. From a trusted proxy, a request
// the client sent over TLS gets HSTS and Secure cookies (the form's and the
// session's), and the client's
// own address (not the proxy's, nor one the client made up) is what sign-in
// throttling and the audit record. From anyone else the same headers
// change nothing.
func TestTrustedProxies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, trusted, forwardedFor string
		https                       bool
		address                     string
	}{
		{"NoProxyConfigured", "", "203.0.113.9", false, "127.0.0.1"},
		{"OtherProxyTrusted", "10.0.0.0/8", "203.0.113.9", false, "127.0.0.1"},
		{"ThisProxyTrusted", "127.0.0.1", "203.0.113.9", true, "203.0.113.9"},
		// The client prepended a made-up address; the proxy appended the
		// one it saw. The right-most address that is not a proxy wins.
		{"SpoofedChain", "127.0.0.0/8", "198.51.100.1, 203.0.113.9", true, "203.0.113.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := storetest.New(t, "sqlite3")
			cfg, err := config.Load(func(name string) string {
				if name == "HEARTH_TRUSTED_PROXIES" {
					return tt.trusted
				}
				return ""
			})
			if err != nil {
				t.Fatal(err)
			}
			s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
			if err != nil {
				t.Fatal(err)
			}
			base, _, _ := serveOnLoopback(t, s)
			send := func(method, path string, body url.Values, cookies []*http.Cookie) *http.Response {
				req, _ := http.NewRequest(method, base+path, strings.NewReader(body.Encode()))
				req.Header.Set("X-Forwarded-For", tt.forwardedFor)
				req.Header.Set("X-Forwarded-Proto", "https")
				req.Header.Set("Sec-Fetch-Site", "same-origin")
				if body != nil {
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				for _, c := range cookies {
					req.AddCookie(c)
				}
				resp, err := http.DefaultTransport.RoundTrip(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp
			}
			form := send("GET", "/sign-in", nil, nil)
			if hsts := form.Header.Get("Strict-Transport-Security") != ""; hsts != tt.https {
				t.Errorf("HSTS sent: %v, want %v", hsts, tt.https)
			}
			cookies := form.Cookies()
			if len(cookies) == 0 || cookies[0].Secure != tt.https {
				t.Fatalf("cookies %v: want Secure %v", cookies, tt.https)
			}
			// A failed sign-in is audited with the client's address.
			send("POST", "/sign-in", url.Values{"csrf_token": {cookies[0].Value}, "email": {"nobody@example.org"},
				"password": {"not the password at all"}}, cookies)
			failed := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionLoginFailed)).OnlyX(t.Context())
			if failed.ClientAddress != tt.address {
				t.Errorf("audited from %q, want %q", failed.ClientAddress, tt.address)
			}
			// And the session cookie of a sign-in (a carer: no second factor).
			mustCreateUser(t, st.Client, "zoe@example.net", "carer")
			signedIn := send("POST", "/sign-in", url.Values{"csrf_token": {cookies[0].Value}, "email": {"zoe@example.net"},
				"password": {testPassword}}, cookies)
			var session *http.Cookie
			for _, c := range signedIn.Cookies() {
				if c.Name == httpx.SessionCookie {
					session = c
				}
			}
			if session == nil || session.Secure != tt.https || !session.HttpOnly {
				t.Errorf("session cookie %v: want Secure %v and HttpOnly", session, tt.https)
			}
		})
	}
}
