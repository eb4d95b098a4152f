package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/apitoken"
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

// NewToken is what it takes to create an API token.
type NewToken struct {
	Name      string
	Role      string
	ExpiresAt *time.Time
}

// CreateToken issues a token and returns it in full, the only time it is
// ever available; Hearth keeps only its hash.
func CreateToken(ctx context.Context, client *ent.Client, actor registry.Actor, in NewToken, now time.Time) (string, *ent.APIToken, error) {
	fields := map[string]string{}
	name := strings.TrimSpace(in.Name)
	if name == "" || len(name) > 100 {
		fields["name"] = "name must be between 1 and 100 characters"
	} else if hidden.InLine(name) {
		fields["name"] = hidden.Problem("Name")
	}
	if apitoken.RoleValidator(apitoken.Role(in.Role)) != nil {
		fields["role"] = "role must be one of admin, manager, ssw, reviewing_officer, adm"
	}
	if in.ExpiresAt != nil && !in.ExpiresAt.After(now) {
		fields["expires_at"] = "expires_at must be in the future"
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
		var err error
		created, err = tx.APIToken.Create().SetName(name).SetPrefix(token[:10]).SetTokenHash(hashToken(token)).
			SetRole(apitoken.Role(in.Role)).SetNillableCreatedByID(actor.UserID).SetCreatedAt(now).
			SetNillableExpiresAt(in.ExpiresAt).Save(ctx)
		if err != nil {
			return fmt.Errorf("create API token: %w", err)
		}
		return registry.Audit(ctx, tx, actor, "create", "api_token", created.ID, audit.Changes{
			"name": {New: name}, "role": {New: in.Role},
		})
	})
	if err != nil {
		return "", nil, err
	}
	return token, created, nil
}

// LookupToken returns the live token for a bearer value and records its
// use (at most once a minute, so busy integrations do not write on every
// request). used reports whether this call recorded a use.
func LookupToken(ctx context.Context, client *ent.Client, bearer string, now time.Time) (tok *ent.APIToken, used bool, err error) {
	if !strings.HasPrefix(bearer, tokenPrefix) || len(bearer) > 100 {
		return nil, false, ErrNoToken
	}
	tok, err = client.APIToken.Query().Where(apitoken.TokenHash(hashToken(bearer)), apitoken.RevokedAtIsNil()).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, false, ErrNoToken
	}
	if err != nil {
		return nil, false, fmt.Errorf("look up API token: %w", err)
	}
	if tok.ExpiresAt != nil && !now.Before(*tok.ExpiresAt) {
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
