package auth

import (
	"strings"
	"testing"
	"time"
)

// TestHOTPMatchesRFC6238 checks the core against RFC 6238 appendix B's
// SHA-1 vectors (secret "12345678901234567890", 8 digits).
func TestHOTPMatchesRFC6238(t *testing.T) {
	t.Parallel()
	key := []byte("12345678901234567890")
	for _, tt := range []struct {
		unix int64
		want string
	}{
		{59, "94287082"}, {1111111109, "07081804"}, {1111111111, "14050471"},
		{1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
	} {
		if got := hotp(key, uint64(tt.unix/30), 8); got != tt.want {
			t.Errorf("T=%d: %s, want %s", tt.unix, got, tt.want)
		}
	}
}

// TestVerifyTOTP shows the current code and its neighbours pass, older ones
// and reused ones do not.
func TestVerifyTOTP(t *testing.T) {
	t.Parallel()
	secret := base32NoPad.EncodeToString([]byte("12345678901234567890"))
	now := time.Unix(1111111109, 0)
	code := "081804" // the 6-digit form of the RFC's 07081804
	step, ok := VerifyTOTP(secret, code, now, 0)
	if !ok || step != 1111111109/30 {
		t.Fatalf("current code: step %d ok %v", step, ok)
	}
	if _, ok := VerifyTOTP(secret, "081 804", now, 0); !ok {
		t.Error("code typed with a space refused")
	}
	if _, ok := VerifyTOTP(secret, code, now.Add(30*time.Second), 0); !ok {
		t.Error("code from the previous step refused (clock drift)")
	}
	if _, ok := VerifyTOTP(secret, code, now.Add(90*time.Second), 0); ok {
		t.Error("code three steps old accepted")
	}
	if _, ok := VerifyTOTP(secret, code, now, step); ok {
		t.Error("a used code was accepted again")
	}
	for _, bad := range []string{"", "08180", "0818045", "abcdef", "081805"} {
		if _, ok := VerifyTOTP(secret, bad, now, 0); ok {
			t.Errorf("code %q accepted", bad)
		}
	}
	if _, ok := VerifyTOTP("not base32!", code, now, 0); ok {
		t.Error("a malformed secret verified")
	}
}

// TestNewTOTPSecretAndURI shows secrets are random 160-bit base32 and the
// QR address names Hearth and the account.
func TestNewTOTPSecretAndURI(t *testing.T) {
	t.Parallel()
	a, _ := NewTOTPSecret()
	b, _ := NewTOTPSecret()
	if a == b || len(a) != 32 {
		t.Errorf("secrets %q %q", a, b)
	}
	uri := TOTPURI(a, "zoë@example.org")
	if !strings.HasPrefix(uri, "otpauth://totp/Hearth:zo%C3%AB@example.org?") || !strings.Contains(uri, "secret="+a) ||
		!strings.Contains(uri, "issuer=Hearth") {
		t.Errorf("uri = %s", uri)
	}
}
