package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/registry"
)

// StartCalendarFeed gives u a new private calendar feed token, replacing
// any earlier one (whose address stops working), and returns it: the only
// time it is available, since only its hash is kept.
func StartCalendarFeed(ctx context.Context, client *ent.Client, actor registry.Actor, u *ent.User) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("calendar token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	err := registry.InTx(ctx, client, func(tx *ent.Client) error {
		if err := tx.User.UpdateOneID(u.ID).SetCalendarTokenHash(hashToken(token)).Exec(ctx); err != nil {
			return fmt.Errorf("start calendar feed: %w", err)
		}
		return registry.Audit(ctx, tx, actor, auditevent.ActionUpdate, "user", u.ID, audit.Changes{"calendar_feed": {New: "on"}})
	})
	return token, err
}

// StopCalendarFeed turns u's calendar feed off: its address stops working.
func StopCalendarFeed(ctx context.Context, client *ent.Client, actor registry.Actor, u *ent.User) error {
	return registry.InTx(ctx, client, func(tx *ent.Client) error {
		if err := tx.User.UpdateOneID(u.ID).ClearCalendarTokenHash().Exec(ctx); err != nil {
			return fmt.Errorf("stop calendar feed: %w", err)
		}
		return registry.Audit(ctx, tx, actor, auditevent.ActionUpdate, "user", u.ID, audit.Changes{"calendar_feed": {New: "off"}})
	})
}

// CalendarFeedUser finds the active account whose feed token is token, or
// nil.
func CalendarFeedUser(ctx context.Context, client *ent.Client, token string) (*ent.User, error) {
	u, err := client.User.Query().Where(user.CalendarTokenHash(hashToken(token)), user.Active(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return u, err
}
