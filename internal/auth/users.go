package auth

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/recoverycode"
	"github.com/hearth-registry/hearth/ent/session"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/hidden"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Roles lists the roles in the order people are offered them.
var Roles = []user.Role{user.RoleAdmin, user.RoleManager, user.RoleSsw, user.RoleReviewingOfficer,
	user.RoleAdm, user.RolePanelMember, user.RoleCarer}

// NewUser is what it takes to create an account.
type NewUser struct {
	Email    string
	Name     string
	Role     string
	Password string
}

// CreateUser validates in, hashes the password and creates the account and
// its audit entry in one transaction. Problems come back as a
// registry.Error naming each field; the password never leaves this function
// except as its hash.
func CreateUser(ctx context.Context, client *ent.Client, actor registry.Actor, in NewUser) (*ent.User, error) {
	email := strings.ToLower(strings.TrimSpace(in.Email))
	name := strings.TrimSpace(in.Name)
	fields := map[string]string{}
	switch addr, err := mail.ParseAddress(email); {
	case email == "":
		fields["email"] = "Enter their email address"
	case err != nil || addr.Address != email || len(email) > 254:
		fields["email"] = "Enter their email address in the correct format, like name@example.org"
	case hidden.InLine(email):
		fields["email"] = hidden.Problem("Their email address")
	}
	switch {
	case name == "":
		fields["name"] = "Enter their full name"
	case len(name) > 200:
		fields["name"] = "Their full name must be 200 characters or fewer"
	case hidden.InLine(name):
		fields["name"] = hidden.Problem("Their full name")
	}
	// The role's values are the API's and the command line's to list
	// (OpenAPI, hearth user add); a person chooses from the form's words.
	if user.RoleValidator(user.Role(in.Role)) != nil {
		fields["role"] = "Choose their role"
	}
	if msg := CheckPassword(in.Password, email); msg != "" {
		fields["password"] = msg
	}
	if len(fields) > 0 {
		return nil, registry.Invalid(fields)
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	var created *ent.User
	err = registry.InTx(ctx, client, func(tx *ent.Client) error {
		if exists, err := tx.User.Query().Where(user.Email(email)).Exist(ctx); err != nil {
			return fmt.Errorf("check email: %w", err)
		} else if exists {
			return &registry.Error{Code: registry.ECONFLICT, Message: "An account with this email address already exists.",
				Fields: map[string]string{"email": "An account with this email address already exists"}}
		}
		created, err = tx.User.Create().SetEmail(email).SetName(name).SetRole(user.Role(in.Role)).
			SetPasswordHash(hash).Save(ctx)
		if ent.IsConstraintError(err) {
			// Lost a race with another request creating the same address.
			return registry.Errorf(registry.ECONFLICT, "An account with this email address already exists.")
		}
		if err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		return registry.Audit(ctx, tx, actor, "create", "user", created.ID, audit.Changes{
			"email": {New: email}, "name": {New: name}, "role": {New: in.Role},
		})
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}

// Deactivate stops an account signing in, ends its sessions and revokes
// every API token it issued, all at once: a token must not outlive the
// person who answers for it. It says how many tokens it revoked.
func Deactivate(ctx context.Context, client *ent.Client, actor registry.Actor, id int, now time.Time) (tokensRevoked int, err error) {
	err = registry.InTx(ctx, client, func(tx *ent.Client) error {
		n, err := tx.User.Update().Where(user.ID(id), user.Active(true)).SetActive(false).Save(ctx)
		if err != nil {
			return fmt.Errorf("deactivate user: %w", err)
		}
		if n == 0 {
			return registry.Errorf(registry.ENOTFOUND, "There is no active account %d.", id)
		}
		if _, err := tx.Session.Delete().Where(session.UserID(id)).Exec(ctx); err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		if tokensRevoked, err = revokeTokensIssuedBy(ctx, tx, actor, id, now); err != nil {
			return err
		}
		return registry.Audit(ctx, tx, actor, "update", "user", id, audit.Changes{
			"active": {Old: true, New: false}, "api_tokens_revoked": {New: tokensRevoked},
		})
	})
	if err != nil {
		return 0, err
	}
	return tokensRevoked, nil
}

// ResetMFA removes an account's second factor and recovery codes, for
// someone who has lost both; they must enrol again at their next sign-in,
// and their sessions end so that it happens at once.
func ResetMFA(ctx context.Context, client *ent.Client, actor registry.Actor, id int) error {
	return registry.InTx(ctx, client, func(tx *ent.Client) error {
		n, err := tx.User.Update().Where(user.ID(id)).ClearMfaSecret().ClearMfaPendingSecret().
			ClearMfaEnabledAt().SetMfaLastStep(0).Save(ctx)
		if err != nil {
			return fmt.Errorf("reset MFA: %w", err)
		}
		if n == 0 {
			return registry.Errorf(registry.ENOTFOUND, "There is no account %d.", id)
		}
		if _, err := tx.RecoveryCode.Delete().Where(recoverycode.UserID(id)).Exec(ctx); err != nil {
			return fmt.Errorf("remove recovery codes: %w", err)
		}
		if _, err := tx.Session.Delete().Where(session.UserID(id)).Exec(ctx); err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		return registry.Audit(ctx, tx, actor, "update", "user", id, audit.Changes{"mfa": {Old: "enabled", New: "reset by an administrator"}})
	})
}

// ChangePassword replaces u's password after checking the current one, and
// ends every other session: a changed password often means a suspected
// leak. keepSession is the token of the session making the change.
func ChangePassword(ctx context.Context, client *ent.Client, actor registry.Actor, u *ent.User, current, next, confirm, keepSession string) error {
	fields := map[string]string{}
	if err := VerifyPassword(u.PasswordHash, current); errors.Is(err, ErrBusy) {
		return err // nothing was checked: the person tries again, not a wrong password
	} else if err != nil {
		fields["current_password"] = "Enter your current password correctly"
	}
	if msg := CheckPassword(next, u.Email); msg != "" {
		fields["new_password"] = msg
	} else if next == current {
		fields["new_password"] = "New password must be different from your current one"
	}
	if confirm != next {
		fields["confirm_password"] = "Passwords must match"
	}
	if len(fields) > 0 {
		return registry.Invalid(fields)
	}
	hash, err := HashPassword(next)
	if err != nil {
		return err
	}
	return registry.InTx(ctx, client, func(tx *ent.Client) error {
		if err := tx.User.UpdateOneID(u.ID).SetPasswordHash(hash).Exec(ctx); err != nil {
			return fmt.Errorf("change password: %w", err)
		}
		if _, err := tx.Session.Delete().Where(session.UserID(u.ID), session.TokenHashNEQ(hashToken(keepSession))).Exec(ctx); err != nil {
			return fmt.Errorf("end other sessions: %w", err)
		}
		return registry.Audit(ctx, tx, actor, "update", "user", u.ID, audit.Changes{"password": {New: "changed"}})
	})
}
