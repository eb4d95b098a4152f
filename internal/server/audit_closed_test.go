package server

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/hook"
	"github.com/hearth-registry/hearth/ent/session"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store"
)

// breakSignInAudit makes every write of a sign-in event (login or
// login_failed) to the audit trail fail, as a full disk or a lost
// connection would, leaving every other write working. A hook on the
// model is where a real database error would surface, and failing only
// these events shows the sign-in itself refusing, rather than some
// earlier write (the session, the throttle) failing first.
// It returns the switch: the writes fail while it is on (as it starts).
func breakSignInAudit(st *store.Store) *atomic.Bool {
	broken := new(atomic.Bool)
	broken.Store(true)
	st.Client.AuditEvent.Use(func(next ent.Mutator) ent.Mutator {
		return hook.AuditEventFunc(func(ctx context.Context, m *ent.AuditEventMutation) (ent.Value, error) {
			if a, ok := m.Action(); ok && broken.Load() && (a == auditevent.ActionLogin || a == auditevent.ActionLoginFailed) {
				return nil, errors.New("the audit trail cannot be written")
			}
			return next.Mutate(ctx, m)
		})
	})
	return broken
}

// TestSignInFailsClosedWhenAuditFails shows that a sign-in whose audit
// entry cannot be written does not sign anyone in: no session cookie, no
// session left in the database, and nothing opens; a wrong password is
// not answered as if it had been recorded; an API token's use that cannot
// be audited fails its request, and the next request audits the use.
func TestSignInFailsClosedWhenAuditFails(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		carer := mustCreateUser(t, st.Client, "zoe@example.org", "carer")
		ssw := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
		newBrowser(t, s).signIn("ssw@example.org", testPassword) // enrols
		st.Client.Session.Delete().ExecX(t.Context())
		api := newAPIClient(t, s, "manager")
		broken := breakSignInAudit(st)

		signedInAs := func(t *testing.T, b *browser, resp *http.Response, userID int) {
			t.Helper()
			if resp.StatusCode < 500 {
				t.Errorf("answered %d %s; want a failure", resp.StatusCode, resp.Header.Get("Location"))
			}
			for _, c := range resp.Cookies() {
				if c.Name == httpx.SessionCookie && c.Value != "" {
					t.Errorf("a session cookie was set")
				}
			}
			if n := st.Client.Session.Query().Where(session.UserID(userID), session.MfaPassed(true)).CountX(t.Context()); n != 0 {
				t.Errorf("%d signed-in sessions left in the database", n)
			}
			if resp, _ := b.get("/"); resp.StatusCode == 200 {
				t.Error("the home page opens")
			}
		}
		t.Run("Password", func(t *testing.T) {
			b := newBrowser(t, s)
			b.get("/sign-in")
			resp, _ := b.post("/sign-in", url.Values{"email": {"zoe@example.org"}, "password": {testPassword}})
			signedInAs(t, b, resp, carer.ID)
			if n := st.Client.Session.Query().Where(session.UserID(carer.ID)).CountX(t.Context()); n != 0 {
				t.Errorf("%d sessions left in the database", n)
			}
		})
		t.Run("SecondFactor", func(t *testing.T) {
			b := newBrowser(t, s)
			if next := b.passwordStep("ssw@example.org"); next != "/sign-in/code" {
				t.Fatalf("after the password: %s", next)
			}
			b.get("/sign-in/code")
			st.Client.User.UpdateOneID(ssw.ID).SetMfaLastStep(0).ExecX(t.Context())
			resp, _ := b.post("/sign-in/code", url.Values{"code": {mustCode(t, b.user("ssw@example.org").MfaSecret)}})
			signedInAs(t, b, resp, ssw.ID)
		})
		t.Run("TokenUse", func(t *testing.T) {
			api.t = t
			if resp, _ := api.send("GET", "/api/v1/status", ""); resp.StatusCode < 500 {
				t.Errorf("a token use that could not be audited answered %d; want a failure", resp.StatusCode)
			}
			broken.Store(false)
			defer broken.Store(true)
			if resp, body := api.send("GET", "/api/v1/status", ""); resp.StatusCode != 200 {
				t.Fatalf("next request: %d %s", resp.StatusCode, body)
			}
			if n := st.Client.AuditEvent.Query().Where(auditevent.Entity("api_token"), auditevent.ActionEQ(auditevent.ActionLogin)).CountX(t.Context()); n != 1 {
				t.Errorf("%d uses of the token audited, want 1", n)
			}
		})
		t.Run("WrongPassword", func(t *testing.T) {
			b := newBrowser(t, s)
			b.get("/sign-in")
			resp, _ := b.post("/sign-in", url.Values{"email": {"zoe@example.org"}, "password": {"not the password at all"}})
			if resp.StatusCode < 500 {
				t.Errorf("a wrong password whose audit failed answered %d; want a failure", resp.StatusCode)
			}
		})
	})
}

// TestLongTypedEmailAudited shows a failed sign-in as an address far
// longer than the trail's label holds still refused as usual (422) and
// audited: the audit never fails, and so never fails the sign-in, on what a
// stranger types. Text naming no account is kept only as the throttle's
// keyed hash of it, which always fits.
func TestLongTypedEmailAudited(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		typed := strings.Repeat("é", 500) + "@example.org"
		b := newBrowser(t, s)
		b.get("/sign-in")
		resp, _ := b.post("/sign-in", url.Values{"email": {typed}, "password": {"not the password at all"}})
		if resp.StatusCode != 422 {
			t.Errorf("answered %d, want 422", resp.StatusCode)
		}
		events := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionLoginFailed)).AllX(t.Context())
		if len(events) != 1 {
			t.Fatalf("%d failed sign-ins audited, want 1", len(events))
		}
		want, err := s.Throttle.Unrecognised(t.Context(), typed)
		if err != nil {
			t.Fatal(err)
		}
		if label := events[0].ActorLabel; label != want || strings.Contains(label, "é") {
			t.Errorf("audited as %q, want the keyed hash %q", label, want)
		}
	})
}
