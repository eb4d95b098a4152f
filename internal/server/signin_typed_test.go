package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/signinattempt"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestFailedSignInKeepsNoTypedText types a password into the email box, on
// both databases, with and without HEARTH_SECRET_KEY: neither the audit
// trail nor the sign-in attempts hold the text, yet five such failures
// still lock that text out, on a second server sharing the database too.
// Text that is an account's address is recorded as that address.
func TestFailedSignInKeepsNoTypedText(t *testing.T) {
	t.Parallel()
	for _, key := range []struct{ name, value string }{{"NoSecretKey", ""}, {"SecretKey", "0123456789abcdef0123456789abcdef"}} {
		t.Run(key.name, func(t *testing.T) {
			onEachDatabase(t, func(t *testing.T, d string) {
				st, s1, s2 := twoServers(t, d, key.value)
				mustCreateUser(t, st.Client, "zoe@example.org", "carer")
				typed := "Correct-Horse-Battery-42"
				signIn := func(s *Server, email string) int {
					b := newBrowser(t, s)
					b.get("/sign-in")
					resp, _ := b.post("/sign-in", url.Values{"email": {email}, "password": {"wrong " + email}})
					return resp.StatusCode
				}
				for i := range s1.Throttle.PerAccount {
					s := []*Server{s1, s2}[i%2]
					if status := signIn(s, typed); status != http.StatusUnprocessableEntity {
						t.Fatalf("failure %d: %d, want 422", i+1, status)
					}
				}
				if status := signIn(s2, " "+strings.ToLower(typed)+" "); status != http.StatusTooManyRequests {
					t.Errorf("the same text after %d failures across two servers: %d, want 429", s1.Throttle.PerAccount, status)
				}
				if status := signIn(s1, "someone-else-entirely"); status != http.StatusUnprocessableEntity {
					t.Errorf("other text: %d, want 422 (only the text that failed is locked out)", status)
				}
				if status := signIn(s1, "Zoe@Example.org"); status != http.StatusUnprocessableEntity {
					t.Errorf("an account's address: %d, want 422", status)
				}
				for _, e := range st.Client.AuditEvent.Query().AllX(t.Context()) {
					if strings.Contains(strings.ToLower(e.ActorLabel+" "+changesText(e.Changes)), strings.ToLower(typed)) {
						t.Errorf("the audit holds the text typed: %q %v", e.ActorLabel, e.Changes)
					}
				}
				for _, a := range st.Client.SignInAttempt.Query().AllX(t.Context()) {
					if strings.Contains(a.Email, strings.ToLower(typed)) || strings.Contains(a.Email, "someone-else") {
						t.Errorf("sign_in_attempts holds the text typed: %q", a.Email)
					}
				}
				if n := st.Client.SignInAttempt.Query().Where(signinattempt.Email("zoe@example.org")).CountX(t.Context()); n != 1 {
					t.Errorf("%d attempts recorded under the account's address, want 1", n)
				}
				if n := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionLoginFailed),
					auditevent.ActorLabelContains("zoe@example.org"), auditevent.EntityIDGT(0)).CountX(t.Context()); n != 1 {
					t.Errorf("%d failures audited against the account, want 1", n)
				}
			})
		})
	}
}

// twoServers is two servers on one fresh database d, as a service runs
// behind a load balancer, both with secretKey as HEARTH_SECRET_KEY.
func twoServers(t *testing.T, d, secretKey string) (*store.Store, *Server, *Server) {
	t.Helper()
	st := storetest.New(t, d)
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if secretKey != "" {
		cfg.SecretKey = []byte(secretKey)
	}
	var servers [2]*Server
	for i := range servers {
		if servers[i], err = New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "test"); err != nil {
			t.Fatal(err)
		}
	}
	return st, servers[0], servers[1]
}

// changesText is the text values of an audit entry's changes.
func changesText(changes audit.Changes) string {
	var b strings.Builder
	for k, v := range changes {
		b.WriteString(k + " ")
		for _, value := range []any{v.Old, v.New} {
			if s, ok := value.(string); ok {
				b.WriteString(s + " ")
			}
		}
	}
	return b.String()
}
