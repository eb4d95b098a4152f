package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/gofiber/fiber/v3"
	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/net/html"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// testServer is a Server on a fresh SQLite database, with routes that
// misbehave on purpose registered ahead of the real ones, and its log.
func testServer(t *testing.T) (*Server, *store.Store, *bytes.Buffer) {
	t.Helper()
	return testServerOn(t, dialect.SQLite)
}

// testServerOn is testServer on the database d.
func testServerOn(t *testing.T, d string) (*Server, *store.Store, *bytes.Buffer) {
	t.Helper()
	auth.LightHashesForTests(t)
	st := storetest.New(t, d)
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.BodyLimit = 4096
	var logs bytes.Buffer
	s, err := newServer(cfg, st, slog.New(slog.NewJSONHandler(&logs, nil)), "test")
	if err != nil {
		t.Fatal(err)
	}
	s.app.Get("/api/v1/test/panic", func(fiber.Ctx) error { panic("secret panic detail") })
	s.app.Get("/test/db-error", func(fiber.Ctx) error {
		return errors.New(`pq: relation "households" secret detail`)
	})
	s.app.Get("/api/v1/test/invalid", func(fiber.Ctx) error {
		return registry.Invalid(map[string]string{"postcode": "Enter a real postcode"})
	})
	s.app.Get("/api/v1/test/busy", func(fiber.Ctx) error {
		return fmt.Errorf("save visit: %w", &pgconn.PgError{Code: "40P01", Message: "deadlock detected secret"})
	})
	s.app.Post("/api/v1/test/echo", func(c fiber.Ctx) error { return c.Send(c.Body()) })
	s.app.Get("/api/v1/test/slow", func(c fiber.Ctx) error {
		time.Sleep(400 * time.Millisecond)
		return c.SendString("finished")
	})
	s.routes()
	return s, st, &logs
}

func do(t *testing.T, s *Server, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := s.app.Test(req, fiber.TestConfig{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func decodeProblem(t *testing.T, resp *http.Response, body string) httpx.Problem {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("Content-Type = %q, want application/problem+json; body %s", ct, body)
	}
	var p httpx.Problem
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("decode problem: %v; body %s", err, body)
	}
	return p
}

func mustUnmarshal(t testing.TB, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("decode %T: %v; body %s", v, err, body)
	}
}

// TestProbes shows /healthz answers while the process is up and /readyz
// follows the database.
func TestProbes(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	if resp, body := do(t, s, httptest.NewRequest("GET", "/healthz", nil)); resp.StatusCode != 200 {
		t.Errorf("healthz: %d %s", resp.StatusCode, body)
	}
	resp, body := do(t, s, httptest.NewRequest("GET", "/readyz", nil))
	if resp.StatusCode != 200 || !strings.Contains(body, `"ready"`) {
		t.Errorf("readyz: %d %s", resp.StatusCode, body)
	}
	st.DB.Close()
	if resp, body := do(t, s, httptest.NewRequest("GET", "/readyz", nil)); resp.StatusCode != 503 {
		t.Errorf("readyz with the database closed: %d %s, want 503", resp.StatusCode, body)
	}
	if resp, _ := do(t, s, httptest.NewRequest("GET", "/healthz", nil)); resp.StatusCode != 200 {
		t.Errorf("healthz with the database closed: %d, want 200", resp.StatusCode)
	}
}

// TestErrorsUnderAPI shows every failure under /api is a problem document
// with the right status, and that internal details never leak.
func TestErrorsUnderAPI(t *testing.T) {
	s, _, logs := testServer(t)
	tests := []struct {
		name, method, path, body string
		status                   int
		code                     string
	}{
		{"ErrNotFound", "GET", "/api/v1/no-such-thing", "", 404, registry.ENOTFOUND},
		{"ErrInvalid", "GET", "/api/v1/test/invalid", "", 422, registry.EINVALID},
		{"ErrPanic", "GET", "/api/v1/test/panic", "", 500, registry.EINTERNAL},
		{"ErrBusy", "GET", "/api/v1/test/busy", "", 503, registry.EUNAVAILABLE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := do(t, s, httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body)))
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d; body %s", resp.StatusCode, tt.status, body)
			}
			p := decodeProblem(t, resp, body)
			if p.Code != tt.code || p.Status != tt.status || p.RequestID == "" {
				t.Errorf("problem = %+v", p)
			}
			if strings.Contains(body, "secret") {
				t.Errorf("internal detail leaked: %s", body)
			}
		})
	}
	resp, body := do(t, s, httptest.NewRequest("GET", "/api/v1/test/invalid", nil))
	if p := decodeProblem(t, resp, body); p.Fields["postcode"] != "Enter a real postcode" {
		t.Errorf("fields = %v", p.Fields)
	}
	if !strings.Contains(logs.String(), "secret panic detail") {
		t.Error("the panic was not logged")
	}
}

// TestErrorPages shows failures outside /api get an HTML error page whose
// heading says what happened, and a raw database error shows nothing of
// itself.
func TestErrorPages(t *testing.T) {
	t.Parallel()
	s, _, logs := testServer(t)
	tests := []struct {
		name, path string
		status     int
		heading    string
	}{
		{"ErrNotFound", "/no-such-page", 404, "Page not found"},
		{"ErrDatabase", "/test/db-error", 500, "Sorry, there is a problem with the service"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := do(t, s, httptest.NewRequest("GET", tt.path, nil))
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type = %q", ct)
			}
			if h1 := firstText(t, body, "h1"); h1 != tt.heading {
				t.Errorf("h1 = %q, want %q", h1, tt.heading)
			}
			if strings.Contains(body, "secret") || strings.Contains(body, "pq:") {
				t.Errorf("database error leaked into the page")
			}
		})
	}
	if !strings.Contains(logs.String(), "secret detail") {
		t.Error("the internal error was not logged")
	}
}

// TestHomeCountsHouseholds shows the API's status counting households, and
// the start page showing a household approved two years ago and never
// reviewed among what is overdue.
func TestHomeCountsHouseholds(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	storetest.Write(t, st.Client, func(tx *ent.Client) error {
		return tx.Household.Create().SetReference("FH-0001").SetAddressLine1("1 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus("approved").SetApprovedOn(todayPlus(-730)).Exec(t.Context())
	})
	b := signedIn(t, s)
	resp, body := b.get("/api/v1/status")
	if resp.StatusCode != 200 {
		t.Fatalf("status: %d %s", resp.StatusCode, body)
	}
	var got struct {
		Households int `json:"households"`
		ByStatus   []struct {
			Status string `json:"status"`
			Count  int    `json:"count"`
		} `json:"by_status"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.Households != 1 || got.ByStatus[0].Status != "approved" || got.ByStatus[0].Count != 1 {
		t.Errorf("status = %+v", got)
	}
	resp, body = b.get("/")
	if resp.StatusCode != 200 || firstText(t, body, "h1") != "The whole service" || !strings.Contains(body, "FH-0001") {
		t.Errorf("dashboard: %d, h1 = %q, want the whole service with FH-0001's items", resp.StatusCode, firstText(t, body, "h1"))
	}
}

// firstText returns the text of the first element named tag in an HTML page.
func firstText(t *testing.T, page, tag string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var find func(*html.Node) string
	find = func(n *html.Node) string {
		if n.Type == html.ElementNode && n.Data == tag {
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					b.WriteString(c.Data)
				}
			}
			return strings.TrimSpace(b.String())
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if s := find(c); s != "" {
				return s
			}
		}
		return ""
	}
	return find(doc)
}

// serveOnLoopback runs s on a random loopback port until the returned
// cancel is called; the channel yields Serve's result.
func serveOnLoopback(t *testing.T, s *Server) (string, context.CancelFunc, <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(cancel)
	return "http://" + ln.Addr().String(), cancel, done
}

// TestBodyLimit shows an oversized body is refused with 413 and a problem
// document, over a real connection.
func TestBodyLimit(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	base, _, _ := serveOnLoopback(t, s)
	resp, err := http.Post(base+"/api/v1/test/echo", "text/plain", strings.NewReader(strings.Repeat("x", 10000)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status = %d, want 413; body %s", resp.StatusCode, body)
	}
	if p := decodeProblem(t, resp, string(body)); p.Status != 413 {
		t.Errorf("problem = %+v", p)
	}
	small, err := http.Post(base+"/api/v1/test/echo", "text/plain", strings.NewReader("hello"))
	if err != nil {
		t.Fatal(err)
	}
	small.Body.Close()
	if small.StatusCode != 200 {
		t.Errorf("small body: %d", small.StatusCode)
	}
}

// TestGracefulShutdown shows a request in flight when shutdown starts still
// gets its answer, and Serve then returns cleanly.
func TestGracefulShutdown(t *testing.T) {
	s, _, _ := testServer(t)
	base, cancel, done := serveOnLoopback(t, s)
	type result struct {
		status int
		body   string
		err    error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get(base + "/api/v1/test/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- result{status: resp.StatusCode, body: string(b)}
	}()
	time.Sleep(100 * time.Millisecond) // let the request reach the handler
	cancel()
	r := <-got
	if r.err != nil || r.status != 200 || r.body != "finished" {
		t.Errorf("in-flight request: %+v, want 200 finished", r)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after shutdown")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still accepting connections after shutdown")
	}
}

// TestSecurityHeaders shows every kind of answer — page, API, error, static
// file — carries the browser protections, and only static files may be
// cached.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	b := signedIn(t, s)
	tests := []struct {
		name, path string
		status     int
		cacheable  bool
	}{
		{"OKPage", "/", 200, false},
		{"OKAPI", "/api/v1/status", 200, false},
		{"ErrNotFound", "/no-such-page", 404, false},
		{"ErrAPIPanic", "/api/v1/test/panic", 500, false},
		{"OKStatic", "/static/hearth.css", 200, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := b.get(tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			csp := resp.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") ||
				strings.Contains(csp, "unsafe-inline") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
			for header, want := range map[string]string{
				"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
			} {
				if got := resp.Header.Get(header); got != want {
					t.Errorf("%s = %q, want %q", header, got, want)
				}
			}
			if noStore := resp.Header.Get("Cache-Control") == "no-store"; noStore == tt.cacheable {
				t.Errorf("Cache-Control = %q; cacheable should be %v", resp.Header.Get("Cache-Control"), tt.cacheable)
			}
			if resp.Header.Get("Strict-Transport-Security") != "" {
				t.Error("HSTS sent over plain HTTP")
			}
		})
	}
}

// TestShutdownBeforeServing shows a signal arriving the moment the server
// starts, before it has begun serving, still stops it.
func TestShutdownBeforeServing(t *testing.T) {
	for i := 0; i < 20; i++ {
		s, _, _ := testServer(t)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // already stopped before Serve begins
		done := make(chan error, 1)
		go func() { done <- s.Serve(ctx, ln) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("run %d: %v", i, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("run %d: Serve did not return after an early shutdown", i)
		}
	}
}
