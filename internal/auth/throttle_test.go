package auth

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestThrottleLocksAccount shows five failures lock that address for the
// window, whoever else signs in, and a success starts afresh.
func TestThrottleLocksAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clk := newClock()
		th := NewThrottle(st.Client)
		th.now = clk.now
		for i := 0; i < 4; i++ {
			mustRecord(t, th, "Zoe@Example.org", fmt.Sprintf("10.0.0.%d", i), false)
			clk.advance(time.Minute)
		}
		if blocked, _, err := th.Blocked(ctx, "zoe@example.org", "10.9.9.9"); err != nil || blocked {
			t.Fatalf("blocked after 4 failures: %v %v", blocked, err)
		}
		mustRecord(t, th, "zoe@example.org", "10.0.0.9", false)
		blocked, wait, err := th.Blocked(ctx, " ZOE@example.org ", "10.9.9.9")
		if err != nil || !blocked || wait != 11*time.Minute {
			t.Errorf("after 5 failures: blocked %v, wait %v, %v; want blocked for 11m (the first failure leaves the window)", blocked, wait, err)
		}
		if blocked, _, _ := th.Blocked(ctx, "sian@example.org", "10.9.9.9"); blocked {
			t.Error("another account is blocked too")
		}
		clk.advance(11 * time.Minute)
		if blocked, _, _ := th.Blocked(ctx, "zoe@example.org", "10.9.9.9"); blocked {
			t.Error("still blocked once the oldest failure left the window")
		}
		mustRecord(t, th, "zoe@example.org", "10.0.0.1", true)
		if n := st.Client.SignInAttempt.Query().CountX(ctx); n != 1 {
			t.Errorf("attempts after a success = %d, want only the success", n)
		}
	})
}

// TestThrottleBlocksAddress shows one client address trying many accounts
// is blocked, and other addresses are not.
func TestThrottleBlocksAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		th := NewThrottle(st.Client)
		th.PerAddress = 10
		for i := 0; i < 10; i++ {
			mustRecord(t, th, fmt.Sprintf("person%d@example.org", i), "192.0.2.7", false)
		}
		if blocked, _, _ := th.Blocked(ctx, "new@example.org", "192.0.2.7"); !blocked {
			t.Error("address not blocked after 10 failures across accounts")
		}
		if blocked, _, _ := th.Blocked(ctx, "new@example.org", "192.0.2.8"); blocked {
			t.Error("another address is blocked")
		}
	})
}

// TestThrottlePurge shows attempts older than the window are removed and
// recent ones kept.
func TestThrottlePurge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clk := newClock()
		th := NewThrottle(st.Client)
		th.now = clk.now
		mustRecord(t, th, "old@example.org", "10.0.0.1", false)
		clk.advance(20 * time.Minute)
		mustRecord(t, th, "new@example.org", "10.0.0.1", false)
		if n, err := th.Purge(ctx); err != nil || n != 1 {
			t.Errorf("Purge = %d, %v; want 1", n, err)
		}
		if n := st.Client.SignInAttempt.Query().CountX(ctx); n != 1 {
			t.Errorf("attempts left = %d, want 1", n)
		}
	})
}

func mustRecord(t *testing.T, th *Throttle, email, address string, succeeded bool) {
	t.Helper()
	if err := th.Record(context.Background(), email, address, succeeded); err != nil {
		t.Fatalf("record sign-in attempt: %v", err)
	}
}
