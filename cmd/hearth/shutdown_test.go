package main

import (
	"errors"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent/household"
)

// TestSIGTERMUnderLoadFailsNoAcceptedRequest sends SIGTERM to the server
// while 16 clients read households and create new ones through the API, on
// each database, and shows that no request the server accepted failed:
// every answer it gave was a success (none cut short, none a 5xx), every
// create whose answer was lost to the shutdown never happened (so it is
// safe to send again), and the server exited cleanly once the requests in
// flight were answered.
func TestSIGTERMUnderLoadFailsNoAcceptedRequest(t *testing.T) {
	onEachRegistry(t, func(t *testing.T, r registryUnderTest) {
		token := r.managerToken(t)
		addr := freeAddr(t)
		server := serveProcess(t, r, addr)
		exited := make(chan error, 1)
		go func() { exited <- server.Wait() }()

		type outcome struct {
			write  bool
			ref    string
			status int
			err    error
			at     time.Time
		}
		var mu sync.Mutex
		var outcomes []outcome
		var firstHousehold string
		var signalled time.Time
		client := &http.Client{Timeout: 30 * time.Second}
		send := func(write bool, ref string) error {
			method, path, body := "GET", "/api/v1/households/"+firstHousehold, ""
			if write {
				method, path = "POST", "/api/v1/households"
				body = fmt.Sprintf(`{"reference": %q, "address_line1": "1 Fore Street", "town": "Totnes", "postcode": "TQ9 5RP", "status": "assessment"}`, ref)
			}
			req, _ := http.NewRequest(method, "http://"+addr+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
			o := outcome{write: write, ref: ref}
			resp, err := client.Do(req)
			if err == nil {
				var whole struct {
					ID int `json:"id"`
				}
				err = decodeBody(resp, &whole) // an answer cut short fails here
				o.status = resp.StatusCode
				if write && err == nil && firstHousehold == "" {
					mu.Lock()
					firstHousehold = fmt.Sprint(whole.ID)
					mu.Unlock()
				}
			}
			o.err, o.at = err, time.Now()
			mu.Lock()
			outcomes = append(outcomes, o)
			mu.Unlock()
			return err
		}
		if err := send(true, "FH-FIRST"); err != nil || firstHousehold == "" {
			t.Fatalf("first household: %v", err)
		}

		var wg sync.WaitGroup
		for w := range 16 {
			wg.Go(func() {
				for i := 0; ; i++ {
					write := (w+i)%3 == 0
					if err := send(write, fmt.Sprintf("FH-%02d%04d", w, i)); err != nil {
						return // the server has stopped taking connections
					}
				}
			})
		}
		time.Sleep(time.Second)
		mu.Lock()
		signalled = time.Now()
		mu.Unlock()
		if err := server.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		select {
		case err := <-exited:
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				t.Errorf("the server exited with %v after SIGTERM, want a clean exit", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("the server did not exit within 30 s of SIGTERM")
		}

		st := r.open(t)
		defer st.Close()
		answered, afterSignal, refused := 0, 0, 0
		for _, o := range outcomes {
			switch {
			case o.err == nil && o.status/100 != 2:
				t.Errorf("an accepted request failed: status %d (write %v, %s)", o.status, o.write, o.ref)
			case o.err == nil:
				answered++
				if o.at.After(signalled) {
					afterSignal++
				}
			case o.at.Before(signalled):
				t.Errorf("a request failed before the signal: %v", o.err)
			default:
				refused++
				if o.write && st.Client.Household.Query().Where(household.Reference(o.ref)).ExistX(t.Context()) {
					t.Errorf("household %s was created but its answer was lost to the shutdown: %v", o.ref, o.err)
				}
			}
		}
		if afterSignal == 0 {
			t.Log("no request was in flight at the signal this time")
		}
		t.Logf("%s: %d requests answered (%d of them after SIGTERM), %d refused once the server stopped taking connections, none failed",
			r.name, answered, afterSignal, refused)
	})
}
