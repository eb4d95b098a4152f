package ui

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// signInForm is what the sign-in form posts.
type signInForm struct {
	Email    string `form:"email"`
	Password string `form:"password"`
}

// HandleSignInForm handles GET /sign-in.
func (s *Handler) HandleSignInForm(c fiber.Ctx) error {
	if httpx.CurrentUser(c) != nil {
		return c.Redirect().Status(fiber.StatusSeeOther).To("/")
	}
	return s.renderSignIn(c, fiber.StatusOK, signInForm{}, nil, c.Query("signed-out") != "")
}

// HandleSignIn handles POST /sign-in. Every failure says the same thing, so
// the page never reveals whether an email address has an account.
func (s *Handler) HandleSignIn(c fiber.Ctx) error {
	in := signInForm{Email: strings.TrimSpace(c.FormValue("email")), Password: c.FormValue("password")}
	fields := map[string]string{}
	if in.Email == "" {
		fields["email"] = "Enter your email address"
	}
	if in.Password == "" {
		fields["password"] = "Enter your password"
	}
	if len(fields) > 0 {
		return s.renderSignIn(c, fiber.StatusUnprocessableEntity, in, fields, false)
	}
	ctx, address := c.Context(), c.IP()
	u, subject, err := s.signInSubject(c, in.Email)
	if err != nil {
		return err
	}
	attempt, err := s.Throttle.Begin(ctx, subject, address)
	if err != nil {
		return err
	}
	if attempt.Blocked {
		if err := s.auditSignIn(c, nil, subject, auditevent.ActionLoginFailed, "locked out: too many failed attempts"); err != nil {
			return err
		}
		return s.renderSignIn(c, fiber.StatusTooManyRequests, in, map[string]string{
			"email": tooMany("attempts to sign in", attempt.Wait),
		}, false)
	}
	if err := checkPassword(u, in.Password); err != nil {
		if errors.Is(err, auth.ErrBusy) {
			// Not checked, so it counts neither way.
			return errors.Join(err, s.Throttle.Cancel(ctx, attempt))
		}
		if !errors.Is(err, auth.ErrPasswordMismatch) {
			return err
		}
		if err := s.Throttle.Fail(ctx, attempt); err != nil {
			return err
		}
		if err := s.auditSignIn(c, activeOnly(u), subject, auditevent.ActionLoginFailed, "wrong email or password"); err != nil {
			return err
		}
		return s.renderSignIn(c, fiber.StatusUnprocessableEntity, in, map[string]string{
			"email": "Enter a correct email address and password",
		}, false)
	}
	if err := s.Throttle.Succeed(ctx, attempt); err != nil {
		return err
	}
	return s.startSession(c, u, in)
}

// signInSubject returns the account whose address was typed, if any, and
// what the throttle and the audit trail call the attempt: that address,
// or, for text that names no account (often a password typed in the
// wrong box), only a keyed hash of it.
func (s *Handler) signInSubject(c fiber.Ctx, typed string) (*ent.User, string, error) {
	u, err := auth.AccountFor(c.Context(), s.Store.Client, typed)
	if err != nil {
		return nil, "", err
	}
	if u != nil {
		return u, u.Email, nil
	}
	subject, err := s.Throttle.Unrecognised(c.Context(), typed)
	return nil, subject, err
}

// checkPassword checks password against u's, spending the same work
// whether or not u exists, is active, or has a password yet.
func checkPassword(u *ent.User, password string) error {
	if activeOnly(u) == nil {
		return auth.VerifyNoAccount(password)
	}
	err := auth.VerifyPassword(u.PasswordHash, password)
	if err != nil && u.PasswordHash == "" {
		return auth.ErrPasswordMismatch // an account that has no password yet cannot sign in
	}
	return err
}

// activeOnly is u if it is an account that may sign in, or nil.
func activeOnly(u *ent.User) *ent.User {
	if u == nil || !u.Active {
		return nil
	}
	return u
}

// startSession signs the user in: a new session (any old one ends, so a
// planted token is useless), the password hash upgraded if it is old. A
// sign-in that cannot be audited does not happen: the new session ends
// before the browser is given it.
func (s *Handler) startSession(c fiber.Ctx, u *ent.User, in signInForm) error {
	ctx := c.Context()
	if old := c.Cookies(httpx.SessionCookie); old != "" {
		if err := s.Sessions.End(ctx, old); err != nil {
			return err
		}
	}
	// A password alone completes sign-in only for a carer who has not
	// chosen a second factor; everyone else continues to the code page or,
	// staff without one yet, to enrolment.
	full := u.MfaEnabledAt == nil && !auth.MFARequired(u.Role)
	token, err := s.Sessions.Start(ctx, u.ID, full, c.IP(), c.Get(fiber.HeaderUserAgent))
	if err != nil {
		return err
	}
	if err := auth.NoteSignIn(ctx, s.Store.Client, u, in.Password, time.Now()); err != nil {
		return s.abandonSession(c, token, err)
	}
	if full {
		if err := s.auditSignIn(c, u, in.Email, auditevent.ActionLogin, "password"); err != nil {
			return s.abandonSession(c, token, err)
		}
	}
	s.SetSessionCookie(c, token)
	s.prune(c)
	if !full {
		return c.Redirect().Status(fiber.StatusSeeOther).To(httpx.FinishSignInPath(u))
	}
	return c.Redirect().Status(fiber.StatusSeeOther).To("/")
}

// abandonSession ends a session started by this request, which failed
// before giving the browser its token, and returns why it failed. Should
// ending it fail too, the token was never handed out, so nobody can use
// what is left, and it expires.
func (s *Handler) abandonSession(c fiber.Ctx, token string, cause error) error {
	if err := s.Sessions.End(c.Context(), token); err != nil {
		return errors.Join(cause, fmt.Errorf("end the abandoned session: %w", err))
	}
	return cause
}

// HandleSignOut handles POST /sign-out. The session ends first: should the
// audit entry then fail, the person is signed out and the failure shows.
func (s *Handler) HandleSignOut(c fiber.Ctx) error {
	if err := s.Sessions.End(c.Context(), c.Cookies(httpx.SessionCookie)); err != nil {
		return err
	}
	s.ClearSessionCookie(c)
	if u := httpx.SigningInUser(c); u != nil {
		if err := s.auditSignIn(c, u, u.Email, auditevent.ActionLogout, ""); err != nil {
			return err
		}
	}
	return c.Redirect().Status(fiber.StatusSeeOther).To("/sign-in?signed-out=1")
}

// HandleSignOutEverywhere handles POST /sign-out-everywhere: every session
// of this account, on every device, ends.
func (s *Handler) HandleSignOutEverywhere(c fiber.Ctx) error {
	u := httpx.CurrentUser(c)
	n, err := s.Sessions.EndAll(c.Context(), u.ID)
	if err != nil {
		return err
	}
	s.ClearSessionCookie(c)
	if err := s.auditSignIn(c, u, u.Email, auditevent.ActionLogout, fmt.Sprintf("signed out everywhere: %d sessions", n)); err != nil {
		return err
	}
	return c.Redirect().Status(fiber.StatusSeeOther).To("/sign-in?signed-out=1")
}

func (s *Handler) renderSignIn(c fiber.Ctx, status int, in signInForm, fields map[string]string, signedOut bool) error {
	return s.Render(c, status, "sign_in", fiber.Map{
		"Title": "Sign in", "Email": in.Email, "Errors": fields, "SignedOut": signedOut,
	})
}

// auditSignIn records a sign-in event. The password is never recorded; a
// failed attempt records why it failed and the throttle's name for what
// was typed as the address (see signInSubject), never other text typed. An
// event that cannot be recorded is returned as an error, and the caller
// fails what it was doing: a sign-in, a refusal or a lockout nobody can
// later find in the trail must not happen quietly.
func (s *Handler) auditSignIn(c fiber.Ctx, u *ent.User, email string, action auditevent.Action, reason string) error {
	actor, entityID := httpx.RequestActor(c), 0
	actor.Label = strings.ToLower(email)
	if u != nil {
		actor, entityID = httpx.UserActor(c, u), u.ID
	}
	var changes audit.Changes
	if reason != "" {
		changes = audit.Changes{"reason": {New: reason}}
	}
	return registry.Audit(c.Context(), s.Store.Client, actor, action, "user", entityID, changes)
}

// prune deletes expired sessions and sign-in attempts too old to matter.
// Doing it at sign-in keeps both tables small without a scheduler, on any
// number of servers; a failure only delays the tidying, so it is logged.
func (s *Handler) prune(c fiber.Ctx) {
	if _, err := s.Sessions.Purge(c.Context()); err != nil {
		s.Log.Warn("prune sessions", "err", err)
	}
	if _, err := s.Throttle.Purge(c.Context()); err != nil {
		s.Log.Warn("prune sign-in attempts", "err", err)
	}
}

// tooMany is the answer to someone locked out by the sign-in throttle: what
// they did too often, and how many minutes until they may try again.
func tooMany(what string, wait time.Duration) string {
	return fmt.Sprintf("Too many %s. Wait %d minutes, then try again", what, int(math.Ceil(wait.Minutes())))
}
