package server

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/hearth-registry/hearth/ent/apitoken"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/user"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// signedInAs returns a browser signed in as a new account with this name.
func signedInAs(t *testing.T, s *Server, email, name, role string) *browser {
	t.Helper()
	if _, err := auth.CreateUser(t.Context(), s.Store.Client, registry.System("test"),
		auth.NewUser{Email: email, Name: name, Role: role, Password: testPassword}); err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	b := newBrowser(t, s)
	b.signIn(email, testPassword)
	return b
}

// issueToken asks for a token through the API and returns the answer.
func issueToken(t *testing.T, b *browser, body string) (int, jsonapi.TokenJSON, httpx.Problem) {
	t.Helper()
	resp, out := b.sendJSON("POST", "/api/v1/tokens", body)
	var tok jsonapi.TokenJSON
	var p httpx.Problem
	if resp.StatusCode == http.StatusCreated {
		mustUnmarshal(t, out, &tok)
	} else {
		p = decodeProblem(t, resp, out)
	}
	return resp.StatusCode, tok, p
}

// newAccountWith asks, with a bearer token, for a new administrator.
func newAccountWith(t *testing.T, s *Server, token, email string) int {
	t.Helper()
	api := apiClient{t: t, s: s, token: token}
	resp, _ := api.send("POST", "/api/v1/users", fmt.Sprintf(`{"email": %q, "name": "Made by a token", "role": "admin"}`, email))
	return resp.StatusCode
}

// TestDeactivatingAnIssuerRevokesTheirTokens reproduces the finding: an
// administrator issues an admin token, is deactivated, and the token goes
// on creating administrators. Deactivation now revokes every token the
// account issued, says how many on the API and on the users page, and
// leaves other people's tokens working.
func TestDeactivatingAnIssuerRevokesTheirTokens(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		leaver := signedInAs(t, s, "leaver@example.org", "Lowri Evans", "admin")
		stayer := signedInAs(t, s, "stayer@example.org", "Samir Haddad", "admin")
		_, adminToken, _ := issueToken(t, leaver, `{"name": "Provisioning", "role": "admin"}`)
		_, managerToken, _ := issueToken(t, leaver, `{"name": "Nightly export", "role": "manager"}`)
		_, othersToken, _ := issueToken(t, stayer, `{"name": "Case system sync", "role": "ssw"}`)
		if status := newAccountWith(t, s, adminToken.Token, "first@example.org"); status != http.StatusCreated {
			t.Fatalf("the admin token creating an account before: %d", status)
		}

		leaverID := leaver.user("leaver@example.org").ID
		resp, body := stayer.sendJSON("POST", fmt.Sprintf("/api/v1/users/%d/deactivate", leaverID), "")
		var answer struct {
			Active        bool `json:"active"`
			TokensRevoked int  `json:"tokens_revoked"`
		}
		if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &answer) != nil || answer.Active || answer.TokensRevoked != 2 {
			t.Errorf("deactivate: %d %s; want 200 saying 2 tokens were revoked", resp.StatusCode, body)
		}
		if status := newAccountWith(t, s, adminToken.Token, "second@example.org"); status != http.StatusUnauthorized {
			t.Errorf("the leaver's admin token creating an account after: %d, want 401", status)
		}
		if resp := withToken(t, s, "GET", "/api/v1/status", managerToken.Token); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("the leaver's manager token after: %d, want 401", resp.StatusCode)
		}
		if resp := withToken(t, s, "GET", "/api/v1/status", othersToken.Token); resp.StatusCode != http.StatusOK {
			t.Errorf("another administrator's token after: %d, want 200", resp.StatusCode)
		}
		revocations := st.Client.AuditEvent.Query().Where(auditevent.Entity("api_token"),
			auditevent.EntityIDIn(adminToken.ID, managerToken.ID), auditevent.ActionEQ(auditevent.ActionUpdate)).CountX(t.Context())
		if revocations != 2 {
			t.Errorf("revocations audited = %d, want 2", revocations)
		}

		// The same through the users page, which says how many.
		second := signedInAs(t, s, "second.leaver@example.org", "Ceri Jones", "admin")
		_, pageToken, _ := issueToken(t, second, `{"name": "Payroll", "role": "manager"}`)
		stayer.get("/admin/users")
		secondID := stayer.user("second.leaver@example.org").ID
		resp, _ = stayer.post(fmt.Sprintf("/admin/users/%d/deactivate", secondID), nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("deactivate through the page: %d", resp.StatusCode)
		}
		_, page := stayer.get(resp.Header.Get("Location"))
		if banner := pageText(t, page); !strings.Contains(banner, "1 API token it issued has been revoked") {
			t.Errorf("the banner does not say how many tokens were revoked: %.400s", banner)
		}
		if resp := withToken(t, s, "GET", "/api/v1/status", pageToken.Token); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("a token of an account deactivated through the page: %d, want 401", resp.StatusCode)
		}
	})
}

// TestTokenOfADeactivatedIssuerIsRefused shows the check at use: a token
// whose issuer can no longer sign in is refused even if, somehow, it was
// never revoked.
func TestTokenOfADeactivatedIssuerIsRefused(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		admin := signedInAdmin(t, s)
		_, tok, _ := issueToken(t, admin, `{"name": "Provisioning", "role": "admin"}`)
		if resp := withToken(t, s, "GET", "/api/v1/status", tok.Token); resp.StatusCode != http.StatusOK {
			t.Fatalf("before: %d", resp.StatusCode)
		}
		// Behind Deactivate's back, as a restore from an old backup or a
		// hand-made change might leave things.
		st.Client.User.Update().Where(user.Email("admin@example.org")).SetActive(false).ExecX(t.Context())
		if status := newAccountWith(t, s, tok.Token, "new.admin@example.org"); status != http.StatusUnauthorized {
			t.Errorf("a token of a deactivated issuer: %d, want 401", status)
		}
	})
}

// TestTokenExpiry shows every token issued with an expiry: 90 days unless
// asked for less, and at most 30 for an admin token. Asking for more is
// refused (422 naming expires_at, nothing issued) rather than quietly
// shortened, so an integration never believes it has longer than it has.
func TestTokenExpiry(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		admin := signedInAdmin(t, s)
		day := 24 * time.Hour
		at := func(after time.Duration) string { return time.Now().Add(after).UTC().Format(time.RFC3339) }
		tests := []struct {
			name, body string
			status     int
			expiresIn  time.Duration // when it succeeds
		}{
			{"DefaultManager", `{"name": "x", "role": "manager"}`, 201, 90 * day},
			{"DefaultAdmin", `{"name": "x", "role": "admin"}`, 201, 30 * day},
			{"ShorterAdmin", `{"name": "x", "role": "admin", "expires_at": "` + at(10*day) + `"}`, 201, 10 * day},
			{"ExactlyTheCapForSSW", `{"name": "x", "role": "ssw", "expires_at": "` + at(90*day-time.Minute) + `"}`, 201, 90*day - time.Minute},
			{"ErrAdmin60Days", `{"name": "x", "role": "admin", "expires_at": "` + at(60*day) + `"}`, 422, 0},
			{"ErrManager100Days", `{"name": "x", "role": "manager", "expires_at": "` + at(100*day) + `"}`, 422, 0},
			{"ErrPast", `{"name": "x", "role": "manager", "expires_at": "` + at(-time.Hour) + `"}`, 422, 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := st.Client.APIToken.Query().CountX(t.Context())
				status, tok, p := issueToken(t, admin, tt.body)
				if status != tt.status {
					t.Fatalf("status %d %+v, want %d", status, p, tt.status)
				}
				if status != 201 {
					if p.Fields["expires_at"] == "" {
						t.Errorf("the refusal does not name expires_at: %+v", p)
					}
					if after := st.Client.APIToken.Query().CountX(t.Context()); after != before {
						t.Errorf("a refused request issued a token")
					}
					return
				}
				if tok.ExpiresAt == nil {
					t.Fatal("issued without an expiry")
				}
				if off := time.Until(*tok.ExpiresAt) - tt.expiresIn; off > time.Minute || off < -time.Minute {
					t.Errorf("expires %s, want about %s from now", tok.ExpiresAt, tt.expiresIn)
				}
				stored := st.Client.APIToken.GetX(t.Context(), tok.ID)
				if stored.ExpiresAt == nil || !stored.ExpiresAt.Equal(tok.ExpiresAt.Truncate(time.Microsecond)) && !stored.ExpiresAt.Equal(*tok.ExpiresAt) {
					t.Errorf("stored expiry %v, answered %v", stored.ExpiresAt, tok.ExpiresAt)
				}
			})
		}
	})
}

// TestExpiredTokenRefusedAsUnknown shows a token past its expiry, and one
// with none at all (as tokens were before every token had one), refused
// with the very answer a token that never existed gets.
func TestExpiredTokenRefusedAsUnknown(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		longAgo := time.Now().AddDate(0, 0, -100)
		expired, _, err := auth.CreateToken(t.Context(), st.Client, registry.System("test"),
			auth.NewToken{Name: "Issued 100 days ago", Role: "manager"}, longAgo)
		if err != nil {
			t.Fatal(err)
		}
		// A token as the old code made them: no expiry.
		timeless := "hth_" + strings.Repeat("A", 43)
		st.Client.APIToken.Create().SetName("No expiry").SetPrefix(timeless[:10]).SetTokenHash(sha256Hex(timeless)).
			SetRole(apitoken.RoleManager).ExecX(t.Context())
		answer := func(token string) (int, httpx.Problem) {
			req := httptest.NewRequest("GET", "/api/v1/status", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, body := do(t, s, req)
			p := decodeProblem(t, resp, body)
			p.RequestID = ""
			return resp.StatusCode, p
		}
		unknownStatus, unknown := answer("hth_" + strings.Repeat("B", 43))
		if unknownStatus != http.StatusUnauthorized {
			t.Fatalf("unknown token: %d", unknownStatus)
		}
		for name, token := range map[string]string{"expired": expired, "without an expiry": timeless} {
			if status, p := answer(token); status != unknownStatus || fmt.Sprint(p) != fmt.Sprint(unknown) {
				t.Errorf("a token %s: %d %+v; want the unknown token's %d %+v", name, status, p, unknownStatus, unknown)
			}
		}
	})
}

// TestTokenListShowsIssuerExpiryAndLastUse shows, in the API and on the
// page, who issued each token, its role, when it expires and when it was
// last used; and never the token.
func TestTokenListShowsIssuerExpiryAndLastUse(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		admin := signedInAs(t, s, "nia@example.org", "Nia Okafor", "admin")
		_, tok, _ := issueToken(t, admin, `{"name": "Nightly export", "role": "manager"}`)
		if _, _, err := auth.CreateToken(t.Context(), st.Client, registry.System("hearth token issue"),
			auth.NewToken{Name: "Warehouse", Role: "ssw"}, time.Now()); err != nil {
			t.Fatal(err)
		}
		withToken(t, s, "GET", "/api/v1/status", tok.Token)

		_, body := admin.get("/api/v1/tokens")
		if strings.Contains(body, tok.Token) {
			t.Error("the list shows a token")
		}
		var listed struct {
			Items []struct {
				Name       string     `json:"name"`
				Role       string     `json:"role"`
				IssuerID   *int       `json:"issuer_id"`
				Issuer     string     `json:"issuer"`
				ExpiresAt  *time.Time `json:"expires_at"`
				LastUsedAt *time.Time `json:"last_used_at"`
			} `json:"items"`
		}
		mustUnmarshal(t, body, &listed)
		byName := map[string]int{}
		for i, it := range listed.Items {
			byName[it.Name] = i
		}
		export, warehouse := listed.Items[byName["Nightly export"]], listed.Items[byName["Warehouse"]]
		niaID := admin.user("nia@example.org").ID
		if export.Role != "manager" || export.IssuerID == nil || *export.IssuerID != niaID || !strings.Contains(export.Issuer, "Nia Okafor") ||
			export.ExpiresAt == nil || export.LastUsedAt == nil {
			t.Fatalf("the person's token is listed as %+v", export)
		}
		if warehouse.IssuerID != nil || warehouse.Issuer != "command line" || warehouse.ExpiresAt == nil || warehouse.LastUsedAt != nil {
			t.Errorf("the command line's token is listed as %+v", warehouse)
		}

		_, page := admin.get("/admin/tokens")
		rows := tableRows(t, page)
		if len(rows) < 3 {
			t.Fatalf("token table: %q", rows)
		}
		head := strings.Join(rows[0], "|")
		for _, want := range []string{"Issued by", "Role", "Expires", "Last used"} {
			if !strings.Contains(head, want) {
				t.Errorf("the table has no %q column: %s", want, head)
			}
		}
		text := map[string]string{}
		for _, r := range rows[1:] {
			text[r[0]] = strings.Join(r, "|")
		}
		wantExpiry := export.ExpiresAt.UTC().Format("2 Jan 2006")
		if row := text["Nightly export"]; !strings.Contains(row, "Nia Okafor") || !strings.Contains(row, "Manager") ||
			!strings.Contains(row, wantExpiry) || strings.Contains(row, "Never") {
			t.Errorf("the person's token on the page: %s (want Nia Okafor, Manager, %s, a last use)", row, wantExpiry)
		}
		if row := text["Warehouse"]; !strings.Contains(row, "Command line") || !strings.Contains(row, "Never") {
			t.Errorf("the command line's token on the page: %s", row)
		}
		if strings.Contains(page, tok.Token) {
			t.Error("the page shows a token")
		}
	})
}

// TestTokensCannotIssueTokens shows a token, even an admin one, refused
// when it asks for another: a token could otherwise renew itself past its
// expiry, or outlive the person behind it through a token of its own.
func TestTokensCannotIssueTokens(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		admin := signedInAdmin(t, s)
		_, personal, _ := issueToken(t, admin, `{"name": "Provisioning", "role": "admin"}`)
		system := newAPIClient(t, s, "admin")
		before := st.Client.APIToken.Query().CountX(t.Context())
		for name, token := range map[string]string{"issued by a person": personal.Token, "issued by the command line": system.token} {
			api := apiClient{t: t, s: s, token: token}
			resp, body := api.send("POST", "/api/v1/tokens", `{"name": "Child", "role": "admin"}`)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("an admin token %s issuing a token: %d %s, want 403", name, resp.StatusCode, body)
			}
		}
		if after := st.Client.APIToken.Query().CountX(t.Context()); after != before {
			t.Errorf("tokens issued by tokens: %d", after-before)
		}
	})
}

// tableRows is the text of each cell of the tables on a page, row by row,
// header rows included.
func tableRows(t *testing.T, page string) [][]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	var text func(*html.Node, *strings.Builder)
	text = func(n *html.Node, b *strings.Builder) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data + " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c, b)
		}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" {
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					var b strings.Builder
					text(c, &b)
					cells = append(cells, strings.Join(strings.Fields(b.String()), " "))
				}
			}
			rows = append(rows, cells)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return rows
}

// sha256Hex is how Hearth keeps a token: the hex SHA-256 of it.
func sha256Hex(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
