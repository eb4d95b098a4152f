package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// clock is a settable time for sessions and throttles under test.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock                   { return &clock{t: time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC)} }
func mustUser(t *testing.T, c *ent.Client, email string) *ent.User {
	t.Helper()
	u, err := c.User.Create().SetEmail(email).SetName("Test User").SetRole("ssw").Save(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestSessionLifetime shows a session lives while used, ends after the
// idle timeout, ends at the absolute limit however busy, and can be ended.
func TestSessionLifetime(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clk := newClock()
		s := NewSessions(st.Client)
		s.now = clk.now
		u := mustUser(t, st.Client, "siân@example.org")
		token, err := s.Start(ctx, u.ID, true, "127.0.0.1", "test")
		if err != nil {
			t.Fatal(err)
		}
		other, _ := s.Start(ctx, u.ID, true, "127.0.0.1", "test")
		if token == other || len(token) != 43 {
			t.Fatalf("tokens %q and %q: want distinct 256-bit tokens", token, other)
		}
		var stored int
		if err := st.DB.QueryRow("SELECT COUNT(*) FROM sessions WHERE token_hash = $1", token).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored != 0 {
			t.Error("the raw token is stored")
		}
		// Used every 20 minutes, it outlives the 30-minute idle timeout...
		for i := 0; i < 5; i++ {
			clk.advance(20 * time.Minute)
			if sess, err := s.Lookup(ctx, token); err != nil || sess.Edges.User.ID != u.ID {
				t.Fatalf("lookup after %d×20 min: %v", i+1, err)
			}
		}
		// ...while the unused one has lapsed.
		if _, err := s.Lookup(ctx, other); !errors.Is(err, ErrNoSession) {
			t.Errorf("idle session: err = %v, want ErrNoSession", err)
		}
		// The absolute limit ends even a busy session.
		for clk.t.Before(time.Date(2026, 3, 29, 12, 20, 0, 0, time.UTC)) {
			clk.advance(20 * time.Minute)
			_, _ = s.Lookup(ctx, token) // only to keep it busy; the last may find it ended
		}
		if _, err := s.Lookup(ctx, token); !errors.Is(err, ErrNoSession) {
			t.Errorf("session past 12 hours: err = %v, want ErrNoSession", err)
		}
		for _, bad := range []string{"", "nonsense", strings.Repeat("x", 500)} {
			if _, err := s.Lookup(ctx, bad); !errors.Is(err, ErrNoSession) {
				t.Errorf("Lookup(%.10q): err = %v", bad, err)
			}
		}
	})
}

// TestSignOut shows End ends one session, EndAll every session of one user
// and no one else's, and deactivating an account ends its sessions' use.
func TestSignOut(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		s := NewSessions(st.Client)
		a, b := mustUser(t, st.Client, "a@example.org"), mustUser(t, st.Client, "b@example.org")
		a1, _ := s.Start(ctx, a.ID, true, "", "")
		a2, _ := s.Start(ctx, a.ID, true, "", "")
		b1, _ := s.Start(ctx, b.ID, true, "", "")
		if err := s.End(ctx, a1); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Lookup(ctx, a1); !errors.Is(err, ErrNoSession) {
			t.Errorf("ended session still works")
		}
		if _, err := s.Lookup(ctx, a2); err != nil {
			t.Errorf("other session of the same user ended too: %v", err)
		}
		if n, err := s.EndAll(ctx, a.ID); err != nil || n != 1 {
			t.Errorf("EndAll = %d, %v; want 1", n, err)
		}
		if _, err := s.Lookup(ctx, a2); !errors.Is(err, ErrNoSession) {
			t.Error("session survived sign-out everywhere")
		}
		if _, err := s.Lookup(ctx, b1); err != nil {
			t.Errorf("another user's session ended: %v", err)
		}
		st.Client.User.UpdateOneID(b.ID).SetActive(false).ExecX(ctx)
		if _, err := s.Lookup(ctx, b1); !errors.Is(err, ErrNoSession) {
			t.Error("a deactivated account's session still works")
		}
	})
}

// TestSessionsAreShared shows a session started through one connection pool
// — one server process — is honoured by another on the same database, and
// that a sign-out through either is seen by both.
func TestSessionsAreShared(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			url, path := "", ""
			if d == "postgres" {
				url = storetest.PostgresURL(t)
			} else {
				path = t.TempDir() + "/hearth.db"
			}
			one, two := storetest.Open(t, url, path), storetest.Open(t, url, path)
			storetest.Migrate(t, one)
			u := mustUser(t, one.Client, "ngozi@example.net")
			token, err := NewSessions(one.Client).Start(ctx, u.ID, true, "", "")
			if err != nil {
				t.Fatal(err)
			}
			if sess, err := NewSessions(two.Client).Lookup(ctx, token); err != nil || sess.UserID != u.ID {
				t.Fatalf("second process: %v", err)
			}
			if err := NewSessions(two.Client).End(ctx, token); err != nil {
				t.Fatal(err)
			}
			if _, err := NewSessions(one.Client).Lookup(ctx, token); !errors.Is(err, ErrNoSession) {
				t.Error("first process still honours a session ended through the second")
			}
		})
	}
}

// TestPurgeSessions shows expired sessions are removed and live ones kept.
func TestPurgeSessions(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clk := newClock()
		s := NewSessions(st.Client)
		s.now = clk.now
		u := mustUser(t, st.Client, "a@example.org")
		if _, err := s.Start(ctx, u.ID, true, "", ""); err != nil {
			t.Fatal(err)
		}
		clk.advance(time.Hour)
		live, _ := s.Start(ctx, u.ID, true, "", "")
		if n, err := s.Purge(ctx); err != nil || n != 1 {
			t.Errorf("Purge = %d, %v; want 1", n, err)
		}
		if _, err := s.Lookup(ctx, live); err != nil {
			t.Errorf("live session purged: %v", err)
		}
	})
}
