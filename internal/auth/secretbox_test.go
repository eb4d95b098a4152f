package auth

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

func testBox(t *testing.T, fill byte) *SecretBox {
	t.Helper()
	box, err := NewSecretBox(bytes.Repeat([]byte{fill}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return box
}

// TestSecretBox shows a secret sealed for one account opens for it with the
// same key, and not for another account, with another key, or without a
// key; secrets stored before any key was set open as they are.
func TestSecretBox(t *testing.T) {
	t.Parallel()
	const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	box := testBox(t, 7)
	sealed, err := box.seal(42, secret)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sealed, sealedPrefix) || strings.Contains(sealed, secret) {
		t.Fatalf("stored as %q", sealed)
	}
	if again, _ := box.seal(42, secret); again == sealed {
		t.Error("sealing twice gave the same text: the nonce is not fresh")
	}
	if got, err := box.open(42, sealed); err != nil || got != secret {
		t.Errorf("open: %q, %v", got, err)
	}
	if _, err := box.open(43, sealed); err == nil {
		t.Error("a secret sealed for account 42 opened for account 43")
	}
	if _, err := testBox(t, 8).open(42, sealed); err == nil {
		t.Error("a secret opened with another key")
	}
	var none *SecretBox
	if _, err := none.open(42, sealed); !errors.Is(err, ErrNoSecretKey) {
		t.Errorf("without a key: %v, want ErrNoSecretKey", err)
	}
	if got, err := none.open(42, secret); err != nil || got != secret {
		t.Errorf("a secret stored as it is, without a key: %q, %v", got, err)
	}
	if got, err := box.open(42, secret); err != nil || got != secret {
		t.Errorf("a secret stored as it is, with a key: %q, %v", got, err)
	}
	if stored, err := none.seal(42, secret); err != nil || stored != secret {
		t.Errorf("without a key a secret is stored as it is: %q, %v", stored, err)
	}
	if _, err := box.open(42, sealedPrefix+"not base64!"); err == nil {
		t.Error("a malformed sealed secret opened")
	}
	if _, err := NewSecretBox([]byte("short")); err == nil {
		t.Error("a 5-byte key was accepted")
	}
}

// TestSealStoredSecrets shows start-up with a key seals every secret
// stored as it is, enrolled and pending, once; and start-up without the
// key refuses once any secret is sealed, naming the setting.
func TestSealStoredSecrets(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		enrolled := st.Client.User.Create().SetEmail("ssw@example.org").SetName("S").SetRole(user.RoleSsw).
			SetPasswordHash("x").SetMfaSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").SaveX(ctx)
		pending := st.Client.User.Create().SetEmail("new@example.org").SetName("N").SetRole(user.RoleSsw).
			SetPasswordHash("x").SetMfaPendingSecret("KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU").SaveX(ctx)
		st.Client.User.Create().SetEmail("carer@example.net").SetName("C").SetRole(user.RoleCarer).SetPasswordHash("x").SaveX(ctx)

		if n, err := SealStoredSecrets(ctx, st.Client, nil); err != nil || n != 0 {
			t.Fatalf("without a key, nothing sealed yet: %d, %v", n, err)
		}
		box := testBox(t, 7)
		if n, err := SealStoredSecrets(ctx, st.Client, box); err != nil || n != 2 {
			t.Fatalf("with a key: sealed %d, %v; want 2", n, err)
		}
		for _, u := range st.Client.User.Query().AllX(ctx) {
			for _, stored := range []string{u.MfaSecret, u.MfaPendingSecret} {
				if stored != "" && !strings.HasPrefix(stored, sealedPrefix) {
					t.Errorf("%s still holds a secret as it is", u.Email)
				}
			}
		}
		if got, err := box.open(enrolled.ID, st.Client.User.GetX(ctx, enrolled.ID).MfaSecret); err != nil || got != enrolled.MfaSecret {
			t.Errorf("the enrolled secret opens as %q, %v", got, err)
		}
		if got, err := box.open(pending.ID, st.Client.User.GetX(ctx, pending.ID).MfaPendingSecret); err != nil || got != pending.MfaPendingSecret {
			t.Errorf("the pending secret opens as %q, %v", got, err)
		}
		if n, err := SealStoredSecrets(ctx, st.Client, box); err != nil || n != 0 {
			t.Errorf("a second start-up sealed %d, %v; want 0", n, err)
		}
		if _, err := SealStoredSecrets(ctx, st.Client, nil); !errors.Is(err, ErrNoSecretKey) || !strings.Contains(err.Error(), "HEARTH_SECRET_KEY") {
			t.Errorf("start-up without the key once secrets are sealed: %v", err)
		}
	})
}
