package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
)

// TestMain lets a test start this program as a separate process (the test
// binary run again with HEARTH_TEST_SERVE=1), so that it can be killed
// with SIGKILL like a real server.
func TestMain(m *testing.M) {
	if os.Getenv("HEARTH_TEST_SERVE") == "1" {
		if err := run(context.Background(), []string{"serve"}, os.Getenv, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// serveProcess starts the server as a child process on dir's database and
// waits until it is ready.
func serveProcess(t *testing.T, dir, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "HEARTH_TEST_SERVE=1", "HEARTH_DATA_DIR="+dir, "HEARTH_ADDR="+addr, "HEARTH_DEMO=false")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
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

// TestKilledMidWriteLosesNoAcknowledgedWrite kills the server with
// SIGKILL while four clients create households through the API, then
// opens the SQLite file: it passes its integrity check, every household
// the server acknowledged (201) is there, none is there without its audit
// entry (nothing half-applied), and the server starts again on it.
func TestKilledMidWriteLosesNoAcknowledgedWrite(t *testing.T) {
	dir := t.TempDir()
	if out, err := runCmd(t, dir, "migrate"); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	st, err := store.OpenSQLite(t.Context(), filepath.Join(dir, "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := auth.CreateToken(t.Context(), st.Client, registry.System("crash test"), auth.NewToken{Name: "writer", Role: "manager"}, time.Now())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	server := serveProcess(t, dir, addr)

	var mu sync.Mutex
	var acknowledged []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 5 * time.Second}
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				ref := fmt.Sprintf("FH-%d%05d", w+1, i)
				body := fmt.Sprintf(`{"reference": %q, "address_line1": "1 Fore Street", "town": "Totnes", "postcode": "TQ9 5RP", "status": "assessment"}`, ref)
				req, _ := http.NewRequest("POST", "http://"+addr+"/api/v1/households", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					continue // the server is gone: this write was never acknowledged
				}
				resp.Body.Close()
				if resp.StatusCode == http.StatusCreated {
					mu.Lock()
					acknowledged = append(acknowledged, strings.ToUpper(ref))
					mu.Unlock()
				}
			}
		})
	}
	time.Sleep(1500 * time.Millisecond)
	if err := server.Process.Kill(); err != nil { // SIGKILL: no shutdown, no flush
		t.Fatal(err)
	}
	server.Wait()
	close(stop)
	wg.Wait()
	if len(acknowledged) == 0 {
		t.Fatal("no write was acknowledged before the kill: the test proves nothing")
	}

	st, err = store.OpenSQLite(t.Context(), filepath.Join(dir, "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var integrity string
	if err := st.DB.QueryRowContext(t.Context(), "PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity check after the kill: %q %v", integrity, err)
	}
	for _, ref := range acknowledged {
		if !st.Client.Household.Query().Where(household.Reference(ref)).ExistX(t.Context()) {
			t.Errorf("household %s was acknowledged and is gone", ref)
		}
	}
	households := st.Client.Household.Query().CountX(t.Context())
	audited := st.Client.AuditEvent.Query().Where(auditevent.Entity("household"), auditevent.ActionEQ(auditevent.ActionCreate)).CountX(t.Context())
	if households != audited {
		t.Errorf("%d households but %d audited creations: a write was half applied", households, audited)
	}
	t.Logf("%d writes acknowledged before the kill; %d households in the file", len(acknowledged), households)
	st.Close()
	serveProcess(t, dir, freeAddr(t)) // and it starts again on the same file
}

// runCmd runs a command of this program on dir's database.
func runCmd(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	var out strings.Builder
	err := run(t.Context(), args, env(map[string]string{"HEARTH_DATA_DIR": dir, "HEARTH_DEMO": "false"}), &out, &out)
	return out.String(), err
}
