package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/apitoken"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/hidden"
	"github.com/hearth-registry/hearth/internal/registry"
)

// ErrNoToken means a bearer token that was never issued, or is revoked or
// expired.
var ErrNoToken = errors.New("no such API token")

// tokenPrefix marks Hearth tokens, so that secret scanners and people can
// recognise one that has leaked.
const tokenPrefix = "hth_"

// Every token expires. The longest a role allows is also the default, so
// an integration that asks for nothing gets a token that still ends.
const (
	// TokenLifetime is the longest a token lives, unless it is an admin one.
	TokenLifetime = 90 * 24 * time.Hour
	// AdminTokenLifetime is the longest an admin token lives: it can
	// create accounts, administrators included.
	AdminTokenLifetime = 30 * 24 * time.Hour
)

// MaxTokenLifetime is the longest a token with role may live.
func MaxTokenLifetime(role string) time.Duration {
	if role == string(apitoken.RoleAdmin) {
		return AdminTokenLifetime
	}
	return TokenLifetime
}

// NewToken is what it takes to issue an API token.
type NewToken struct {
	Name string
	Role string
	// ExpiresAt is when the token stops working; nil for the longest its
	// role allows.
	ExpiresAt *time.Time
	// Issuer is the person who answers for the token: deactivating them
	// revokes it, and it may not have a role they lack. Nil only for
	// Hearth's own command line, which answers to whoever runs it on the
	// server; a request authenticated by a token has no person, and must
	// not issue one (see the API's handler).
	Issuer *ent.User
}

// CreateToken issues a token and returns it in full, the only time it is
// ever available; Hearth keeps only its hash. The API, the API tokens page
// and `hearth token issue` all issue tokens here, so the same rules hold
// whichever way one is asked for.
func CreateToken(ctx context.Context, client *ent.Client, actor registry.Actor, in NewToken, now time.Time) (string, *ent.APIToken, error) {
	fields := map[string]string{}
	name := strings.TrimSpace(in.Name)
	switch {
	case name == "":
		fields["name"] = "Enter a name for the token, saying what it is for"
	case len(name) > 100:
		fields["name"] = "The token's name must be 100 characters or fewer"
	case hidden.InLine(name):
		fields["name"] = hidden.Problem("The token's name")
	}
	if apitoken.RoleValidator(apitoken.Role(in.Role)) != nil {
		fields["role"] = "Choose the token's role"
	}
	expires, problem := tokenExpiry(in.Role, in.ExpiresAt, now)
	if problem != "" {
		fields["expires_at"] = problem
	}
	if len(fields) > 0 {
		return "", nil, registry.Invalid(fields)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, fmt.Errorf("API token: %w", err)
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	var created *ent.APIToken
	err := registry.InTx(ctx, client, func(tx *ent.Client) error {
		var issuerID *int
		if in.Issuer != nil {
			if err := checkIssuer(ctx, tx, in.Issuer.ID, in.Role); err != nil {
				return err
			}
			issuerID = &in.Issuer.ID
		}
		var err error
		created, err = tx.APIToken.Create().SetName(name).SetPrefix(token[:10]).SetTokenHash(hashToken(token)).
			SetRole(apitoken.Role(in.Role)).SetNillableCreatedByID(issuerID).SetCreatedAt(now).
			SetExpiresAt(expires).Save(ctx)
		if err != nil {
			return fmt.Errorf("create API token: %w", err)
		}
		return registry.Audit(ctx, tx, actor, "create", "api_token", created.ID, audit.Changes{
			"name": {New: name}, "role": {New: in.Role}, "expires_at": {New: expires.UTC().Format(time.RFC3339)},
		})
	})
	if err != nil {
		return "", nil, err
	}
	return token, created, nil
}

// tokenExpiry is when a token for role asked to expire at asked (nil for
// no preference) will expire, or what is wrong with asked. Asking for more
// than the role allows is refused rather than quietly shortened, so that
// an integration never believes it has longer than it has.
func tokenExpiry(role string, asked *time.Time, now time.Time) (time.Time, string) {
	longest := MaxTokenLifetime(role)
	switch {
	case asked == nil:
		return now.Add(longest), ""
	case !asked.After(now):
		return time.Time{}, "The expiry must be in the future"
	case asked.After(now.Add(longest)) && role == string(apitoken.RoleAdmin):
		return time.Time{}, fmt.Sprintf("An admin token must expire within %d days", int(longest.Hours()/24))
	case asked.After(now.Add(longest)):
		return time.Time{}, fmt.Sprintf("A token must expire within %d days", int(longest.Hours()/24))
	}
	return *asked, ""
}

// checkIssuer refuses a token from an account that can no longer sign in,
// and a token with a role its issuer does not have: only an administrator
// may issue a token for a role other than their own.
func checkIssuer(ctx context.Context, tx *ent.Client, issuerID int, role string) error {
	issuer, err := tx.User.Query().Where(user.ID(issuerID), user.Active(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return registry.Errorf(registry.EFORBIDDEN, "Only an active account can issue API tokens.")
	}
	if err != nil {
		return fmt.Errorf("check the token's issuer: %w", err)
	}
	if issuer.Role != user.RoleAdmin && string(issuer.Role) != role {
		return registry.Invalid(map[string]string{"role": "You can only issue a token with your own role"})
	}
	return nil
}

// LookupToken returns the live token for a bearer value and records its
// use. A token is live until it is revoked or expires, and while its
// issuer can still sign in: deactivating an account revokes its tokens,
// and this check refuses them even if that somehow did not happen (a token
// issued while its issuer was being deactivated, a restored backup). Use
// is recorded at most once a minute, so busy integrations do not write on
// every request; used reports whether this call recorded it.
func LookupToken(ctx context.Context, client *ent.Client, bearer string, now time.Time) (tok *ent.APIToken, used bool, err error) {
	if !strings.HasPrefix(bearer, tokenPrefix) || len(bearer) > 100 {
		return nil, false, ErrNoToken
	}
	tok, err = client.APIToken.Query().Where(apitoken.TokenHash(hashToken(bearer)), apitoken.RevokedAtIsNil(),
		issuerCanSignIn()).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, false, ErrNoToken
	}
	if err != nil {
		return nil, false, fmt.Errorf("look up API token: %w", err)
	}
	// A token with no expiry predates the rule that every token has one;
	// the migration gave each one, so none should be left.
	if tok.ExpiresAt == nil || !now.Before(*tok.ExpiresAt) {
		return nil, false, ErrNoToken
	}
	if tok.LastUsedAt == nil || now.Sub(*tok.LastUsedAt) >= touchEvery {
		if err := client.APIToken.UpdateOneID(tok.ID).SetLastUsedAt(now).Exec(ctx); err != nil {
			return nil, false, fmt.Errorf("record API token use: %w", err)
		}
		return tok, true, nil
	}
	return tok, false, nil
}

// RevokeToken stops a token working from the next request on.
func RevokeToken(ctx context.Context, client *ent.Client, actor registry.Actor, id int, now time.Time) error {
	return registry.InTx(ctx, client, func(tx *ent.Client) error {
		n, err := tx.APIToken.Update().Where(apitoken.ID(id), apitoken.RevokedAtIsNil()).SetRevokedAt(now).Save(ctx)
		if err != nil {
			return fmt.Errorf("revoke API token: %w", err)
		}
		if n == 0 {
			return registry.Errorf(registry.ENOTFOUND, "There is no live API token %d.", id)
		}
		return registry.Audit(ctx, tx, actor, "update", "api_token", id, audit.Changes{"revoked": {Old: false, New: true}})
	})
}

// issuerCanSignIn keeps the tokens whose issuer is an active account that
// has not been archived, and those the command line issued. EXISTS looks
// the one issuer up by its key, where IN would list every active account
// on every request.
func issuerCanSignIn() predicate.APIToken {
	return func(s *sql.Selector) {
		users := sql.Table(user.Table)
		issuer := sql.Select(users.C(user.FieldID)).From(users).Where(sql.And(
			sql.ColumnsEQ(users.C(user.FieldID), s.C(apitoken.FieldCreatedByID)),
			sql.EQ(users.C(user.FieldActive), true), sql.IsNull(users.C(user.FieldArchivedAt))))
		s.Where(sql.Or(sql.IsNull(s.C(apitoken.FieldCreatedByID)), sql.Exists(issuer)))
	}
}

// revokeTokensIssuedBy revokes, within the caller's transaction, every
// live token the account issued, each with an audit entry, and says how
// many there were.
func revokeTokensIssuedBy(ctx context.Context, tx *ent.Client, actor registry.Actor, userID int, now time.Time) (int, error) {
	ids, err := tx.APIToken.Query().Where(apitoken.CreatedByID(userID), apitoken.RevokedAtIsNil()).IDs(ctx)
	if err != nil {
		return 0, fmt.Errorf("find the tokens the account issued: %w", err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	if err := tx.APIToken.Update().Where(apitoken.IDIn(ids...)).SetRevokedAt(now).Exec(ctx); err != nil {
		return 0, fmt.Errorf("revoke the tokens the account issued: %w", err)
	}
	for _, id := range ids {
		if err := registry.Audit(ctx, tx, actor, "update", "api_token", id, audit.Changes{
			"revoked": {Old: false, New: true}, "reason": {New: "its issuer was deactivated"},
		}); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
