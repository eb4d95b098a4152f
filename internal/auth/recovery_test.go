package auth

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestRecoveryCodeStorage shows codes carry 80 random bits in four groups,
// are stored with a salt of their own (the same code twice is stored two
// ways) and never as typed, and match however they are typed, but not
// another code.
func TestRecoveryCodeStorage(t *testing.T) {
	t.Parallel()
	shape := regexp.MustCompile(`^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$`)
	code, other := newRecoveryCode(), newRecoveryCode()
	if !shape.MatchString(code) || code == other {
		t.Fatalf("codes %q and %q", code, other)
	}
	stored := storeRecoveryCode(code)
	if stored == storeRecoveryCode(code) || strings.Contains(stored, strings.ReplaceAll(code, "-", "")) || len(stored) > 64 {
		t.Errorf("stored as %q: want salted, not the code, and within the column's 64 characters", stored)
	}
	for _, typed := range []string{code, strings.ToLower(code), strings.ReplaceAll(code, "-", " "), strings.ReplaceAll(code, "-", "")} {
		if !recoveryCodeMatches(stored, typed) {
			t.Errorf("%q does not match its own code typed as %q", code, typed)
		}
	}
	if recoveryCodeMatches(stored, other) || recoveryCodeMatches(stored, "") || recoveryCodeMatches("s1not-base64!", code) {
		t.Error("a code matched what it is not")
	}
}

// TestRecoveryCodesOnceEach shows a salted code and one stored before
// codes had salts each sign in once, and never again.
func TestRecoveryCodesOnceEach(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		u := st.Client.User.Create().SetEmail("ssw@example.org").SetName("S").SetRole(user.RoleSsw).SetPasswordHash("x").
			SetMfaSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").SaveX(ctx)
		salted := newRecoveryCode()
		const old = "K7QM-2XWA-9PLD" // a 60-bit code from before
		st.Client.RecoveryCode.Create().SetUserID(u.ID).SetCodeHash(storeRecoveryCode(salted)).ExecX(ctx)
		st.Client.RecoveryCode.Create().SetUserID(u.ID).SetCodeHash(legacyRecoveryHash(old)).ExecX(ctx)
		for _, code := range []string{salted, "k7qm 2xwa 9pld"} {
			if used, err := CheckSecondFactor(ctx, st.Client, nil, u, code, time.Now()); err != nil || !used {
				t.Errorf("%q: used %v, %v; want signed in with a recovery code", code, used, err)
			}
			if _, err := CheckSecondFactor(ctx, st.Client, nil, u, code, time.Now()); !errors.Is(err, ErrWrongCode) {
				t.Errorf("%q a second time: %v, want ErrWrongCode", code, err)
			}
		}
		if _, err := CheckSecondFactor(ctx, st.Client, nil, u, newRecoveryCode(), time.Now()); !errors.Is(err, ErrWrongCode) {
			t.Errorf("a code never issued: %v, want ErrWrongCode", err)
		}
	})
}
