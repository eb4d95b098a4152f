package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1" //nolint:gosec // RFC 6238 TOTP, as authenticator apps compute it, is HMAC-SHA1
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// TOTP (RFC 6238) as authenticator apps implement it: HMAC-SHA1, 30-second
// steps, 6 digits. One step either side is accepted, for clocks that drift
// and people who type slowly.
const (
	totpStep   = 30 * time.Second
	totpDigits = 6
	totpSkew   = 1
)

var base32NoPad = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a new random 160-bit secret in base32, the form
// authenticator apps accept when typed in.
func NewTOTPSecret() (string, error) {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("TOTP secret: %w", err)
	}
	return base32NoPad.EncodeToString(b), nil
}

// TOTPURI is the otpauth:// address an authenticator app reads from a QR
// code.
func TOTPURI(secret, account string) string {
	label := url.PathEscape("Hearth:" + account)
	q := url.Values{"secret": {secret}, "issuer": {"Hearth"}, "algorithm": {"SHA1"},
		"digits": {fmt.Sprint(totpDigits)}, "period": {fmt.Sprint(int(totpStep.Seconds()))}}
	return "otpauth://totp/" + label + "?" + q.Encode()
}

// hotp is RFC 4226's HOTP value of key at counter, with digits digits.
func hotp(key []byte, counter uint64, digits int) string {
	mac := hmac.New(sha1.New, key)
	mac.Write(binary.BigEndian.AppendUint64(nil, counter))
	sum := mac.Sum(nil)
	offset := sum[len(sum)-1] & 0x0f
	code := binary.BigEndian.Uint32(sum[offset:offset+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, code%mod)
}

// VerifyTOTP checks code against secret at time now. It returns the time
// step that matched, which the caller stores: a code whose step is not
// after lastStep has been used already and is refused, so a code read over
// someone's shoulder cannot be replayed.
func VerifyTOTP(secret, code string, now time.Time, lastStep int64) (int64, bool) {
	key, err := base32NoPad.DecodeString(strings.ToUpper(strings.TrimRight(secret, "=")))
	if err != nil || len(key) == 0 {
		return 0, false
	}
	code = strings.Join(strings.Fields(code), "") // "123 456" as apps show it
	if len(code) != totpDigits {
		return 0, false
	}
	current := now.Unix() / int64(totpStep.Seconds())
	for step := current - totpSkew; step <= current+totpSkew; step++ {
		if step <= lastStep {
			continue
		}
		counter := uint64(step) //nolint:gosec // steps of 30 s since 1970, so never negative
		if subtle.ConstantTimeCompare([]byte(hotp(key, counter, totpDigits)), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// TOTPCode returns the code an authenticator app shows for secret at time
// at: for the demo's instructions and for tests that sign in.
func TOTPCode(secret string, at time.Time) (string, error) {
	key, err := base32NoPad.DecodeString(strings.ToUpper(strings.TrimRight(secret, "=")))
	if err != nil {
		return "", fmt.Errorf("TOTP secret: %w", err)
	}
	return hotp(key, uint64(at.Unix()/int64(totpStep.Seconds())), totpDigits), nil //nolint:gosec // steps of 30 s since 1970, so never negative
}
