package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestMain lets a test start this program as a separate process (the test
// binary run again with HEARTH_TEST_SERVE=1), so that it can be killed
// with SIGKILL or stopped with SIGTERM like a real server (with main's own
// signal handling).
func TestMain(m *testing.M) {
	if os.Getenv("HEARTH_TEST_SERVE") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		if err := run(ctx, []string{"serve"}, os.Getenv, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// registryUnderTest is an empty, migrated registry on one of the two
// databases, with what a server process needs to find it.
type registryUnderTest struct {
	name string
	env  map[string]string // HEARTH_DATA_DIR or HEARTH_DATABASE_URL
	open func(t *testing.T) *store.Store
}

// onEachRegistry runs f on a fresh SQLite file and, when configured, a
// fresh PostgreSQL schema.
func onEachRegistry(t *testing.T, f func(t *testing.T, r registryUnderTest)) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		f(t, migrated(t, registryUnderTest{name: "sqlite", env: map[string]string{"HEARTH_DATA_DIR": dir},
			open: func(t *testing.T) *store.Store {
				return storetest.Open(t, "", filepath.Join(dir, "hearth.db"))
			}}))
	})
	t.Run("postgres", func(t *testing.T) {
		url := storetest.PostgresURL(t)
		f(t, migrated(t, registryUnderTest{name: "postgres", env: map[string]string{"HEARTH_DATABASE_URL": url},
			open: func(t *testing.T) *store.Store {
				return storetest.Open(t, url, "")
			}}))
	})
}

func migrated(t *testing.T, r registryUnderTest) registryUnderTest {
	t.Helper()
	m := map[string]string{"HEARTH_DEMO": "false"}
	for k, v := range r.env {
		m[k] = v
	}
	var out syncBuffer
	if err := run(t.Context(), []string{"migrate"}, env(m), &out, &out); err != nil {
		t.Fatalf("migrate: %v %s", err, out.String())
	}
	return r
}

// managerToken issues an API token for the tests' writers.
func (r registryUnderTest) managerToken(t *testing.T) string {
	t.Helper()
	st := r.open(t)
	defer st.Close()
	token, _, err := auth.CreateToken(t.Context(), st.Client, registry.System("process test"),
		auth.NewToken{Name: "writer", Role: "manager"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// serveProcess starts the server as a child process on r's database at
// addr and waits until it is ready.
func serveProcess(t *testing.T, r registryUnderTest, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "HEARTH_TEST_SERVE=1", "HEARTH_ADDR="+addr, "HEARTH_DEMO=false", "HEARTH_LOG_LEVEL=warn")
	for k, v := range r.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // it may have stopped already
		_ = cmd.Wait()
	})
	for range 200 {
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return cmd
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the server did not become ready")
	return nil
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// decodeBody reads a JSON answer whole into into (nil to only read it).
func decodeBody(resp *http.Response, into any) error {
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || into == nil {
		return err
	}
	if len(b) > 0 && b[0] == '{' {
		return json.Unmarshal(b, into)
	}
	return nil
}
