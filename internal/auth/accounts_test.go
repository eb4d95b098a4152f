package auth

import (
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestTokensLiveFirst shows the settings page's order on both databases:
// tokens still usable before revoked ones, newest first within each, and
// the API's order, newest first whatever their state.
func TestTokensLiveFirst(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx, now := t.Context(), time.Now()
		admin := st.Client.User.Create().SetEmail("admin@example.org").SetName("Admin").SetRole(user.RoleAdmin).SaveX(ctx)
		issue := func(name string) int {
			_, tok, err := CreateToken(ctx, st.Client, registry.System("test"), NewToken{Name: name, Role: "ssw", Issuer: admin}, now)
			if err != nil {
				t.Fatal(err)
			}
			return tok.ID
		}
		live, revoked := issue("Live"), issue("Revoked")
		if err := RevokeToken(ctx, st.Client, registry.System("test"), revoked, now); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			liveFirst bool
			want      []int
		}{{true, []int{live, revoked}}, {false, []int{revoked, live}}} {
			tokens, issuers, err := Tokens(ctx, st.Client, tc.liveFirst)
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, tok := range tokens {
				got = append(got, tok.ID)
			}
			if len(got) != 2 || got[0] != tc.want[0] || got[1] != tc.want[1] {
				t.Errorf("liveFirst %v: tokens %v, want %v", tc.liveFirst, got, tc.want)
			}
			if issuers[admin.ID] == nil {
				t.Errorf("the issuer is not found: %v", issuers)
			}
		}
	})
}
