package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
)

// NoteSignIn records that u has just signed in with password: the time,
// for the accounts page, and — when u's hash was made with weaker settings
// than Hearth's current ones — a new hash, since this is the only moment
// the password is at hand. A failed rehash keeps the old hash: it still
// verifies, and the next sign-in tries again.
func NoteSignIn(ctx context.Context, client *ent.Client, u *ent.User, password string, at time.Time) error {
	update := client.User.UpdateOneID(u.ID).SetLastLoginAt(at)
	if NeedsRehash(u.PasswordHash) {
		if hash, err := HashPassword(password); err == nil {
			update.SetPasswordHash(hash)
		}
	}
	if err := update.Exec(ctx); err != nil {
		return fmt.Errorf("note the sign-in: %w", err)
	}
	return nil
}

// AccountFor is the account whose email address was typed at sign-in, or
// nil when none has it. Addresses are kept in lower case, so the case
// someone types does not matter.
func AccountFor(ctx context.Context, client *ent.Client, typed string) (*ent.User, error) {
	u, err := client.User.Query().Where(user.Email(strings.ToLower(typed))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find the account: %w", err)
	}
	return u, nil
}
