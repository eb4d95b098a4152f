package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/recoverycode"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/registry"
)

// ErrWrongCode is a second-factor code that is wrong, expired, or used.
var ErrWrongCode = errors.New("wrong or used code")

// RecoveryCodeCount is how many recovery codes enrolment hands out.
const RecoveryCodeCount = 10

// MFARequired reports whether a role must use a second factor. Everyone
// who can see other people's records must; carers, who see only their own
// household, may choose to.
func MFARequired(role user.Role) bool { return role != user.RoleCarer }

// PendingMFASecret returns the secret being offered to u for enrolment,
// creating one if none is pending, so that reloading the page does not
// invalidate a QR code already scanned. box seals it as stored.
func PendingMFASecret(ctx context.Context, client *ent.Client, box *SecretBox, u *ent.User) (string, error) {
	if u.MfaPendingSecret != "" {
		return box.open(u.ID, u.MfaPendingSecret)
	}
	secret, err := NewTOTPSecret()
	if err != nil {
		return "", err
	}
	stored, err := box.seal(u.ID, secret)
	if err != nil {
		return "", err
	}
	if err := client.User.UpdateOneID(u.ID).SetMfaPendingSecret(stored).Exec(ctx); err != nil {
		return "", fmt.Errorf("offer MFA secret: %w", err)
	}
	u.MfaPendingSecret = stored
	return secret, nil
}

// ConfirmMFA turns on the second factor once u proves, with a code, that
// their app holds the pending secret. It returns new recovery codes, which
// replace any earlier ones and are never shown again.
func ConfirmMFA(ctx context.Context, client *ent.Client, box *SecretBox, actor registry.Actor, u *ent.User, code string, now time.Time) ([]string, error) {
	pending, err := box.open(u.ID, u.MfaPendingSecret)
	if err != nil {
		return nil, err
	}
	step, ok := VerifyTOTP(pending, code, now, 0)
	if pending == "" || !ok {
		return nil, registry.Invalid(map[string]string{"code": "Enter the 6-digit code your authenticator app shows now"})
	}
	codes := make([]string, RecoveryCodeCount)
	// The pending secret is stored as it will be kept (sealed for u when
	// there is a key): it moves across as it is.
	err = registry.InTx(ctx, client, func(tx *ent.Client) error {
		if err := tx.User.UpdateOneID(u.ID).SetMfaSecret(u.MfaPendingSecret).ClearMfaPendingSecret().
			SetMfaEnabledAt(now).SetMfaLastStep(step).Exec(ctx); err != nil {
			return fmt.Errorf("enable MFA: %w", err)
		}
		if _, err := tx.RecoveryCode.Delete().Where(recoverycode.UserID(u.ID)).Exec(ctx); err != nil {
			return fmt.Errorf("replace recovery codes: %w", err)
		}
		builders := make([]*ent.RecoveryCodeCreate, len(codes))
		for i := range codes {
			codes[i] = newRecoveryCode()
			builders[i] = tx.RecoveryCode.Create().SetUserID(u.ID).SetCodeHash(storeRecoveryCode(codes[i]))
		}
		if err := tx.RecoveryCode.CreateBulk(builders...).Exec(ctx); err != nil {
			return fmt.Errorf("store recovery codes: %w", err)
		}
		return registry.Audit(ctx, tx, actor, "update", "user", u.ID, audit.Changes{
			"mfa": {Old: u.MfaEnabledAt != nil, New: "enabled with 10 new recovery codes"},
		})
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// CheckSecondFactor accepts a current TOTP code, or else an unused recovery
// code, for u. Each is good once: the TOTP step is recorded and a recovery
// code marked used, both with conditional updates, so two servers racing
// with the same code cannot both accept it. It reports whether a recovery
// code was used.
func CheckSecondFactor(ctx context.Context, client *ent.Client, box *SecretBox, u *ent.User, code string, now time.Time) (bool, error) {
	secret, err := box.open(u.ID, u.MfaSecret)
	if err != nil {
		return false, err
	}
	if step, ok := VerifyTOTP(secret, code, now, u.MfaLastStep); ok {
		n, err := client.User.Update().Where(user.ID(u.ID), user.MfaLastStepLT(step)).SetMfaLastStep(step).Save(ctx)
		if err != nil {
			return false, fmt.Errorf("record TOTP step: %w", err)
		}
		if n == 1 {
			return false, nil
		}
		return false, ErrWrongCode // another request used this code first
	}
	// Each stored code has its own salt, so the code typed is compared
	// with each of the account's unused ones rather than looked up.
	unused, err := client.RecoveryCode.Query().Where(recoverycode.UserID(u.ID), recoverycode.UsedAtIsNil()).All(ctx)
	if err != nil {
		return false, fmt.Errorf("read recovery codes: %w", err)
	}
	for _, rc := range unused {
		if !recoveryCodeMatches(rc.CodeHash, code) {
			continue
		}
		n, err := client.RecoveryCode.Update().Where(recoverycode.ID(rc.ID), recoverycode.UsedAtIsNil()).SetUsedAt(now).Save(ctx)
		if err != nil {
			return false, fmt.Errorf("use recovery code: %w", err)
		}
		if n != 1 {
			return false, ErrWrongCode // another request used this code first
		}
		return true, nil
	}
	return false, ErrWrongCode
}

// newRecoveryCode returns a code like "K7QM-2XWA-9PLD-R4TN" (80 random
// bits: beyond an offline search even with the stored hash in hand).
func newRecoveryCode() string {
	b := make([]byte, 16)
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" // no 0/O or 1/I to misread
	if _, err := rand.Read(b); err != nil {
		panic(err) // the system's randomness failing leaves nothing safe to do
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)] // 256 is a multiple of 32: no bias
	}
	return string(b[0:4]) + "-" + string(b[4:8]) + "-" + string(b[8:12]) + "-" + string(b[12:16])
}

// saltedPrefix marks a recovery code stored with a salt of its own; codes
// stored before have none (they were 60-bit codes hashed under a fixed
// prefix) and still work.
const saltedPrefix = "s1"

// storeRecoveryCode is how a code is kept: a random 32-bit salt of its own
// and SHA-256 of the salt and the code as typed (ignoring case, spaces and
// dashes), in base64 after saltedPrefix.
func storeRecoveryCode(code string) string {
	salt := make([]byte, 4)
	if _, err := rand.Read(salt); err != nil {
		panic(err)
	}
	sum := sha256.Sum256(append(slices.Clone(salt), normaliseRecoveryCode(code)...))
	return saltedPrefix + base64.RawStdEncoding.EncodeToString(append(salt, sum[:]...))
}

// recoveryCodeMatches reports whether typed is the code stored.
func recoveryCodeMatches(stored, typed string) bool {
	raw, salted := strings.CutPrefix(stored, saltedPrefix)
	if !salted { // a code stored before salts: 64 hex digits
		return subtle.ConstantTimeCompare([]byte(stored), []byte(legacyRecoveryHash(typed))) == 1
	}
	b, err := base64.RawStdEncoding.DecodeString(raw)
	if err != nil || len(b) != 4+sha256.Size {
		return false
	}
	sum := sha256.Sum256(append(slices.Clone(b[:4]), normaliseRecoveryCode(typed)...))
	return subtle.ConstantTimeCompare(b[4:], sum[:]) == 1
}

func normaliseRecoveryCode(code string) string {
	return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(code))
}

// legacyRecoveryHash is how codes were stored before they had salts.
func legacyRecoveryHash(code string) string {
	sum := sha256.Sum256([]byte("hearth recovery\x00" + normaliseRecoveryCode(code)))
	return hex.EncodeToString(sum[:])
}
