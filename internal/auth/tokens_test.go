package auth

import (
	"errors"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestTokenIssuerRules shows the rules on who may issue what, whatever
// asks: only an administrator may issue a token for a role other than
// their own, and an account that can no longer sign in issues none.
func TestTokenIssuerRules(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		person := func(email string, role user.Role) NewToken {
			u := st.Client.User.Create().SetEmail(email).SetName(email).SetRole(role).SaveX(ctx)
			return NewToken{Name: "Export", Issuer: u}
		}
		admin, manager, leaver := person("admin@example.org", user.RoleAdmin), person("manager@example.org", user.RoleManager),
			person("leaver@example.org", user.RoleAdmin)
		st.Client.User.UpdateOneID(leaver.Issuer.ID).SetActive(false).ExecX(ctx)
		tests := []struct {
			name   string
			in     NewToken
			role   string
			code   string // "" for success
			fields string // the field an invalid request names
		}{
			{"AdminAnyRole", admin, "ssw", "", ""},
			{"AdminAdmin", admin, "admin", "", ""},
			{"ManagerOwnRole", manager, "manager", "", ""},
			{"ErrManagerAdmin", manager, "admin", registry.EINVALID, "role"},
			{"ErrManagerOtherRole", manager, "adm", registry.EINVALID, "role"},
			{"ErrDeactivatedIssuer", leaver, "ssw", registry.EFORBIDDEN, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := tt.in
				in.Role = tt.role
				before := st.Client.APIToken.Query().CountX(ctx)
				_, created, err := CreateToken(ctx, st.Client, registry.System("test"), in, time.Now())
				var re *registry.Error
				switch {
				case tt.code == "" && err != nil:
					t.Fatalf("refused: %v", err)
				case tt.code == "":
					if created.CreatedByID == nil || *created.CreatedByID != in.Issuer.ID {
						t.Errorf("issuer recorded as %v, want %d", created.CreatedByID, in.Issuer.ID)
					}
				case !errors.As(err, &re) || re.Code != tt.code || tt.fields != "" && re.Fields[tt.fields] == "":
					t.Errorf("err = %v, want %s naming %q", err, tt.code, tt.fields)
				default:
					if after := st.Client.APIToken.Query().CountX(ctx); after != before {
						t.Error("a refused token was issued")
					}
				}
			})
		}
	})
}
