package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/signinattempt"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Advisory lock keys on PostgreSQL, with a hash of the account key or the
// client address as the second key. (The registry's compliance refreshes
// use 7_250_001 and 7_250_002.)
const (
	lockSignInAccount = 7_250_003
	lockSignInAddress = 7_250_004
)

// Throttle limits password and code guessing, per account and per client
// address, through the database so that every server process sees every
// attempt.
//
// An attempt is reserved before it is checked: Begin counts the failures
// and records the new attempt as a failure (until Succeed or Cancel), in one
// transaction that no other Begin for the same account or address can
// interleave with. Attempts sent at once are therefore counted together,
// and at most PerAccount of them are ever checked.
type Throttle struct {
	client  *ent.Client
	dialect string
	// Window is how far back failures count, and how long a lockout lasts.
	Window time.Duration
	// PerAccount failures for one email address within Window lock it.
	PerAccount int
	// PerAddress failures from one client address within Window block it:
	// higher, because an office may share one address.
	PerAddress int
	now        func() time.Time

	keys *attemptKeys
}

// NewThrottle returns a throttle allowing 5 failures per account and 50 per
// address in 15 minutes, on a database of dialect d. secretKey is
// HEARTH_SECRET_KEY, if set: text naming no account is recorded as a hash
// keyed from it (see Unrecognised).
func NewThrottle(client *ent.Client, d string, secretKey []byte) *Throttle {
	return &Throttle{client: client, dialect: d, Window: 15 * time.Minute, PerAccount: 5, PerAddress: 50, now: time.Now,
		keys: &attemptKeys{client: client, secretKey: secretKey}}
}

// Attempt is one try at a password or code, reserved by Begin.
type Attempt struct {
	id int
	// Blocked is set when the try was refused without being checked; Wait
	// is then how long until another may be made.
	Blocked bool
	Wait    time.Duration
}

// Begin reserves an attempt for account key (an account's email address,
// a code step's key, or Unrecognised text) from address, unless the
// failures already recorded (those still being checked included) block
// it. The caller checks the password or code only if the attempt is not
// Blocked, and then ends it with Fail, Succeed or Cancel.
func (t *Throttle) Begin(ctx context.Context, key, address string) (Attempt, error) {
	key, address = normaliseEmail(key), truncate(address, 64)
	var a Attempt
	err := registry.InTx(ctx, t.client, func(tx *ent.Client) error {
		if err := t.lock(ctx, tx, key, address); err != nil {
			return err
		}
		now := t.now()
		wait, err := t.lockedFor(ctx, tx, key, address, now)
		if err != nil {
			return err
		}
		if wait > 0 {
			a.Blocked, a.Wait = true, wait
			return nil
		}
		row, err := tx.SignInAttempt.Create().SetAt(now).SetEmail(key).SetClientAddress(address).
			SetSucceeded(false).Save(ctx)
		if err != nil {
			return fmt.Errorf("record sign-in attempt: %w", err)
		}
		a.id = row.ID
		return nil
	})
	if err != nil {
		return Attempt{}, err
	}
	return a, nil
}

// lock makes Begins for the same account or address wait for each other
// until commit. SQLite needs nothing: its transactions begin immediate, so
// they queue for the one writer's lock before their first read. On
// PostgreSQL, advisory locks, the account's first and the address's
// second, always in that order, so two Begins cannot deadlock.
func (t *Throttle) lock(ctx context.Context, tx *ent.Client, key, address string) error {
	if t.dialect != dialect.Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1, hashtext($2))", lockSignInAccount, key); err != nil {
		return fmt.Errorf("lock sign-in attempts of an account: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1, hashtext($2))", lockSignInAddress, address); err != nil {
		return fmt.Errorf("lock sign-in attempts from an address: %w", err)
	}
	return nil
}

// lockedFor is how long key or address stays locked, or 0 if it is not.
// Every failure in the window counts, those before a success too: it clears
// nothing, so that guesses sent alongside the owner's sign-in (or after
// it) never get more than the limit between them. A person who failed
// four times and then signed in is locked by one more failure within the
// window, which is the price of that. Every failure from an address counts
// towards the address's higher limit.
func (t *Throttle) lockedFor(ctx context.Context, tx *ent.Client, key, address string, now time.Time) (time.Duration, error) {
	since := now.Add(-t.Window)
	account := tx.SignInAttempt.Query().Where(signinattempt.Email(key), signinattempt.Succeeded(false), signinattempt.AtGT(since))
	for _, c := range []struct {
		failures *ent.SignInAttemptQuery
		limit    int
	}{
		{account, t.PerAccount},
		{tx.SignInAttempt.Query().Where(signinattempt.ClientAddress(address), signinattempt.Succeeded(false), signinattempt.AtGT(since)), t.PerAddress},
	} {
		failures, err := c.failures.Order(ent.Desc(signinattempt.FieldAt)).Limit(c.limit).All(ctx)
		if err != nil {
			return 0, fmt.Errorf("count sign-in failures: %w", err)
		}
		if len(failures) >= c.limit {
			// Locked until the oldest of the counted failures leaves the window.
			return failures[len(failures)-1].At.Add(t.Window).Sub(now), nil
		}
	}
	return 0, nil
}

// Fail ends an attempt whose password or code was wrong. Begin recorded
// it as a failure already, so that it counted while it was being checked;
// nothing more is written. It is kept so that every attempt visibly ends
// in Fail, Succeed or Cancel.
func (t *Throttle) Fail(context.Context, Attempt) error { return nil }

// Succeed records that the attempt's password or code was right. It
// clears no failures: they leave the count as they leave the window.
func (t *Throttle) Succeed(ctx context.Context, a Attempt) error {
	if a.id == 0 {
		return nil
	}
	if err := t.client.SignInAttempt.UpdateOneID(a.id).SetSucceeded(true).Exec(ctx); err != nil {
		return fmt.Errorf("record a sign-in: %w", err)
	}
	return nil
}

// Cancel forgets an attempt that was never checked (the server too busy
// to hash the password), or that proved nothing either way, so that it
// counts neither for nor against the account.
func (t *Throttle) Cancel(ctx context.Context, a Attempt) error {
	if a.id == 0 {
		return nil
	}
	if err := t.client.SignInAttempt.DeleteOneID(a.id).Exec(ctx); err != nil && !ent.IsNotFound(err) {
		return fmt.Errorf("forget a sign-in attempt: %w", err)
	}
	return nil
}

func normaliseEmail(email string) string {
	return truncate(strings.ToLower(strings.TrimSpace(email)), 254)
}

// Purge deletes attempts too old to count towards any lockout.
func (t *Throttle) Purge(ctx context.Context) (int, error) {
	n, err := t.client.SignInAttempt.Delete().Where(signinattempt.AtLT(t.now().Add(-t.Window))).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("purge sign-in attempts: %w", err)
	}
	return n, nil
}
