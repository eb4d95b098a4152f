package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/session"
	"github.com/hearth-registry/hearth/ent/user"
)

// ErrNoSession means the token names no live session: never issued,
// signed out, idle too long, past its absolute limit, or its account was
// deactivated. Callers treat all of these alike: sign in again.
var ErrNoSession = errors.New("no live session")

// Sessions issues and checks browser sessions kept in the database.
type Sessions struct {
	client *ent.Client
	// Idle ends a session this long after its last use.
	Idle time.Duration
	// Absolute ends a session this long after sign-in, however active.
	Absolute time.Duration
	// now is the clock, replaceable in tests.
	now func() time.Time
}

// NewSessions returns a session store with NCSC-style defaults: 30 minutes
// idle, 12 hours (a long working day) at most.
func NewSessions(client *ent.Client) *Sessions {
	return &Sessions{client: client, Idle: 30 * time.Minute, Absolute: 12 * time.Hour, now: time.Now}
}

// touchEvery limits last-seen writes to one a minute per session, so that
// reading pages does not turn into a write per request.
const touchEvery = time.Minute

// Start creates a session for the user and returns its token, the only copy
// of which goes to the browser. A new token at every sign-in, and again
// after the second factor, means a token known earlier (session fixation)
// is worthless. mfaPassed is false for a session that has only the
// password so far.
func (s *Sessions) Start(ctx context.Context, userID int, mfaPassed bool, clientAddress, userAgent string) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("session token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	now := s.now()
	err := s.client.Session.Create().SetTokenHash(hashToken(token)).SetUserID(userID).
		SetCreatedAt(now).SetLastSeenAt(now).SetExpiresAt(now.Add(s.Absolute)).SetMfaPassed(mfaPassed).
		SetClientAddress(truncate(clientAddress, 64)).SetUserAgent(truncate(userAgent, 300)).Exec(ctx)
	if err != nil {
		return "", fmt.Errorf("start session: %w", err)
	}
	return token, nil
}

// Lookup returns the live session for token, with its user, and records the
// use for the idle timeout.
func (s *Sessions) Lookup(ctx context.Context, token string) (*ent.Session, error) {
	if token == "" || len(token) > 100 {
		return nil, ErrNoSession
	}
	now := s.now()
	sess, err := s.client.Session.Query().Where(session.TokenHash(hashToken(token))).
		WithUser(func(q *ent.UserQuery) { q.Where(user.Active(true)) }).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("look up session: %w", err)
	}
	if sess.Edges.User == nil || !now.Before(sess.ExpiresAt) || !now.Before(sess.LastSeenAt.Add(s.Idle)) {
		return nil, ErrNoSession
	}
	if now.Sub(sess.LastSeenAt) >= touchEvery {
		if err := s.client.Session.UpdateOneID(sess.ID).SetLastSeenAt(now).Exec(ctx); err != nil {
			return nil, fmt.Errorf("touch session: %w", err)
		}
	}
	return sess, nil
}

// End signs out the session for token; ending a session that is already
// gone is not an error.
func (s *Sessions) End(ctx context.Context, token string) error {
	if _, err := s.client.Session.Delete().Where(session.TokenHash(hashToken(token))).Exec(ctx); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// EndAll signs the user out everywhere and reports how many sessions ended.
func (s *Sessions) EndAll(ctx context.Context, userID int) (int, error) {
	n, err := s.client.Session.Delete().Where(session.UserID(userID)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("end sessions: %w", err)
	}
	return n, nil
}

// Purge deletes sessions past either limit; any server may run it.
func (s *Sessions) Purge(ctx context.Context) (int, error) {
	now := s.now()
	n, err := s.client.Session.Delete().Where(session.Or(
		session.ExpiresAtLTE(now), session.LastSeenAtLTE(now.Add(-s.Idle)))).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("purge sessions: %w", err)
	}
	return n, nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// truncate keeps at most n bytes of what a client sent (a User-Agent, an
// address, an email typed at sign-in) as text any database stores: bytes
// that are not UTF-8 become U+FFFD, NUL is dropped, and the cut falls
// between characters. Cutting inside one, or keeping the client's bytes
// as they came, made PostgreSQL refuse the sign-in with a 500.
func truncate(s string, n int) string {
	s = strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
