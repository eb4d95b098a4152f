package ui

import (
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"
	"rsc.io/qr"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// HandleSecondFactorForm handles GET /sign-in/code.
func (s *Handler) HandleSecondFactorForm(c fiber.Ctx) error {
	u := httpx.SigningInUser(c)
	if httpx.CurrentUser(c) != nil || u.MfaEnabledAt == nil {
		return c.Redirect().Status(fiber.StatusSeeOther).To("/")
	}
	return s.renderCode(c, fiber.StatusOK, "")
}

// HandleSecondFactor handles POST /sign-in/code: a code from the
// authenticator app, or a recovery code, finishes signing in.
func (s *Handler) HandleSecondFactor(c fiber.Ctx) error {
	u := httpx.SigningInUser(c)
	if httpx.CurrentUser(c) != nil || u.MfaEnabledAt == nil {
		return c.Redirect().Status(fiber.StatusSeeOther).To("/")
	}
	code := strings.TrimSpace(c.FormValue("code"))
	if code == "" {
		return s.renderCode(c, fiber.StatusUnprocessableEntity, "Enter the code from your authenticator app")
	}
	// Codes are guessable in a million tries, so they share the lockout.
	key := "code:" + u.Email
	attempt, err := s.Throttle.Begin(c.Context(), key, c.IP())
	if err != nil {
		return err
	}
	if attempt.Blocked {
		if err := s.auditSignIn(c, u, u.Email, auditevent.ActionLoginFailed, "second factor locked out"); err != nil {
			return err
		}
		return s.renderCode(c, fiber.StatusTooManyRequests,
			tooMany("wrong codes", attempt.Wait))
	}
	recovery, err := auth.CheckSecondFactor(c.Context(), s.Store.Client, s.Secrets, u, code, time.Now())
	if errors.Is(err, auth.ErrWrongCode) {
		if err := s.Throttle.Fail(c.Context(), attempt); err != nil {
			return err
		}
		if err := s.auditSignIn(c, u, u.Email, auditevent.ActionLoginFailed, "wrong second-factor code"); err != nil {
			return err
		}
		return s.renderCode(c, fiber.StatusUnprocessableEntity, "The code is not right. Enter the code your app shows now, or a recovery code")
	}
	if err != nil {
		return err
	}
	if err := s.Throttle.Succeed(c.Context(), attempt); err != nil {
		return err
	}
	how := "password and authenticator code"
	if recovery {
		how = "password and a recovery code"
	}
	return s.completeSignIn(c, u, how)
}

// completeSignIn finishes signing in and goes to the start page.
func (s *Handler) completeSignIn(c fiber.Ctx, u *ent.User, how string) error {
	if _, err := s.upgradeSession(c, u, how); err != nil {
		return err
	}
	return c.Redirect().Status(fiber.StatusSeeOther).To("/")
}

// upgradeSession swaps the password-only session for a full one with a new
// token, records the sign-in, and returns the new session. A sign-in that
// cannot be recorded does not happen: the new session ends before the
// browser is given it, and the password-only one has ended already.
func (s *Handler) upgradeSession(c fiber.Ctx, u *ent.User, how string) (*ent.Session, error) {
	if err := s.Sessions.End(c.Context(), c.Cookies(httpx.SessionCookie)); err != nil {
		return nil, err
	}
	token, err := s.Sessions.Start(c.Context(), u.ID, true, c.IP(), c.Get(fiber.HeaderUserAgent))
	if err != nil {
		return nil, err
	}
	if err := s.auditSignIn(c, u, u.Email, auditevent.ActionLogin, how); err != nil {
		return nil, s.abandonSession(c, token, err)
	}
	s.SetSessionCookie(c, token)
	c.Locals(httpx.LocalSessionToken, token)
	return s.Sessions.Lookup(c.Context(), token)
}

func (s *Handler) renderCode(c fiber.Ctx, status int, problem string) error {
	var errs map[string]string
	if problem != "" {
		errs = map[string]string{"code": problem}
	}
	return s.Render(c, status, "sign_in_code", fiber.Map{"Title": "Enter your code", "Errors": errs})
}

// HandleMFASetupForm handles GET /account/mfa: the QR code and secret for
// an authenticator app, and a box for the first code.
func (s *Handler) HandleMFASetupForm(c fiber.Ctx) error {
	if refused, err := refuseReEnrolment(c); refused {
		return err
	}
	return s.renderMFASetup(c, fiber.StatusOK, "")
}

// refuseReEnrolment stops anyone enrolling a second authenticator over an
// account's first. Someone who has given only the password is sent to the
// code step: enrolling here would let the password alone through the
// second factor and lock the owner out. Someone fully signed in is told to
// ask an administrator: replacing the authenticator with nothing but an
// open session would let whoever holds one keep the account for good.
func refuseReEnrolment(c fiber.Ctx) (refused bool, err error) {
	if httpx.SigningInUser(c).MfaEnabledAt == nil {
		return false, nil
	}
	if httpx.CurrentUser(c) == nil {
		return true, c.Redirect().Status(fiber.StatusSeeOther).To("/sign-in/code")
	}
	return true, registry.Errorf(registry.ECONFLICT, "Your account already has an authenticator app. To use a new one, ask an administrator to reset your second factor: you will set up the new app when you next sign in.")
}

// HandleMFASetup handles POST /account/mfa: the first code proves the app
// holds the secret; the recovery codes are shown, once.
func (s *Handler) HandleMFASetup(c fiber.Ctx) error {
	if refused, err := refuseReEnrolment(c); refused {
		return err
	}
	u := httpx.SigningInUser(c)
	codes, err := auth.ConfirmMFA(c.Context(), s.Store.Client, s.Secrets, s.Actor(c), u, c.FormValue("code"), time.Now())
	var invalid *registry.Error
	if errors.As(err, &invalid) && invalid.Code == registry.EINVALID {
		return s.renderMFASetup(c, fiber.StatusUnprocessableEntity, invalid.Fields["code"])
	}
	if err != nil {
		return err
	}
	if httpx.CurrentUser(c) == nil {
		// Enrolment was the second factor: finish signing in, and render the
		// page below for the new session (its form token included).
		sess, err := s.upgradeSession(c, u, "password and new authenticator")
		if err != nil {
			return err
		}
		c.Locals(httpx.LocalSession, sess)
	}
	return s.Render(c, fiber.StatusOK, "mfa_codes", fiber.Map{"Title": "Save your recovery codes", "Codes": codes})
}

func (s *Handler) renderMFASetup(c fiber.Ctx, status int, problem string) error {
	u := httpx.SigningInUser(c)
	secret, err := auth.PendingMFASecret(c.Context(), s.Store.Client, s.Secrets, u)
	if err != nil {
		return err
	}
	code, err := qr.Encode(auth.TOTPURI(secret, u.Email), qr.M)
	if err != nil {
		return fmt.Errorf("QR code: %w", err)
	}
	var errs map[string]string
	if problem != "" {
		errs = map[string]string{"code": problem}
	}
	return s.Render(c, status, "mfa_setup", fiber.Map{
		"Title": "Set up your authenticator app", "Errors": errs, "Required": auth.MFARequired(u.Role),
		"Enabled": u.MfaEnabledAt != nil, "Secret": GroupSecret(secret),
		// Our own PNG bytes, so safe to mark as a URL html/template trusts.
		"QR": template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(code.PNG())), //nolint:gosec // our own PNG, base64-encoded: nothing a user sent
	})
}

// GroupSecret spaces the secret in fours, as people type it.
func GroupSecret(secret string) string {
	var b strings.Builder
	for i, r := range secret {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
