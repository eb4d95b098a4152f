package auth

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/apitoken"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/ent/user"
)

// Accounts lists every account by name; with activeFirst, those who can
// still sign in come before those deactivated, as the users page shows them.
func Accounts(ctx context.Context, client *ent.Client, activeFirst bool) ([]*ent.User, error) {
	order := []user.OrderOption{user.ByName(), user.ByID()}
	if activeFirst {
		order = append([]user.OrderOption{user.ByActive(sql.OrderDesc())}, order...)
	}
	users, err := client.User.Query().Order(order...).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list the accounts: %w", err)
	}
	return users, nil
}

// Account reads one account.
func Account(ctx context.Context, client *ent.Client, id int) (*ent.User, error) {
	u, err := client.User.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("read account %d: %w", id, err)
	}
	return u, nil
}

// Tokens lists every API token, newest first (with liveFirst, those still
// usable before the revoked), with the people who issued them by id,
// deactivated and archived accounts included: a token outlives neither,
// but its record says who issued it.
func Tokens(ctx context.Context, client *ent.Client, liveFirst bool) ([]*ent.APIToken, map[int]*ent.User, error) {
	order := []apitoken.OrderOption{apitoken.ByID(sql.OrderDesc())}
	// Nulls first said outright: PostgreSQL puts them last in ascending
	// order and SQLite first, so the settings page listed revoked tokens
	// before live ones on PostgreSQL.
	if liveFirst {
		order = append([]apitoken.OrderOption{apitoken.ByRevokedAt(sql.OrderNullsFirst())}, order...)
	}
	tokens, err := client.APIToken.Query().Order(order...).All(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("list the API tokens: %w", err)
	}
	issuers, err := TokenIssuers(ctx, client, tokens)
	return tokens, issuers, err
}

// TokenIssuers finds the people who issued tokens, by id, deactivated and
// archived accounts included.
func TokenIssuers(ctx context.Context, client *ent.Client, tokens []*ent.APIToken) (map[int]*ent.User, error) {
	var ids []int
	for _, t := range tokens {
		if t.CreatedByID != nil {
			ids = append(ids, *t.CreatedByID)
		}
	}
	byID := map[int]*ent.User{}
	if len(ids) == 0 {
		return byID, nil
	}
	people, err := client.User.Query().Where(user.IDIn(ids...)).All(schema.IncludeArchived(ctx))
	if err != nil {
		return nil, fmt.Errorf("find the tokens' issuers: %w", err)
	}
	for _, u := range people {
		byID[u.ID] = u
	}
	return byID, nil
}

// ForgetTokenUse puts back the last use recorded on tok, for a request
// whose use of it could not be audited: uses are audited only when that
// record is a minute old, so otherwise the token's next requests would
// pass, unaudited, for a minute.
func ForgetTokenUse(ctx context.Context, client *ent.Client, tok *ent.APIToken) error {
	undo := client.APIToken.UpdateOneID(tok.ID)
	if tok.LastUsedAt != nil {
		undo.SetLastUsedAt(*tok.LastUsedAt)
	} else {
		undo.ClearLastUsedAt()
	}
	if err := undo.Exec(ctx); err != nil {
		return fmt.Errorf("forget the unaudited use of API token %d: %w", tok.ID, err)
	}
	return nil
}
