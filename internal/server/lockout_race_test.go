package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/signinattempt"
)

// racers is how many attempts each lockout test sends at once: 40 wrong
// and the right one.
const racers = 41

// TestSignInLockoutHoldsUnderConcurrency sends 40 wrong passwords and the
// right one for one account all at once, on both databases: at most five
// wrong ones reach the password check (answered "Enter a correct email
// address and password"), the rest but the right one are refused as
// locked out without it, and the right one, if it was checked, wipes none
// of the failures that raced with it.
func TestSignInLockoutHoldsUnderConcurrency(t *testing.T) {
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		mustCreateUser(t, st.Client, "zoe@example.org", "carer")
		statuses := postAtOnce(t, s, "/sign-in", func(i int) url.Values {
			password := fmt.Sprintf("wrong guess number %d", i)
			if i == racers/2 {
				password = testPassword
			}
			return url.Values{"email": {"zoe@example.org"}, "password": {password}}
		})
		wrong := statuses[http.StatusUnprocessableEntity]
		t.Logf("answers by status: %v", statuses)
		if wrong > s.Throttle.PerAccount || statuses[http.StatusTooManyRequests] != racers-wrong-statuses[http.StatusSeeOther] {
			t.Errorf("%d of %d wrong passwords were checked (answers %v), want at most %d and the rest refused with 429",
				wrong, racers-1, statuses, s.Throttle.PerAccount)
		}
		failures := st.Client.SignInAttempt.Query().
			Where(signinattempt.Email("zoe@example.org"), signinattempt.Succeeded(false)).CountX(t.Context())
		if failures != statuses[http.StatusUnprocessableEntity] {
			t.Errorf("%d failures recorded for %d wrong passwords checked: the right one wiped the failures that raced with it",
				failures, statuses[http.StatusUnprocessableEntity])
		}
	})
}

// TestSecondFactorLockoutHoldsUnderConcurrency is the same race at the
// code step: 40 wrong codes and the right one at once, each from a
// browser that has given the password, check at most five wrong codes,
// and the right one wipes none of the failures that raced with it.
func TestSecondFactorLockoutHoldsUnderConcurrency(t *testing.T) {
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
		newBrowser(t, s).signIn("ssw@example.org", testPassword) // enrols
		st.Client.User.Update().SetMfaLastStep(0).ExecX(t.Context())
		secret := newBrowser(t, s).user("ssw@example.org").MfaSecret
		browsers := make([]*browser, racers)
		for i := range browsers {
			browsers[i] = newBrowser(t, s)
			browsers[i].passwordStep("ssw@example.org")
			browsers[i].get("/sign-in/code")
		}
		statuses := postEachAtOnce(t, browsers, "/sign-in/code", func(i int) url.Values {
			code := fmt.Sprintf("%06d", 100000+i)
			if i == racers/2 {
				code = mustCode(t, secret)
			}
			return url.Values{"code": {code}}
		})
		wrong := statuses[http.StatusUnprocessableEntity]
		t.Logf("answers by status: %v", statuses)
		if wrong > s.Throttle.PerAccount || statuses[http.StatusTooManyRequests] != racers-wrong-statuses[http.StatusSeeOther] {
			t.Errorf("%d of %d wrong codes were checked (answers %v), want at most %d and the rest refused with 429",
				wrong, racers-1, statuses, s.Throttle.PerAccount)
		}
		failures := st.Client.SignInAttempt.Query().
			Where(signinattempt.Email("code:ssw@example.org"), signinattempt.Succeeded(false)).CountX(t.Context())
		if failures != statuses[http.StatusUnprocessableEntity] {
			t.Errorf("%d failures recorded for %d wrong codes checked: the right one wiped the failures that raced with it",
				failures, statuses[http.StatusUnprocessableEntity])
		}
	})
}

// postAtOnce posts racers forms to path, each from a fresh browser that
// has loaded the sign-in page, all released together, and counts the
// answers by status.
func postAtOnce(t *testing.T, s *Server, path string, form func(i int) url.Values) map[int]int {
	t.Helper()
	browsers := make([]*browser, racers)
	for i := range browsers {
		browsers[i] = newBrowser(t, s)
		browsers[i].get("/sign-in")
	}
	return postEachAtOnce(t, browsers, path, form)
}

// postEachAtOnce posts form(i) from browsers[i], all released together.
// Requests are built first and sent without the browsers' helpers, which
// may not fail a test from another goroutine.
func postEachAtOnce(t *testing.T, browsers []*browser, path string, form func(i int) url.Values) map[int]int {
	t.Helper()
	reqs := make([]*http.Request, len(browsers))
	for i, b := range browsers {
		f := form(i)
		f.Set("csrf_token", b.csrf)
		req := httptest.NewRequest("POST", path, strings.NewReader(f.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		for name, value := range b.cookies {
			req.AddCookie(&http.Cookie{Name: name, Value: value})
		}
		reqs[i] = req
	}
	app := browsers[0].s.app
	statuses := make([]int, len(reqs))
	errs := make([]error, len(reqs))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, req := range reqs {
		wg.Go(func() {
			<-start
			resp, err := app.Test(req, fiber.TestConfig{Timeout: 30 * time.Second})
			if err != nil {
				errs[i] = err
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		})
	}
	close(start)
	wg.Wait()
	counts := map[int]int{}
	for i, status := range statuses {
		if errs[i] != nil {
			t.Fatalf("request %d: %v", i, errs[i])
		}
		counts[status]++
	}
	return counts
}
