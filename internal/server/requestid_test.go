package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// failedSignIn posts a wrong password for email from a new browser, with
// the X-Request-Id header set to id when it is not empty, and returns the
// answer.
func failedSignIn(t *testing.T, s *Server, email, id string) *http.Response {
	t.Helper()
	b := newBrowser(t, s)
	b.get("/sign-in")
	form := url.Values{"email": {email}, "password": {"not the password at all"}, "csrf_token": {b.csrf}}
	req := httptest.NewRequest("POST", "/sign-in", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if id != "" {
		req.Header.Set("X-Request-Id", id)
	}
	resp, _ := b.do(req)
	return resp
}

// auditedFailure is the one audit entry of a failed sign-in as email, as
// the audit API shows it (so that fields the model may not have yet are
// seen too), or fails the test.
func auditedFailure(t *testing.T, s *Server, admin apiClient, typed string) map[string]any {
	t.Helper()
	// An address that names no account is audited only as the throttle's
	// keyed hash of it.
	email, err := s.Throttle.Unrecognised(t.Context(), typed)
	if err != nil {
		t.Fatal(err)
	}
	resp, body := admin.send("GET", "/api/v1/audit?action=login_failed&limit=200", "")
	if resp.StatusCode != 200 {
		t.Fatalf("audit list: %d %s", resp.StatusCode, body)
	}
	var list struct {
		Items []map[string]any `json:"items"`
	}
	mustUnmarshal(t, body, &list)
	var found []map[string]any
	for _, e := range list.Items {
		if e["actor"] == email {
			found = append(found, e)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d audit entries for the failed sign-in as %s, want 1", len(found), email)
	}
	return found[0]
}

// TestClientRequestIDNotBelieved sends failed sign-ins with a long
// X-Request-Id and with a short made-up one, from a client that is not a
// trusted proxy: each is answered as usual and audited under Hearth's own
// request id (the one in the answer's header), never the client's, which
// is not kept at all. (The long one is 3,000 characters, about the most
// that fits in the 4 KiB Hearth reads of a request's head; one of 10,000
// is refused before it reaches Hearth: see the last case.)
func TestClientRequestIDNotBelieved(t *testing.T) {
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, logs := testServerOn(t, d)
		admin := newAPIClient(t, s, "admin")
		for _, tt := range []struct{ name, id string }{
			{"Long", strings.Repeat("a", 3_000)},
			{"ShortFake", "req-0001"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				email := strings.ToLower(tt.name) + "@example.org"
				resp := failedSignIn(t, s, email, tt.id)
				own := resp.Header.Get("X-Request-Id")
				if resp.StatusCode != 422 || own == "" || own == tt.id {
					t.Errorf("answered %d with X-Request-Id %.40q; want 422 with an id of Hearth's own", resp.StatusCode, own)
				}
				e := auditedFailure(t, s, admin, email)
				if e["request_id"] != own {
					t.Errorf("audited under request id %.40q, want Hearth's own %q", e["request_id"], own)
				}
				if e["proxy_request_id"] != nil {
					t.Errorf("kept the client's id %.40q as a proxy's", e["proxy_request_id"])
				}
				if strings.Contains(logs.String(), tt.id) {
					t.Errorf("the log holds the client's request id")
				}
			})
		}
		t.Run("TenThousand", func(t *testing.T) {
			// fasthttp refuses the request's head before any of Hearth runs
			// (431 on a real connection; app.Test reports it as an error).
			form := url.Values{"email": {"tenthousand@example.org"}, "password": {"not the password at all"}}
			req := httptest.NewRequest("POST", "/sign-in", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Request-Id", strings.Repeat("a", 10_000))
			resp, err := s.app.Test(req, fiber.TestConfig{Timeout: 5 * time.Second})
			if err == nil && resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
				t.Errorf("answered %d, want the request refused unread", resp.StatusCode)
			}
			if n := st.Client.AuditEvent.Query().Where(auditevent.ActorLabel("tenthousand@example.org")).CountX(t.Context()); n != 0 {
				t.Errorf("%d audit entries for a request never read", n)
			}
		})
	})
}

// proxiedServer is a server behind a proxy on 127.0.0.1, answering on a
// loopback port (base), logging as JSON into logs.
func proxiedServer(t *testing.T, d string) (s *Server, st *store.Store, logs *syncLog, base string) {
	t.Helper()
	st = storetest.New(t, d)
	cfg, err := config.Load(func(name string) string {
		if name == "HEARTH_TRUSTED_PROXIES" {
			return "127.0.0.1"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	logs = &syncLog{}
	s, err = New(cfg, st, slog.New(slog.NewJSONHandler(logs, nil)), "test")
	if err != nil {
		t.Fatal(err)
	}
	base, _, _ = serveOnLoopback(t, s)
	return s, st, logs, base
}

// syncLog is a log buffer a serving goroutine may write while a test reads.
type syncLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// lines are the JSON log records written so far.
func (l *syncLog) lines(t *testing.T) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.buf.String()), "\n") {
		var rec map[string]any
		if json.Unmarshal([]byte(line), &rec) == nil {
			out = append(out, rec)
		}
	}
	return out
}

// TestProxyRequestIDKeptBeside shows a request id from the trusted proxy
// kept beside Hearth's own, never in its place: in the audit entry and in
// the request's log line. One the proxy passes on in an unsafe shape (too
// long, or with characters outside the safe set) is not kept at all.
func TestProxyRequestIDKeptBeside(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, _, logs, base := proxiedServer(t, d)
		admin := newAPIClient(t, s, "admin")
		for _, tt := range []struct{ name, sent, kept string }{
			{"Safe", "lb-7f3a2c91.0001", "lb-7f3a2c91.0001"},
			{"UUID", "0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950e"},
			{"TooLong", strings.Repeat("b", 65), ""},
			{"Spaces", "lb 7f3a", ""},
			{"Markup", "<script>", ""},
		} {
			t.Run(tt.name, func(t *testing.T) {
				email := strings.ToLower(tt.name) + "@example.org"
				own := proxiedFailedSignIn(t, base, email, tt.sent)
				e := auditedFailure(t, s, admin, email)
				if e["request_id"] != own {
					t.Errorf("audited under request id %q, want Hearth's own %q", e["request_id"], own)
				}
				kept, _ := e["proxy_request_id"].(string)
				if kept != tt.kept {
					t.Errorf("audited the proxy's id as %q, want %q", kept, tt.kept)
				}
				var logged map[string]any
				for _, rec := range logs.lines(t) {
					if rec["msg"] == "request" && rec["request_id"] == own {
						logged = rec
					}
				}
				if logged == nil {
					t.Fatalf("no log line for request %s", own)
				}
				if got, _ := logged["proxy_request_id"].(string); got != tt.kept {
					t.Errorf("logged the proxy's id as %q, want %q", got, tt.kept)
				}
			})
		}
	})
}

// proxiedFailedSignIn signs in with a wrong password through the proxy,
// which passes on id as the request's id, and returns Hearth's own id.
func proxiedFailedSignIn(t *testing.T, base, email, id string) string {
	t.Helper()
	get, _ := http.NewRequest("GET", base+"/sign-in", nil)
	resp, err := http.DefaultTransport.RoundTrip(get)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfInput.FindStringSubmatch(string(page))
	if m == nil {
		t.Fatal("no form token on the sign-in page")
	}
	form := url.Values{"email": {email}, "password": {"not the password at all"}, "csrf_token": {m[1]}}
	req, _ := http.NewRequest("POST", base+"/sign-in", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("X-Request-Id", id)
	for _, c := range resp.Cookies() {
		req.AddCookie(c)
	}
	resp, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	own := resp.Header.Get("X-Request-Id")
	if resp.StatusCode != 422 || own == "" || own == id {
		t.Fatalf("answered %d with X-Request-Id %q; want 422 with an id of Hearth's own", resp.StatusCode, own)
	}
	return own
}

// TestManagerReadsSurviveBadViewEvents has a manager read a household many
// times at once while another client reads it with an X-Request-Id of
// 3,000 characters: the views of both are committed together, and every
// read of both answers 200.
func TestManagerReadsSurviveBadViewEvents(t *testing.T) {
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		manager, other := newAPIClient(t, s, "manager"), newAPIClient(t, s, "manager")
		h := mustCreateReviewedHousehold(t, st.Client, "FH-0950", nil, nil)
		path := fmt.Sprintf("/api/v1/households/%d", h)
		long := strings.Repeat("r", 3_000) // the most that fits: see TestClientRequestIDNotBelieved
		const readers = 24
		var mu sync.Mutex
		failed := map[string]int{}
		for range 3 {
			var wg sync.WaitGroup
			for range readers {
				wg.Go(func() {
					if resp, _ := manager.send("GET", path, ""); resp.StatusCode != 200 {
						mu.Lock()
						failed[fmt.Sprintf("manager %d", resp.StatusCode)]++
						mu.Unlock()
					}
				})
				wg.Go(func() {
					if resp, _ := other.send("GET", path, "", "X-Request-Id", long); resp.StatusCode != 200 {
						mu.Lock()
						failed[fmt.Sprintf("other client %d", resp.StatusCode)]++
						mu.Unlock()
					}
				})
			}
			wg.Wait()
		}
		if len(failed) > 0 {
			t.Errorf("reads that did not answer 200, of %d each: %v", 3*readers, failed)
		}
		views := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionView), auditevent.EntityID(h)).CountX(t.Context())
		if views != 2*3*readers {
			t.Errorf("%d views audited, want %d", views, 2*3*readers)
		}
	})
}
