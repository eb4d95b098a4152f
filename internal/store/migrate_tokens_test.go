package store_test

import (
	"context"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent/apitoken"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestMigrationEndsTimelessTokens writes API tokens as they were before
// every token had an expiry and an accountable issuer, migrates, and
// checks that each now expires (30 days from the migration for an admin
// token, 90 for any other, sooner ones kept) and that tokens nobody
// answers for any more are revoked: those of deactivated or archived
// accounts, and those another token issued.
func TestMigrationEndsTimelessTokens(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(map[string]string{dialect.SQLite: "sqlite", dialect.Postgres: "postgres"}[d], func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Empty(t, d)
			if err := s.MigrateTo(ctx, versionBefore(t, s, d, "api_token_lifetime")); err != nil {
				t.Fatal(err)
			}
			c := s.Client
			person := func(email string, active bool) int {
				return c.User.Create().SetEmail(email).SetName(email).SetRole(user.RoleAdmin).SetActive(active).SaveX(ctx).ID
			}
			active, inactive, archived := person("active@example.org", true), person("gone@example.org", false), person("archived@example.org", true)
			c.User.UpdateOneID(archived).SetArchivedAt(time.Now()).ExecX(ctx)
			soon := time.Now().Add(10 * 24 * time.Hour).UTC().Truncate(time.Second)
			token := func(name string, role apitoken.Role, issuer *int, expires *time.Time, issuedBy string) int {
				id := c.APIToken.Create().SetName(name).SetPrefix("hth_" + name[:4]).SetTokenHash(name).SetRole(role).
					SetNillableCreatedByID(issuer).SetNillableExpiresAt(expires).SaveX(ctx).ID
				c.AuditEvent.Create().SetActorLabel(issuedBy).SetNillableActorID(issuer).SetAction(auditevent.ActionCreate).
					SetEntity("api_token").SetEntityID(id).SetChanges(audit.Changes{"name": {New: name}}).ExecX(ctx)
				return id
			}
			byPerson := "Ada <active@example.org>"
			ids := map[string]int{
				"admin timeless":   token("admin timeless", apitoken.RoleAdmin, &active, nil, byPerson),
				"manager timeless": token("manager timeless", apitoken.RoleManager, &active, nil, byPerson),
				"admin for years":  token("admin for years", apitoken.RoleAdmin, &active, new(time.Now().AddDate(5, 0, 0)), byPerson),
				"ssw soon":         token("ssw soon", apitoken.RoleSsw, &active, &soon, byPerson),
				"of a leaver":      token("of a leaver", apitoken.RoleManager, &inactive, nil, "Gone <gone@example.org>"),
				"of the archived":  token("of the archived", apitoken.RoleManager, &archived, nil, "Archived <archived@example.org>"),
				"token's token":    token("token's token", apitoken.RoleAdmin, nil, nil, "API token Provisioning (hth_abcdef…)"),
				"command line's":   token("command line's", apitoken.RoleManager, nil, nil, "system: hearthload"),
			}
			migratedAt := time.Now()
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			day := 24 * time.Hour
			tests := []struct {
				name      string
				expiresIn time.Duration // from the migration; 0 to expect soon
				revoked   bool
			}{
				{"admin timeless", 30 * day, false},
				{"manager timeless", 90 * day, false},
				{"admin for years", 30 * day, false},
				{"ssw soon", 0, false},
				{"of a leaver", 90 * day, true},
				{"of the archived", 90 * day, true},
				{"token's token", 30 * day, true},
				{"command line's", 90 * day, false},
			}
			for _, tt := range tests {
				got := c.APIToken.GetX(ctx, ids[tt.name])
				want := migratedAt.Add(tt.expiresIn)
				if tt.expiresIn == 0 {
					want = soon
				}
				if got.ExpiresAt == nil || got.ExpiresAt.Sub(want).Abs() > time.Minute {
					t.Errorf("%s expires %v, want about %v", tt.name, got.ExpiresAt, want)
				}
				if (got.RevokedAt != nil) != tt.revoked {
					t.Errorf("%s revoked at %v, want revoked %v", tt.name, got.RevokedAt, tt.revoked)
				}
				audited := c.AuditEvent.Query().Where(auditevent.Entity("api_token"), auditevent.EntityID(got.ID),
					auditevent.ActionEQ(auditevent.ActionUpdate)).CountX(ctx)
				if want := map[bool]int{true: 1}[tt.revoked]; audited != want {
					t.Errorf("%s: %d revocations audited, want %d", tt.name, audited, want)
				}
			}
		})
	}
}

// versionBefore is the version of the migration just before the one whose
// file name ends in name.
func versionBefore(t *testing.T, s *store.Store, d, name string) int64 {
	t.Helper()
	fsys, err := store.MigrationsFS(d)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := fs.Glob(fsys, "*_"+name+".sql")
	if len(files) != 1 {
		t.Fatalf("migrations named %s: %v", name, files)
	}
	version, err := strconv.ParseInt(strings.SplitN(files[0], "_", 2)[0], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	versions, err := s.MigrationVersions(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range versions {
		if v == version && i > 0 {
			return versions[i-1]
		}
	}
	t.Fatalf("migration %d is not among %v", version, versions)
	return 0
}
