package auth

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
)

// sealedPrefix marks a second-factor secret stored sealed; anything else
// is a secret stored as it is (no key was set when it was written).
const sealedPrefix = "sealed1:"

// ErrNoSecretKey is a sealed secret met without the key to open it.
var ErrNoSecretKey = errors.New("second-factor secrets in the database are sealed, and HEARTH_SECRET_KEY is not set")

// SecretBox seals the TOTP secrets stored on accounts under a key kept
// outside the database (HEARTH_SECRET_KEY): whoever copies the database,
// or steals a backup, cannot make the codes that sign people in. A nil
// SecretBox (no key set) stores secrets as they are and still opens them.
// Each sealed secret is bound to its account, so one cannot be copied to
// another.
type SecretBox struct{ aead cipher.AEAD }

// NewSecretBox returns a box sealing with key (32 bytes), or nil when key
// is empty.
func NewSecretBox(key []byte) (*SecretBox, error) {
	if len(key) == 0 {
		return nil, nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	return &SecretBox{aead: aead}, nil
}

// boundTo is the account a sealed secret belongs to, authenticated with it.
func boundTo(userID int) []byte { return []byte("hearth mfa secret for user " + strconv.Itoa(userID)) }

// seal returns secret as stored for account userID: sealed when b has a
// key, as it is otherwise.
func (b *SecretBox) seal(userID int, secret string) (string, error) {
	if b == nil || secret == "" {
		return secret, nil
	}
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal secret: %w", err)
	}
	sealed := b.aead.Seal(nonce, nonce, []byte(secret), boundTo(userID))
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(sealed), nil
}

// open returns the secret stored for account userID.
func (b *SecretBox) open(userID int, stored string) (string, error) {
	body, sealed := strings.CutPrefix(stored, sealedPrefix)
	if !sealed {
		return stored, nil
	}
	if b == nil {
		return "", ErrNoSecretKey
	}
	raw, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil || len(raw) < b.aead.NonceSize() {
		return "", fmt.Errorf("open the second-factor secret of user %d: malformed", userID)
	}
	n := b.aead.NonceSize()
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], boundTo(userID))
	if err != nil {
		return "", fmt.Errorf("open the second-factor secret of user %d: not sealed with this HEARTH_SECRET_KEY, or altered", userID)
	}
	return string(plain), nil
}

// unsealed is whether stored is a secret stored as it is.
func unsealed(stored string) bool { return stored != "" && !strings.HasPrefix(stored, sealedPrefix) }

// SealStoredSecrets brings the stored secrets in line with the key at
// start-up: with a key, it seals every secret stored as it is (each update
// conditional on the value read, so servers starting together do not
// clash) and answers how many; without one, it refuses to go on if any
// secret is sealed, since nobody could then finish signing in.
func SealStoredSecrets(ctx context.Context, client *ent.Client, b *SecretBox) (int, error) {
	if b == nil {
		n, err := client.User.Query().Where(user.Or(user.MfaSecretHasPrefix(sealedPrefix), user.MfaPendingSecretHasPrefix(sealedPrefix))).Count(ctx)
		if err != nil {
			return 0, fmt.Errorf("look for sealed secrets: %w", err)
		}
		if n > 0 {
			return 0, fmt.Errorf("%w: %d accounts could not finish signing in; set the key they were sealed with", ErrNoSecretKey, n)
		}
		return 0, nil
	}
	open, err := client.User.Query().Where(user.Or(
		user.And(user.MfaSecretNEQ(""), user.Not(user.MfaSecretHasPrefix(sealedPrefix))),
		user.And(user.MfaPendingSecretNEQ(""), user.Not(user.MfaPendingSecretHasPrefix(sealedPrefix))))).All(ctx)
	if err != nil {
		return 0, fmt.Errorf("find secrets to seal: %w", err)
	}
	for _, u := range open {
		// Only the fields that need it, each on condition it is unchanged.
		update := client.User.Update().Where(user.ID(u.ID))
		if unsealed(u.MfaSecret) {
			sealed, err := b.seal(u.ID, u.MfaSecret)
			if err != nil {
				return 0, err
			}
			update.Where(user.MfaSecret(u.MfaSecret)).SetMfaSecret(sealed)
		}
		if unsealed(u.MfaPendingSecret) {
			sealed, err := b.seal(u.ID, u.MfaPendingSecret)
			if err != nil {
				return 0, err
			}
			update.Where(user.MfaPendingSecret(u.MfaPendingSecret)).SetMfaPendingSecret(sealed)
		}
		if err := update.Exec(ctx); err != nil {
			return 0, fmt.Errorf("seal the secrets of user %d: %w", u.ID, err)
		}
	}
	return len(open), nil
}
