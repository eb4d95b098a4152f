package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// env is a getenv over a map.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestBadInputIsOneLine shows that bad settings, commands and flags stop
// hearth with one line that names the problem, never a panic.
func TestBadInputIsOneLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{"ErrAddrWithoutPort", nil, map[string]string{"HEARTH_ADDR": "localhost"}, []string{"HEARTH_ADDR"}},
		{"ErrDatabaseURLScheme", []string{"migrate"}, map[string]string{"HEARTH_DATABASE_URL": "mysql://db/hearth"}, []string{"HEARTH_DATABASE_URL"}},
		{"ErrSeveralAtOnce", nil, map[string]string{"HEARTH_BODY_LIMIT": "lots", "HEARTH_READ_TIMEOUT": "soon", "HEARTH_ADDR": "nonsense"},
			[]string{"HEARTH_BODY_LIMIT", "HEARTH_READ_TIMEOUT", "HEARTH_ADDR"}},
		{"ErrLogFormat", []string{"seed", "--demo"}, map[string]string{"HEARTH_LOG_FORMAT": "xml"}, []string{"HEARTH_LOG_FORMAT"}},
		{"ErrUnknownCommand", []string{"frobnicate"}, nil, []string{"unknown command"}},
		{"ErrUnknownFlag", []string{"serve", "--colour"}, nil, []string{"colour"}},
		{"ErrBadPortFlag", []string{"serve", "--addr", "127.0.0.1:99999"}, nil, []string{"HEARTH_ADDR"}},
		{"ErrSeedWithoutSize", []string{"seed"}, nil, []string{"--demo", "--households"}},
		{"ErrSeedBadDate", []string{"seed", "--households", "2", "--today", "2026-02-30"}, nil, []string{"--today"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := map[string]string{"HEARTH_DATA_DIR": t.TempDir()}
			for k, v := range tt.env {
				m[k] = v
			}
			var stdout, stderr syncBuffer
			err := run(context.Background(), tt.args, env(m), &stdout, &stderr)
			if err == nil {
				t.Fatal("run succeeded")
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

// TestUnreachableDatabase shows a PostgreSQL server that is not there gives
// one clear line.
func TestUnreachableDatabase(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens here now
	m := map[string]string{"HEARTH_DATABASE_URL": "postgres://hearth@" + addr + "/hearth?connect_timeout=3"}
	var out syncBuffer
	err = run(context.Background(), []string{"migrate"}, env(m), &out, &out)
	if err == nil || strings.ContainsAny(err.Error(), "\n\t") || !strings.Contains(err.Error(), "connect to PostgreSQL") {
		t.Errorf("err = %v, want one line about connecting to PostgreSQL", err)
	}
}

// TestPortInUse shows a taken port is reported as such.
func TestPortInUse(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	m := map[string]string{"HEARTH_ADDR": ln.Addr().String(), "HEARTH_DATA_DIR": t.TempDir(), "HEARTH_DEMO": "false"}
	var out syncBuffer
	err = run(context.Background(), nil, env(m), &out, &out)
	if err == nil || !strings.Contains(err.Error(), "address already in use") || !strings.Contains(err.Error(), ln.Addr().String()) {
		t.Errorf("err = %v, want 'listen on %s: address already in use'", err, ln.Addr())
	}
}

var servingLine = regexp.MustCompile(`serving http://(\S+) `)

// startServe runs `hearth serve` until the test ends or stop is called, and
// returns its base URL once it is listening.
func startServe(t *testing.T, m map[string]string) (base string, stdout *syncBuffer, stop func() error) {
	t.Helper()
	if m["HEARTH_ADDR"] == "" {
		m["HEARTH_ADDR"] = "127.0.0.1:0"
	}
	stdout = &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, env(m), stdout, &syncBuffer{}) }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if match := servingLine.FindStringSubmatch(stdout.String()); match != nil {
			stopped := false
			stop = func() error {
				if stopped {
					return nil
				}
				stopped = true
				cancel()
				return <-done
			}
			t.Cleanup(func() {
				if err := stop(); err != nil {
					t.Errorf("serve: %v", err)
				}
			})
			return "http://" + match[1], stdout, stop
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("serve stopped before listening: %v; output %s", err, stdout.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("serve did not start; output %s", stdout.String())
	return "", nil, nil
}

func getJSON(t *testing.T, url string, into any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
		t.Fatalf("GET %s: decode: %v", url, err)
	}
	return resp.StatusCode
}

// TestServeSeedsDemoOnce is the first-run experience: the first start on an
// empty SQLite database seeds the demo and says so; the second reuses it.
func TestServeSeedsDemoOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for start, wantSeed := range []bool{true, false} {
		base, stdout, stop := startServe(t, map[string]string{"HEARTH_DATA_DIR": dir})
		var ready map[string]string
		if status := getJSON(t, base+"/readyz", &ready); status != 200 || ready["database"] != "sqlite" {
			t.Errorf("start %d: readyz %d %v", start+1, status, ready)
		}
		if err := stop(); err != nil {
			t.Errorf("start %d: serve returned %v after shutdown", start+1, err)
		}
		if n := countHouseholds(t, "", filepath.Join(dir, "hearth.db")); n != 40 {
			t.Errorf("start %d: households = %d, want 40", start+1, n)
		}
		if !strings.Contains(stdout.String(), `password "hearth-demo-only"`) || !strings.Contains(stdout.String(), "admin1@hearth.example") {
			t.Errorf("start %d: demo sign-ins not printed: %s", start+1, stdout.String())
		}
		if seeded := strings.Contains(stdout.String(), "seeded the demo"); seeded != wantSeed {
			t.Errorf("start %d: seeded = %v, want %v; output %s", start+1, seeded, wantSeed, stdout.String())
		}
	}
}

// TestServeReachableSeedsNoDemo shows that serving on every interface
// seeds no demo accounts (they share a published password) unless asked
// for, and says why; asked for, it seeds them.
func TestServeReachableSeedsNoDemo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, stdout, stop := startServe(t, map[string]string{"HEARTH_DATA_DIR": dir, "HEARTH_ADDR": "0.0.0.0:0"})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := countHouseholds(t, "", filepath.Join(dir, "hearth.db")); n != 0 || !strings.Contains(stdout.String(), "Not seeding the demo registry") {
		t.Errorf("households = %d, want 0; output %s", n, stdout.String())
	}
	_, _, stop = startServe(t, map[string]string{"HEARTH_DATA_DIR": dir, "HEARTH_ADDR": "0.0.0.0:0", "HEARTH_DEMO": "true"})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := countHouseholds(t, "", filepath.Join(dir, "hearth.db")); n != 40 {
		t.Errorf("asked for the demo: households = %d, want 40", n)
	}
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:8080": true, "[::1]:8080": true,
		":8080": false, "0.0.0.0:8080": false, "192.0.2.7:8080": false, "nonsense": false} {
		if got := loopbackOnly(addr); got != want {
			t.Errorf("loopbackOnly(%q) = %v, want %v", addr, got, want)
		}
	}
}

// TestServeOnPostgres shows the same start-up on PostgreSQL, where the demo
// is only seeded when asked for.
func TestServeOnPostgres(t *testing.T) {
	t.Parallel()
	url := storetest.PostgresURL(t)
	base, _, stop := startServe(t, map[string]string{"HEARTH_DATABASE_URL": url})
	var ready map[string]string
	if status := getJSON(t, base+"/readyz", &ready); status != 200 || ready["database"] != "postgres" {
		t.Errorf("readyz %d %v", status, ready)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := countHouseholds(t, url, ""); n != 0 {
		t.Errorf("households = %d; PostgreSQL must not get demo data unless asked", n)
	}
	_, _, stop = startServe(t, map[string]string{"HEARTH_DATABASE_URL": url, "HEARTH_DEMO": "true"})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := countHouseholds(t, url, ""); n != 40 {
		t.Errorf("households with HEARTH_DEMO=true = %d, want 40", n)
	}
}

// TestMigrateAndSeedCommands shows migrate is idempotent and seed fills an
// empty registry once.
func TestMigrateAndSeedCommands(t *testing.T) {
	t.Parallel()
	m := map[string]string{"HEARTH_DATA_DIR": t.TempDir()}
	var out syncBuffer
	ctx := context.Background()
	if err := run(ctx, []string{"migrate"}, env(m), &out, &out); err != nil || !regexp.MustCompile(`Applied \d+ migrations`).MatchString(out.String()) {
		t.Fatalf("first migrate: %v; %s", err, out.String())
	}
	out = syncBuffer{}
	if err := run(ctx, []string{"migrate"}, env(m), &out, &out); err != nil || !strings.Contains(out.String(), "up to date") {
		t.Fatalf("second migrate: %v; %s", err, out.String())
	}
	out = syncBuffer{}
	if err := run(ctx, []string{"seed", "--households", "60", "--today", "2026-11-22"}, env(m), &out, &out); err != nil {
		t.Fatalf("seed: %v", err)
	}
	if !strings.Contains(out.String(), "60 households") {
		t.Errorf("seed output: %s", out.String())
	}
	err := run(ctx, []string{"seed", "--demo"}, env(m), &out, &out)
	if err == nil || !strings.Contains(err.Error(), "already holds households") {
		t.Errorf("seeding a non-empty registry: %v", err)
	}
}

// countHouseholds opens the database a server used and counts households.
func countHouseholds(t *testing.T, url, path string) int {
	t.Helper()
	st := storetest.Open(t, url, path)
	defer st.Close()
	return st.Client.Household.Query().CountX(context.Background())
}
