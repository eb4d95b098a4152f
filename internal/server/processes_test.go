package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent/auditevent"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestSessionAcrossServers shows two Hearth servers on one PostgreSQL, as
// behind a load balancer: signed in through one, the browser is signed in
// on the other, and signing out through the second ends it on the first.
func TestSessionAcrossServers(t *testing.T) {
	t.Parallel()
	one, two := serversOnOnePostgres(t)
	mustCreateUser(t, one.Store.Client, "ssw@example.org", "ssw")
	b := newBrowser(t, one)
	b.signIn("ssw@example.org", testPassword)
	b.s = two // the load balancer sends the next request elsewhere
	if resp, body := b.get("/"); resp.StatusCode != 200 || !strings.Contains(body, "Test ssw") {
		t.Fatalf("second server: %d", resp.StatusCode)
	}
	token := b.cookies[httpx.SessionCookie]
	if resp, _ := b.post("/sign-out", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out on the second server: %d", resp.StatusCode)
	}
	replay := newBrowser(t, one) // someone who kept a copy of the cookie
	replay.cookies[httpx.SessionCookie] = token
	if resp, _ := replay.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("first server still honours a session ended on the second: %d", resp.StatusCode)
	}
}

// serversOnOnePostgres starts two Hearth servers, each with its own
// connection pool, on one fresh PostgreSQL schema: two processes behind a
// load balancer, as far as the database can tell.
func serversOnOnePostgres(t *testing.T) (one, two *Server) {
	url := storetest.PostgresURL(t)
	cfg, _ := config.Load(func(string) string { return "" })
	newServer := func() *Server {
		st := storetest.Open(t, url, "")
		storetest.Migrate(t, st)
		s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	return newServer(), newServer()
}

// TestConcurrentEditsAcrossServers has 20 people edit one review's report
// at once through two servers on one PostgreSQL, over real connections.
// Each reads the review, adds a line of their own to the report and saves
// it with If-Match, reading again and retrying when told 412. All start
// from the same version, so 19 of the first attempts are stale. At the end
// every line is in the report, the version counts every save, and each
// save is audited once: no edit was lost, whichever server took it.
func TestConcurrentEditsAcrossServers(t *testing.T) {
	one, two := serversOnOnePostgres(t)
	h := mustCreateReviewedHousehold(t, one.Store.Client, "FH-0200", nil, nil)
	review := mustPostReview(t, newAPIClient(t, one, "manager"), h, reviewBody)
	token := newAPIClient(t, one, "manager").token
	bases := [2]string{}
	bases[0], _, _ = serveOnLoopback(t, one)
	bases[1], _, _ = serveOnLoopback(t, two)
	client := &http.Client{Timeout: 20 * time.Second}
	call := func(base, method string, body string, etag string) (int, string, string) {
		req, _ := http.NewRequest(method, fmt.Sprintf("%s/api/v1/reviews/%d", base, review.ID), strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("If-Match", etag)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Error(err)
			return 0, "", ""
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("ETag"), string(out)
	}

	const writers = 20
	var firstRead sync.WaitGroup
	firstRead.Add(writers)
	var stale, saved atomic.Int32
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			base := bases[w%2]
			line := fmt.Sprintf("Line from writer %02d.", w)
			for attempt := 0; attempt < 100; attempt++ {
				status, etag, body := call(base, "GET", "", "")
				if status != 200 {
					t.Errorf("writer %d read: %d %s", w, status, body)
					return
				}
				if attempt == 0 { // everyone holds the same version before anyone saves
					firstRead.Done()
					firstRead.Wait()
				}
				current := decodeReviewBody[jsonapi.ReviewJSON](t, body)
				var report []byte
				if current.Report == nil {
					report, _ = json.Marshal(line)
				} else {
					report, _ = json.Marshal(*current.Report + "\n" + line)
				}
				switch status, _, out := call(base, "PUT", withJSONField(t, reviewBody, "report", string(report)), etag); status {
				case 200:
					saved.Add(1)
					return
				case http.StatusPreconditionFailed:
					stale.Add(1)
				default:
					t.Errorf("writer %d save: %d %s", w, status, out)
					return
				}
			}
			t.Errorf("writer %d never saved", w)
		})
	}
	wg.Wait()
	got := one.Store.Client.Review.GetX(t.Context(), review.ID)
	for w := range writers {
		if !strings.Contains(got.Report, fmt.Sprintf("Line from writer %02d.", w)) {
			t.Errorf("writer %d's line was lost; the report is %q", w, got.Report)
		}
	}
	if saved.Load() != writers || got.Version != 1+writers || stale.Load() < writers-1 {
		t.Errorf("%d saved, %d told stale, version %d; want %d saved, at least %d stale, version %d",
			saved.Load(), stale.Load(), got.Version, writers, writers-1, 1+writers)
	}
	if n := one.Store.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionUpdate), auditevent.Entity("review")).CountX(t.Context()); n != writers {
		t.Errorf("%d updates audited, want %d", n, writers)
	}
	t.Logf("%d writers through two servers: %d saves, %d stale writes told 412, final version %d", writers, saved.Load(), stale.Load(), got.Version)
}

// TestNoSecretsInLogs shows sign-in, failure and sign-out write neither the
// password nor the session token to the log.
func TestNoSecretsInLogs(t *testing.T) {
	t.Parallel()
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
	token := b.cookies[httpx.SessionCookie]
	b.get("/")
	b.post("/sign-out", nil)
	for _, secret := range []string{testPassword, "a wrong password here", token, httpx.SessionCSRF(token)} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log contains a secret (%.6s…)", secret)
		}
	}
	if !strings.Contains(logs.String(), `"path":"/sign-in"`) {
		t.Error("the requests were not logged at all")
	}
}
