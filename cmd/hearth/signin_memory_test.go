package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// signInFlood is how many sign-ins TestSignInMemoryStaysBounded sends at
// once, and memoryCeiling the most the server may hold while answering.
const (
	signInFlood   = 200
	memoryCeiling = 150 << 20
)

// TestSignInMemoryStaysBounded starts the server as a process of its own
// and sends it 200 sign-ins at once, each for a different address from a
// different client (as a botnet would, so that the lockout stops none of
// them), on both databases: the process's peak resident memory (VmHWM in
// /proc) stays under 150 MiB, and each sign-in is answered "wrong email or
// password" (422) or "Hearth is busy. Wait a moment, then try again"
// (503), never an error.
func TestSignInMemoryStaysBounded(t *testing.T) {
	onEachRegistry(t, func(t *testing.T, r registryUnderTest) {
		r.env["HEARTH_TRUSTED_PROXIES"] = "127.0.0.1"
		addr := freeAddr(t)
		cmd := serveProcess(t, r, addr)
		base := "http://" + addr
		cookie, token := signInForm(t, base)
		idle := peakMemory(t, cmd.Process.Pid)

		statuses := make([]int, signInFlood)
		bodies := make([]string, signInFlood)
		errs := make([]error, signInFlood)
		client := &http.Client{Timeout: 2 * time.Minute}
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range statuses {
			wg.Go(func() {
				form := url.Values{"email": {fmt.Sprintf("nobody%d@example.org", i)},
					"password": {"a guess at a password"}, "csrf_token": {token}}
				req, err := http.NewRequest("POST", base+"/sign-in", strings.NewReader(form.Encode()))
				if err != nil {
					errs[i] = err
					return
				}
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.51.100.%d", i))
				req.AddCookie(cookie)
				<-start
				resp, err := client.Do(req)
				if err != nil {
					errs[i] = err
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				statuses[i], bodies[i], errs[i] = resp.StatusCode, string(body), err
			})
		}
		close(start)
		wg.Wait()
		counts := map[int]int{}
		for i, status := range statuses {
			if errs[i] != nil {
				t.Fatalf("sign-in %d: %v", i, errs[i])
			}
			counts[status]++
			if status == http.StatusServiceUnavailable && !strings.Contains(bodies[i], "Hearth is busy. Wait a moment, then try again.") {
				t.Errorf("a busy answer does not say so: %.300s", bodies[i])
			}
		}
		peak := peakMemory(t, cmd.Process.Pid)
		t.Logf("%d sign-ins at once: answers %v; peak resident memory %d MiB (%d MiB before them)",
			signInFlood, counts, peak>>20, idle>>20)
		if counts[http.StatusUnprocessableEntity]+counts[http.StatusServiceUnavailable] != signInFlood ||
			counts[http.StatusUnprocessableEntity] == 0 {
			t.Errorf("answers %v, want each sign-in refused as wrong (422) or busy (503), and some checked", counts)
		}
		if peak > memoryCeiling {
			t.Errorf("the server's peak resident memory reached %d MiB, over %d MiB", peak>>20, memoryCeiling>>20)
		}
	})
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// signInForm loads the sign-in page and returns the form-token cookie and
// the token the form carries.
func signInForm(t *testing.T, base string) (*http.Cookie, string) {
	t.Helper()
	resp, err := http.Get(base + "/sign-in")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	m := csrfField.FindSubmatch(body)
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "hearth_csrf" {
			cookie = c
		}
	}
	if m == nil || cookie == nil {
		t.Fatalf("the sign-in page has no form token (%d)", resp.StatusCode)
	}
	return cookie, string(m[1])
}

// peakMemory is the most resident memory process pid has held, in bytes.
func peakMemory(t *testing.T, pid int) int64 {
	t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc to read memory from: %v", err)
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatalf("VmHWM %q: %v", v, err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}
