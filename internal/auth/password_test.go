package auth_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/internal/auth"
)

// TestHashAndVerify shows a hash verifies its own password only, and two
// hashes of one password differ (per-user salt).
func TestHashAndVerify(t *testing.T) {
	t.Parallel()
	h1, err := auth.HashPassword("cobalt lantern harbour")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := auth.HashPassword("cobalt lantern harbour")
	if h1 == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string with today's parameters", h1)
	}
	if strings.Contains(h1, "cobalt") {
		t.Error("the hash contains the password")
	}
	if err := auth.VerifyPassword(h1, "cobalt lantern harbour"); err != nil {
		t.Errorf("right password: %v", err)
	}
	for _, wrong := range []string{"cobalt lantern harbou", "Cobalt lantern harbour", "", "cobalt lantern harbour "} {
		if err := auth.VerifyPassword(h1, wrong); !errors.Is(err, auth.ErrPasswordMismatch) {
			t.Errorf("wrong password %q: err = %v, want mismatch", wrong, err)
		}
	}
	if auth.NeedsRehash(h1) {
		t.Error("a fresh hash needs rehashing")
	}
}

// TestVerifyRejectsMalformedHashes shows a damaged or foreign hash is an
// error, never a match, and asks for a rehash.
func TestVerifyRejectsMalformedHashes(t *testing.T) {
	t.Parallel()
	good, _ := auth.HashPassword("cobalt lantern harbour")
	parts := strings.Split(good, "$")
	tests := []struct{ name, hash string }{
		{"ErrEmpty", ""},
		{"ErrBcrypt", "$2a$10$abcdefghijklmnopqrstuu5Ih7nBXxq0R3PqeOqUOSkmbSqZcvr/y"},
		{"ErrArgon2i", strings.Replace(good, "argon2id", "argon2i", 1)},
		{"ErrVersion", strings.Replace(good, "v=19", "v=16", 1)},
		{"ErrParams", "$argon2id$v=19$m=x,t=2,p=1$" + parts[4] + "$" + parts[5]},
		{"ErrHugeMemory", "$argon2id$v=19$m=99999999,t=2,p=1$" + parts[4] + "$" + parts[5]},
		{"ErrZeroTime", "$argon2id$v=19$m=19456,t=0,p=1$" + parts[4] + "$" + parts[5]},
		{"ErrSalt", "$argon2id$v=19$m=19456,t=2,p=1$!!!$" + parts[5]},
		{"ErrNoKey", "$argon2id$v=19$m=19456,t=2,p=1$" + parts[4] + "$"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := auth.VerifyPassword(tt.hash, "cobalt lantern harbour")
			if err == nil || errors.Is(err, auth.ErrPasswordMismatch) {
				t.Errorf("err = %v, want a malformed-hash error", err)
			}
			if !auth.NeedsRehash(tt.hash) {
				t.Error("NeedsRehash = false for a malformed hash")
			}
		})
	}
	weaker := "$argon2id$v=19$m=4096,t=1,p=1$" + parts[4] + "$" + parts[5]
	if !auth.NeedsRehash(weaker) {
		t.Error("NeedsRehash = false for weaker parameters")
	}
}

// TestVerifyNoAccountAlwaysFails shows the timing stand-in never matches.
func TestVerifyNoAccountAlwaysFails(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"", "not a real password: timing equaliser", "cobalt lantern harbour"} {
		if err := auth.VerifyNoAccount(p); !errors.Is(err, auth.ErrPasswordMismatch) {
			t.Errorf("VerifyNoAccount(%q) = %v", p, err)
		}
	}
}

// TestCheckPassword shows the policy: long enough, not common, not the
// email address.
func TestCheckPassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, password, want string
	}{
		{"OK", "cobalt lantern harbour", ""},
		{"OKAccents", "Zoë's three words ŁÓD", ""},
		{"ErrShort", "short pass", "12 characters or more"},
		{"ErrShortByRunes", "ŁÓDŹŻĆŃĘĄŚ1", "12 characters or more"},
		{"ErrLong", strings.Repeat("a", 257), "256 characters or fewer"},
		{"ErrCommon", "qwertyuiopasdfghjkl", "too common"},
		{"ErrCommonWithSuffix", "Password123456!", "too common"},
		{"ErrCommonSpaced", "Foster Carer 2026!", "too common"},
		{"ErrRepeated", "aaaaaaaaaaaaaa", "too common"},
		{"ErrEmail", "ngozi.adigun-cobalt", "email address"},
		{"ErrInvalidUTF8", "cobalt lantern\xff harbour", "valid text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := auth.CheckPassword(tt.password, "ngozi.adigun@example.net")
			if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("CheckPassword(%q) = %q, want %q", tt.password, got, tt.want)
			}
		})
	}
}

// BenchmarkHashPassword shows the cost of one sign-in's hashing.
func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := auth.HashPassword("cobalt lantern harbour"); err != nil {
			b.Fatal(err)
		}
	}
}
