package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestSessionAcrossServers shows two Hearth servers on one PostgreSQL, as
// behind a load balancer: signed in through one, the browser is signed in
// on the other, and signing out through the second ends it on the first.
func TestSessionAcrossServers(t *testing.T) {
	url := storetest.PostgresURL(t)
	cfg, _ := config.Load(func(string) string { return "" })
	newServer := func() *Server {
		st, err := store.Open(context.Background(), url, "")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if _, err := st.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	one, two := newServer(), newServer()
	mustCreateUser(t, one.store.Client, "ssw@example.org", "ssw")
	b := newBrowser(t, one)
	b.signIn("ssw@example.org", testPassword)
	b.s = two // the load balancer sends the next request elsewhere
	if resp, body := b.get("/"); resp.StatusCode != 200 || !strings.Contains(body, "Test ssw") {
		t.Fatalf("second server: %d", resp.StatusCode)
	}
	token := b.cookies[sessionCookie]
	if resp, _ := b.post("/sign-out", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out on the second server: %d", resp.StatusCode)
	}
	replay := newBrowser(t, one) // someone who kept a copy of the cookie
	replay.cookies[sessionCookie] = token
	if resp, _ := replay.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("first server still honours a session ended on the second: %d", resp.StatusCode)
	}
}

// TestNoSecretsInLogs shows sign-in, failure and sign-out write neither the
// password nor the session token to the log.
func TestNoSecretsInLogs(t *testing.T) {
	st := storetest.New(t, "sqlite3")
	cfg, _ := config.Load(func(string) string { return "" })
	var logs bytes.Buffer
	s, err := New(cfg, st, slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), "test")
	if err != nil {
		t.Fatal(err)
	}
	mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	b := newBrowser(t, s)
	b.get("/sign-in")
	b.post("/sign-in", map[string][]string{"email": {"ssw@example.org"}, "password": {"a wrong password here"}})
	b.signIn("ssw@example.org", testPassword)
	token := b.cookies[sessionCookie]
	b.get("/")
	b.post("/sign-out", nil)
	for _, secret := range []string{testPassword, "a wrong password here", token, sessionCSRF(token)} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log contains a secret (%.6s…)", secret)
		}
	}
	if !strings.Contains(logs.String(), `"path":"/sign-in"`) {
		t.Error("the requests were not logged at all")
	}
}
