package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/signinattempt"
)

// Throttle limits password guessing, per account and per client address,
// through the database so that every server process sees every attempt.
type Throttle struct {
	client *ent.Client
	// Window is how far back failures count, and how long a lockout lasts.
	Window time.Duration
	// PerAccount failures for one email address within Window lock it.
	PerAccount int
	// PerAddress failures from one client address within Window block it:
	// higher, because an office may share one address.
	PerAddress int
	now        func() time.Time
}

// NewThrottle returns a throttle allowing 5 failures per account and 50 per
// address in 15 minutes.
func NewThrottle(client *ent.Client) *Throttle {
	return &Throttle{client: client, Window: 15 * time.Minute, PerAccount: 5, PerAddress: 50, now: time.Now}
}

// Blocked reports whether another attempt for email from address must be
// refused without checking the password, and for how long.
func (t *Throttle) Blocked(ctx context.Context, email, address string) (bool, time.Duration, error) {
	since := t.now().Add(-t.Window)
	for _, c := range []struct {
		where predicate.SignInAttempt
		limit int
	}{
		{signinattempt.Email(normaliseEmail(email)), t.PerAccount},
		{signinattempt.ClientAddress(address), t.PerAddress},
	} {
		failures, err := t.client.SignInAttempt.Query().
			Where(c.where, signinattempt.Succeeded(false), signinattempt.AtGT(since)).
			Order(ent.Desc(signinattempt.FieldAt)).Limit(c.limit).All(ctx)
		if err != nil {
			return false, 0, fmt.Errorf("count sign-in failures: %w", err)
		}
		if len(failures) >= c.limit {
			// Locked until the oldest of the counted failures leaves the window.
			return true, failures[len(failures)-1].At.Add(t.Window).Sub(t.now()), nil
		}
	}
	return false, 0, nil
}

// Record notes an attempt. A success clears the account's earlier failures,
// so a person who eventually remembers their password starts afresh.
func (t *Throttle) Record(ctx context.Context, email, address string, succeeded bool) error {
	email = normaliseEmail(email)
	if succeeded {
		if _, err := t.client.SignInAttempt.Delete().
			Where(signinattempt.Email(email), signinattempt.Succeeded(false)).Exec(ctx); err != nil {
			return fmt.Errorf("clear sign-in failures: %w", err)
		}
	}
	err := t.client.SignInAttempt.Create().SetAt(t.now()).SetEmail(email).
		SetClientAddress(truncate(address, 64)).SetSucceeded(succeeded).Exec(ctx)
	if err != nil {
		return fmt.Errorf("record sign-in attempt: %w", err)
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
