package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestServeSealsSecrets shows that starting with HEARTH_SECRET_KEY seals
// the second-factor secrets already stored (here the demo's), that a start
// without the key is then refused with a message naming it, and that a key
// that is not 32 bytes of base64 is refused before anything opens.
func TestServeSealsSecrets(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" // 32 bytes
	_, stdout, stop := startServe(t, map[string]string{"HEARTH_DATA_DIR": dir, "HEARTH_SECRET_KEY": key})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	st := storetest.Open(t, "", filepath.Join(dir, "hearth.db"))
	staff := st.Client.User.Query().Where(user.MfaSecretNEQ("")).AllX(t.Context())
	st.Close()
	if len(staff) == 0 || !strings.Contains(stdout.String(), "seeded the demo") {
		t.Fatalf("no demo staff with a second factor to seal; output %s", stdout.String())
	}
	for _, u := range staff {
		if !strings.HasPrefix(u.MfaSecret, "sealed1:") || strings.Contains(u.MfaSecret, DemoMFASecret) {
			t.Errorf("%s's secret is stored as %q", u.Email, u.MfaSecret)
		}
	}

	var out, errs syncBuffer
	err := run(context.Background(), []string{"serve"}, env(map[string]string{"HEARTH_DATA_DIR": dir, "HEARTH_ADDR": "127.0.0.1:0"}), &out, &errs)
	if err == nil || !strings.Contains(err.Error(), "HEARTH_SECRET_KEY") || strings.Contains(out.String(), "is serving") {
		t.Errorf("start without the key: %v; output %s", err, out.String())
	}
	err = run(context.Background(), []string{"serve"}, env(map[string]string{"HEARTH_DATA_DIR": dir, "HEARTH_ADDR": "127.0.0.1:0",
		"HEARTH_SECRET_KEY": "c2hvcnQ="}), &out, &errs)
	if err == nil || !strings.Contains(err.Error()+errs.String(), "HEARTH_SECRET_KEY must be 32 random bytes in base64") {
		t.Errorf("a 5-byte key: %v; stderr %s", err, errs.String())
	}
}
