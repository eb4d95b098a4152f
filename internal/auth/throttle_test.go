package auth

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestThrottleLocksAccount shows five failures lock that address for the
// window, whoever else signs in; a success clears none of them, so the
// failures before it still count.
func TestThrottleLocksAccount(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		clk := newClock()
		th := testThrottle(st)
		th.now = clk.now
		for i := 0; i < 4; i++ {
			mustFail(t, th, "Zoe@Example.org", fmt.Sprintf("10.0.0.%d", i))
			clk.advance(time.Minute)
		}
		if blocked, _ := blockedFor(t, th, "zoe@example.org", "10.9.9.9"); blocked {
			t.Fatal("blocked after 4 failures")
		}
		mustFail(t, th, "zoe@example.org", "10.0.0.9")
		blocked, wait := blockedFor(t, th, " ZOE@example.org ", "10.9.9.9")
		if !blocked || wait != 11*time.Minute {
			t.Errorf("after 5 failures: blocked %v, wait %v; want blocked for 11m (the first failure leaves the window)", blocked, wait)
		}
		if blocked, _ := blockedFor(t, th, "sian@example.org", "10.9.9.9"); blocked {
			t.Error("another account is blocked too")
		}
		clk.advance(11 * time.Minute)
		if blocked, _ := blockedFor(t, th, "zoe@example.org", "10.9.9.9"); blocked {
			t.Error("still blocked once the oldest failure left the window")
		}
		mustSucceed(t, th, "zoe@example.org", "10.0.0.1")
		mustFail(t, th, "zoe@example.org", "10.0.0.1")
		if blocked, _ := blockedFor(t, th, "zoe@example.org", "10.9.9.9"); !blocked {
			t.Error("not blocked by a fifth failure in the window after a success: the success cleared the four before it")
		}
	})
}

// TestThrottleChecksAtMostTheLimitAtOnce begins 40 attempts for one
// account at once, on both databases: at most five are let through to be
// checked, because each counts as a failure from the moment it begins.
func TestThrottleChecksAtMostTheLimitAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		th := testThrottle(st)
		attempts := make([]Attempt, 40)
		errs := make([]error, len(attempts))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range attempts {
			wg.Go(func() {
				<-start
				attempts[i], errs[i] = th.Begin(t.Context(), "zoe@example.org", fmt.Sprintf("10.0.0.%d", i))
			})
		}
		close(start)
		wg.Wait()
		through := 0
		for i, a := range attempts {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			if !a.Blocked {
				through++
			}
		}
		if through != th.PerAccount {
			t.Errorf("%d of 40 attempts begun at once were let through, want %d", through, th.PerAccount)
		}
	})
}

// TestThrottleSuccessClearsNothing shows a success leaving every failure
// in the window counted: one decided before it began, one begun before it
// and decided after, and one begun while it was being checked (guesses
// sent alongside the owner's sign-in). Before, a success cleared the
// account's failures, so guesses raced alongside it were never locked out.
func TestThrottleSuccessClearsNothing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		clk := newClock()
		th := testThrottle(st)
		th.now = clk.now
		begin := func() Attempt {
			t.Helper()
			clk.advance(time.Second)
			a, err := th.Begin(t.Context(), "zoe@example.org", "10.0.0.1")
			if err != nil || a.Blocked {
				t.Fatalf("begin: %+v %v", a, err)
			}
			return a
		}
		end := func(f func(context.Context, Attempt) error, a Attempt) {
			t.Helper()
			clk.advance(time.Second)
			if err := f(t.Context(), a); err != nil {
				t.Fatal(err)
			}
		}
		earlier := begin()
		end(th.Fail, earlier) // decided before the success began
		before := begin()     // begun before the success, decided after it began
		success := begin()
		during := begin() // begun while the success was being checked
		end(th.Fail, before)
		end(th.Succeed, success)
		end(th.Fail, during)
		// All three still count: two more failures lock the account.
		for range th.PerAccount - 3 {
			end(th.Fail, begin())
		}
		if blocked, _ := blockedFor(t, th, "zoe@example.org", "10.0.0.1"); !blocked {
			t.Error("not locked after two more failures: the success cleared failures")
		}
	})
}

// TestThrottleCancelCountsNeitherWay shows an attempt cancelled (never
// checked) is no failure, and one still being checked is.
func TestThrottleCancelCountsNeitherWay(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		th := testThrottle(st)
		for range th.PerAccount * 2 {
			a, err := th.Begin(t.Context(), "zoe@example.org", "10.0.0.1")
			if err != nil || a.Blocked {
				t.Fatalf("begin after cancelled attempts: %+v %v", a, err)
			}
			if err := th.Cancel(t.Context(), a); err != nil {
				t.Fatal(err)
			}
		}
		for range th.PerAccount {
			if _, err := th.Begin(t.Context(), "zoe@example.org", "10.0.0.1"); err != nil {
				t.Fatal(err)
			}
		}
		if blocked, _ := blockedFor(t, th, "zoe@example.org", "10.0.0.1"); !blocked {
			t.Error("five attempts still being checked do not block a sixth")
		}
	})
}

// TestThrottleBlocksAddress shows one client address trying many accounts
// is blocked, and other addresses are not.
func TestThrottleBlocksAddress(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		th := testThrottle(st)
		th.PerAddress = 10
		for i := 0; i < 10; i++ {
			mustFail(t, th, fmt.Sprintf("person%d@example.org", i), "192.0.2.7")
		}
		if blocked, _ := blockedFor(t, th, "new@example.org", "192.0.2.7"); !blocked {
			t.Error("address not blocked after 10 failures across accounts")
		}
		if blocked, _ := blockedFor(t, th, "new@example.org", "192.0.2.8"); blocked {
			t.Error("another address is blocked")
		}
	})
}

// TestThrottlePurge shows attempts older than the window are removed and
// recent ones kept.
func TestThrottlePurge(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clk := newClock()
		th := testThrottle(st)
		th.now = clk.now
		mustFail(t, th, "old@example.org", "10.0.0.1")
		clk.advance(20 * time.Minute)
		mustFail(t, th, "new@example.org", "10.0.0.1")
		if n, err := th.Purge(ctx); err != nil || n != 1 {
			t.Errorf("Purge = %d, %v; want 1", n, err)
		}
		if n := st.Client.SignInAttempt.Query().CountX(ctx); n != 1 {
			t.Errorf("attempts left = %d, want 1", n)
		}
	})
}

// TestUnrecognisedText shows text naming no account is recorded as a
// keyed hash that holds none of it: the same (ignoring case and spaces)
// from every server sharing a database, whether the key is kept in the
// database or derived from HEARTH_SECRET_KEY, and different under
// another HEARTH_SECRET_KEY.
func TestUnrecognisedText(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		hash := func(th *Throttle, typed string) string {
			t.Helper()
			s, err := th.Unrecognised(t.Context(), typed)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		typed := "Correct-Horse-Battery-42"
		stored := hash(NewThrottle(st.Client, st.Dialect, nil), typed)
		if !strings.HasPrefix(stored, UnrecognisedPrefix) || strings.Contains(strings.ToLower(stored), "horse") || strings.Contains(stored, "@") {
			t.Errorf("Unrecognised(%q) = %q", typed, stored)
		}
		if again := hash(NewThrottle(st.Client, st.Dialect, nil), "  correct-horse-battery-42 "); again != stored {
			t.Errorf("another server hashes the same text to %q, want %q", again, stored)
		}
		if other := hash(NewThrottle(st.Client, st.Dialect, nil), "correct-horse-battery-43"); other == stored {
			t.Error("other text hashes the same")
		}
		key := []byte("0123456789abcdef0123456789abcdef")
		derived := hash(NewThrottle(st.Client, st.Dialect, key), typed)
		if derived == stored || hash(NewThrottle(st.Client, st.Dialect, key), typed) != derived {
			t.Errorf("with HEARTH_SECRET_KEY: %q, want one hash, and not the stored key's %q", derived, stored)
		}
		if hash(NewThrottle(st.Client, st.Dialect, []byte("another key, another 32 bytes..")), typed) == derived {
			t.Error("another HEARTH_SECRET_KEY gives the same hash")
		}
		if n := st.Client.ServiceSecret.Query().CountX(t.Context()); n != 1 {
			t.Errorf("%d keys kept in the database, want 1", n)
		}
	})
}

func testThrottle(st *store.Store) *Throttle { return NewThrottle(st.Client, st.Dialect, nil) }

// blockedFor begins an attempt and, if it was let through, cancels it, so
// that asking leaves nothing behind.
func blockedFor(t *testing.T, th *Throttle, key, address string) (bool, time.Duration) {
	t.Helper()
	a, err := th.Begin(t.Context(), key, address)
	if err != nil {
		t.Fatal(err)
	}
	if err := th.Cancel(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	return a.Blocked, a.Wait
}

func mustFail(t *testing.T, th *Throttle, key, address string) {
	t.Helper()
	mustEnd(t, th, key, address, th.Fail)
}

func mustSucceed(t *testing.T, th *Throttle, key, address string) {
	t.Helper()
	mustEnd(t, th, key, address, th.Succeed)
}

func mustEnd(t *testing.T, th *Throttle, key, address string, end func(context.Context, Attempt) error) {
	t.Helper()
	a, err := th.Begin(t.Context(), key, address)
	if err != nil || a.Blocked {
		t.Fatalf("begin a sign-in attempt: %+v %v", a, err)
	}
	if err := end(t.Context(), a); err != nil {
		t.Fatalf("end a sign-in attempt: %v", err)
	}
}
