package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent/apitoken"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// onEachDatabase runs test with the settings that point the command at a
// fresh SQLite folder and at a fresh PostgreSQL schema, and a way to open
// the same database afterwards.
func onEachDatabase(t *testing.T, test func(t *testing.T, settings map[string]string, open func() *store.Store)) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			settings := map[string]string{"HEARTH_DATA_DIR": t.TempDir()}
			if d == dialect.Postgres {
				settings = map[string]string{"HEARTH_DATABASE_URL": storetest.PostgresURL(t)}
			}
			open := func() *store.Store {
				return storetest.Open(t, settings["HEARTH_DATABASE_URL"], filepath.Join(settings["HEARTH_DATA_DIR"], "hearth.db"))
			}
			test(t, settings, open)
		})
	}
}

// TestTokenIssue shows an integration without a browser getting a token:
// `hearth token issue` prints it once, it works, it expires when asked
// (or by the role's default), and the audit trail says the command line
// issued it, without the token.
func TestTokenIssue(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, settings map[string]string, open func() *store.Store) {
		ctx := context.Background()
		var out syncBuffer
		err := run(ctx, []string{"token", "issue", "--name", "Council warehouse", "--role", "manager", "--expires", "30d"}, env(settings), &out, &out)
		if err != nil {
			t.Fatalf("token issue: %v", err)
		}
		tokens := regexp.MustCompile(`hth_[A-Za-z0-9_-]+`).FindAllString(out.String(), -1)
		if len(tokens) != 1 {
			t.Fatalf("want the token printed once, got %d in %q", len(tokens), out.String())
		}
		token := tokens[0]
		st := open()
		tok, _, err := auth.LookupToken(ctx, st.Client, token, time.Now())
		if err != nil {
			t.Fatalf("the printed token does not work: %v", err)
		}
		if tok.Name != "Council warehouse" || tok.Role != apitoken.RoleManager || tok.CreatedByID != nil {
			t.Errorf("token = %+v", tok)
		}
		if tok.ExpiresAt == nil || time.Until(*tok.ExpiresAt) < 30*24*time.Hour-time.Minute || time.Until(*tok.ExpiresAt) > 30*24*time.Hour {
			t.Errorf("expires %v, want in 30 days", tok.ExpiresAt)
		}
		events := st.Client.AuditEvent.Query().Where(auditevent.Entity("api_token"), auditevent.EntityID(tok.ID),
			auditevent.ActionEQ(auditevent.ActionCreate)).AllX(ctx)
		if len(events) != 1 || events[0].ActorID != nil || events[0].ActorLabel != "system: hearth token issue" {
			t.Fatalf("audit = %+v", events)
		}
		raw, err := json.Marshal(events[0])
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), token[10:]) {
			t.Errorf("the audit entry holds the token: %s", raw)
		}

		out = syncBuffer{}
		if err := run(ctx, []string{"token", "issue", "--name", "Provisioning", "--role", "admin"}, env(settings), &out, &out); err != nil {
			t.Fatalf("admin token: %v", err)
		}
		admin := st.Client.APIToken.Query().Where(apitoken.Name("Provisioning")).OnlyX(ctx)
		if admin.ExpiresAt == nil || time.Until(*admin.ExpiresAt) > 30*24*time.Hour || time.Until(*admin.ExpiresAt) < 30*24*time.Hour-time.Minute {
			t.Errorf("an admin token by default expires %v, want in 30 days", admin.ExpiresAt)
		}
	})
}

// TestTokenIssueRefusesBadInput shows each bad flag named, and no token
// issued.
func TestTokenIssueRefusesBadInput(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, settings map[string]string, open func() *store.Store) {
		ctx := context.Background()
		tests := []struct {
			name string
			args []string
			want []string
		}{
			{"ErrAdminTooLong", []string{"--name", "x", "--role", "admin", "--expires", "60d"}, []string{"--expires", "30 days"}},
			{"ErrRole", []string{"--name", "x", "--role", "carer"}, []string{"--role"}},
			{"ErrNoName", []string{"--role", "ssw"}, []string{"--name"}},
			{"ErrExpiresNotDays", []string{"--name", "x", "--role", "ssw", "--expires", "soon"}, []string{"--expires"}},
			{"ErrExpiresZero", []string{"--name", "x", "--role", "ssw", "--expires", "0d"}, []string{"--expires"}},
			{"ErrNoSubcommand", nil, []string{"usage: hearth token issue"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				args := []string{"token"}
				if tt.args != nil {
					args = append(args, append([]string{"issue"}, tt.args...)...)
				}
				var out syncBuffer
				err := run(ctx, args, env(settings), &out, &out)
				if err == nil {
					t.Fatalf("succeeded: %s", out.String())
				}
				for _, w := range tt.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not mention %q", err, w)
					}
				}
				if strings.Contains(out.String(), "hth_") {
					t.Errorf("a token was printed: %s", out.String())
				}
			})
		}
		if err := run(ctx, []string{"migrate"}, env(settings), &syncBuffer{}, &syncBuffer{}); err != nil {
			t.Fatal(err)
		}
		if n := open().Client.APIToken.Query().CountX(ctx); n != 0 {
			t.Errorf("tokens issued by bad commands: %d", n)
		}
	})
}
