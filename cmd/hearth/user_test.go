package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestUserAdd shows the first administrator being made: a generated
// password shown once, stored only as a hash, and an audit entry that
// records the account but not the password.
func TestUserAdd(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	m := map[string]string{"HEARTH_DATA_DIR": dir}
	var out syncBuffer
	err := run(context.Background(), []string{"user", "add", "--email", "Ada.Lovelace@Example.org",
		"--name", "Ada Lovelace", "--role", "admin"}, env(m), &out, &out)
	if err != nil {
		t.Fatalf("user add: %v", err)
	}
	match := regexp.MustCompile(`Password, shown only now: (\S+)`).FindStringSubmatch(out.String())
	if match == nil {
		t.Fatalf("no password shown: %s", out.String())
	}
	password := match[1]
	st := storetest.Open(t, "", filepath.Join(dir, "hearth.db"))
	u := st.Client.User.Query().Where(user.Email("ada.lovelace@example.org")).OnlyX(context.Background())
	if u.Role != user.RoleAdmin || u.Name != "Ada Lovelace" {
		t.Errorf("user = %+v", u)
	}
	if err := auth.VerifyPassword(u.PasswordHash, password); err != nil {
		t.Errorf("shown password does not verify: %v", err)
	}
	events := st.Client.AuditEvent.Query().Where(auditevent.Entity("user"), auditevent.EntityID(u.ID)).AllX(context.Background())
	if len(events) != 1 || events[0].Action != auditevent.ActionCreate || events[0].Changes["role"].New != "admin" {
		t.Fatalf("audit = %+v", events)
	}
	var raw string
	if err := st.DB.QueryRow("SELECT COALESCE(changes, '') FROM audit_events WHERE id = ?", events[0].ID).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(raw, password) || strings.Contains(raw, "argon2") || strings.Contains(raw, "password") {
		t.Errorf("the audit entry holds the password or its hash: %s", raw)
	}
}

// TestUserAddRefusesBadInput shows each bad field is named, and nothing is
// created.
func TestUserAddRefusesBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	m := map[string]string{"HEARTH_DATA_DIR": dir}
	weak := filepath.Join(dir, "weak.txt")
	if err := os.WriteFile(weak, []byte("Password123456\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var out syncBuffer
	if err := run(ctx, []string{"user", "add", "--email", "ngozi@example.net", "--name", "Ngozi Àdìgún", "--role", "ssw"}, env(m), &out, &out); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"ErrEverything", []string{"--email", "not an email", "--name", "", "--role", "boss", "--password-file", weak},
			[]string{"--email", "--name", "--role: Choose their role (one of admin, manager", "--password: Password is too common"}},
		{"ErrNameTooLong", []string{"--email", "n@example.net", "--name", strings.Repeat("n", 300), "--role", "carer"},
			[]string{"--name: Their full name must be 200 characters or fewer"}},
		{"ErrDuplicateEmail", []string{"--email", "NGOZI@example.net", "--name", "Someone", "--role", "carer"},
			[]string{"already exists"}},
		{"ErrMissingPasswordFile", []string{"--email", "x@example.net", "--name", "X", "--role", "carer", "--password-file", "/nonexistent"},
			[]string{"--password-file"}},
		{"ErrNoSubcommand", nil, []string{"usage: hearth user add"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"user"}
			if tt.args != nil {
				args = append(args, append([]string{"add"}, tt.args...)...)
			}
			err := run(ctx, args, env(m), &out, &out)
			if err == nil {
				t.Fatal("succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
	st := storetest.Open(t, "", filepath.Join(dir, "hearth.db"))
	if n := st.Client.User.Query().CountX(ctx); n != 1 {
		t.Errorf("users = %d, want only the first", n)
	}
}
