package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/user"
)

// longestName and longestEmail are the longest name and email address an
// account may have.
var (
	longestName  = strings.Repeat("Angharad ", 22) + "Jo"
	longestEmail = strings.Repeat("a", 64) + "@" + strings.Repeat("d", 177) + ".example.org"
)

// TestAccountNameLimits shows a name of 300 characters refused with 422
// naming the field, by the API and the administrators' page; and an account
// with the longest name and the longest email address allowed created,
// enrolled and signed in, every step audited under its full name and
// address.
func TestAccountNameLimits(t *testing.T) {
	t.Parallel()
	if len(longestEmail) != 254 || len(longestName) != 200 {
		t.Fatalf("the longest name is %d bytes and the longest email %d", len(longestName), len(longestEmail))
	}
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		admin := signedInAdmin(t, s)
		tooLong := strings.Repeat("n", 300)
		t.Run("APIRefuses300", func(t *testing.T) {
			admin.t = t
			expectRefused(t, st.Client, 422, "name", "Their full name must be 200 characters or fewer", func() (*http.Response, string) {
				return admin.sendJSON("POST", "/api/v1/users", fmt.Sprintf(`{"email": "n@example.org", "name": %q, "role": "ssw"}`, tooLong))
			})
		})
		t.Run("PageRefuses300", func(t *testing.T) {
			admin.t = t
			before := recordsState(t, st.Client)
			admin.get("/admin/users")
			resp, body := admin.post("/admin/users", url.Values{"name": {tooLong}, "email": {"n@example.org"}, "role": {"ssw"},
				"password": {"harbour cobalt lantern"}})
			if resp.StatusCode != 422 || !strings.Contains(body, `href="#name"`) {
				t.Errorf("%d, want 422 naming the name", resp.StatusCode)
			}
			if after := recordsState(t, st.Client); after != before {
				t.Errorf("changed: %s, then %s", before, after)
			}
		})
		t.Run("LongestEnrolsAndIsAudited", func(t *testing.T) {
			admin.t = t
			body, _ := json.Marshal(map[string]string{"email": longestEmail, "name": longestName, "role": "ssw", "password": testPassword})
			resp, out := admin.sendJSON("POST", "/api/v1/users", string(body))
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("create: %d %s", resp.StatusCode, out)
			}
			b := newBrowser(t, s)
			b.signIn(longestEmail, testPassword) // enrols
			if resp, _ := b.get("/"); resp.StatusCode != 200 {
				t.Fatalf("home after enrolment: %d", resp.StatusCode)
			}
			b = newBrowser(t, s)
			b.signIn(longestEmail, testPassword) // the code step
			u := st.Client.User.Query().Where(user.Email(longestEmail)).OnlyX(t.Context())
			label := longestName + " <" + longestEmail + ">"
			events := st.Client.AuditEvent.Query().Where(auditevent.ActorID(u.ID)).AllX(t.Context())
			var logins, enrolled int
			for _, e := range events {
				if e.ActorLabel != label {
					t.Errorf("%s audited as %q, want %q", e.Action, e.ActorLabel, label)
				}
				switch {
				case e.Action == auditevent.ActionLogin:
					logins++
				case e.Action == auditevent.ActionUpdate && e.Changes["mfa"].New != nil:
					enrolled++
				}
			}
			if logins != 2 || enrolled != 1 {
				t.Errorf("audited %d sign-ins and %d enrolments, want 2 and 1", logins, enrolled)
			}
		})
	})
}

// TestAccountLabelFitsTheTrail shows the model's limits agree: the longest
// name and email address an account can have, written as the trail's
// label for it, fit the trail's column, and one byte more of either does
// not fit the account.
func TestAccountLabelFitsTheTrail(t *testing.T) {
	t.Parallel()
	if err := auditevent.ActorLabelValidator(longestName + " <" + longestEmail + ">"); err != nil {
		t.Errorf("the longest account's label: %v", err)
	}
	if user.NameValidator(longestName+"n") == nil || user.EmailValidator("a"+longestEmail) == nil {
		t.Error("an account may have a longer name or email address than the trail's label was sized for")
	}
}
