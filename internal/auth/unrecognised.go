package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/servicesecret"
)

// unrecognisedKeyName names the key kept in the database when
// HEARTH_SECRET_KEY is not set.
const unrecognisedKeyName = "unrecognised sign-in text"

// UnrecognisedPrefix starts what Unrecognised returns. It holds no "@",
// so it can never be an account's address.
const UnrecognisedPrefix = "no account "

// attemptKeys finds, once, the key that Unrecognised hashes with.
type attemptKeys struct {
	client    *ent.Client
	secretKey []byte
	mu        sync.Mutex
	key       []byte
}

// Unrecognised is how the throttle and the audit trail record text typed
// as an email address that names no account: often it is a password typed
// in the wrong box, so it is kept only as a keyed hash (HMAC-SHA-256,
// ignoring case and surrounding spaces, as addresses are compared). The
// same text always gives the same result on every server sharing the
// database, so its lockout still works; nobody reading the trail or the
// attempts can tell what was typed.
//
// The key is derived from HEARTH_SECRET_KEY when it is set, and then a
// copy of the database alone is no help in guessing the text. Without it,
// Hearth generates a key once and keeps it in the database, where every
// server finds it: the text is still hidden from anyone reading the audit
// trail, an export of it, or the attempts, but someone holding the whole
// database could test guesses against the hashes.
func (t *Throttle) Unrecognised(ctx context.Context, typed string) (string, error) {
	key, err := t.keys.get(ctx)
	if err != nil {
		return "", err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(normaliseEmail(typed)))
	return UnrecognisedPrefix + hex.EncodeToString(mac.Sum(nil)[:16]), nil
}

func (k *attemptKeys) get(ctx context.Context) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.key != nil {
		return k.key, nil
	}
	if len(k.secretKey) > 0 {
		mac := hmac.New(sha256.New, k.secretKey)
		mac.Write([]byte("hearth: " + unrecognisedKeyName))
		k.key = mac.Sum(nil)
		return k.key, nil
	}
	key, err := k.stored(ctx)
	if err != nil {
		return nil, err
	}
	k.key = key
	return key, nil
}

// stored reads the key kept in the database, making it first if no server
// has yet; servers starting together agree on whichever was written first.
func (k *attemptKeys) stored(ctx context.Context) ([]byte, error) {
	row, err := k.client.ServiceSecret.Query().Where(servicesecret.Name(unrecognisedKeyName)).Only(ctx)
	if err == nil {
		return row.Secret, nil
	}
	if !ent.IsNotFound(err) {
		return nil, fmt.Errorf("read the sign-in hashing key: %w", err)
	}
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("make the sign-in hashing key: %w", err)
	}
	err = k.client.ServiceSecret.Create().SetName(unrecognisedKeyName).SetSecret(fresh).
		OnConflictColumns(servicesecret.FieldName).DoNothing().Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("keep the sign-in hashing key: %w", err)
	}
	row, err = k.client.ServiceSecret.Query().Where(servicesecret.Name(unrecognisedKeyName)).Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the sign-in hashing key: %w", err)
	}
	return row.Secret, nil
}
