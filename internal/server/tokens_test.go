package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/apitoken"
	"github.com/hearth-registry/hearth/ent/auditevent"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
)

// sendJSON makes a same-origin JSON request from the browser's session.
func (b *browser) sendJSON(method, path, body string) (*http.Response, string) {
	b.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

// withToken makes a request as an integration would: a bearer token, no
// cookies.
func withToken(t *testing.T, s *Server, method, path, token string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, _ := do(t, s, req)
	return resp
}

func signedInAdmin(t *testing.T, s *Server) *browser {
	t.Helper()
	mustCreateUser(t, s.Store.Client, "admin@example.org", "admin")
	b := newBrowser(t, s)
	b.signIn("admin@example.org", testPassword)
	return b
}

func mustCreateToken(t *testing.T, b *browser, name, role string) jsonapi.TokenJSON {
	t.Helper()
	resp, body := b.sendJSON("POST", "/api/v1/tokens", fmt.Sprintf(`{"name": %q, "role": %q}`, name, role))
	var out jsonapi.TokenJSON
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &out) != nil {
		t.Fatalf("create token: %d %s", resp.StatusCode, body)
	}
	return out
}

// TestTokenLifecycle shows an admin issuing a token that is shown once,
// the token acting with its role's access and no more, its use recorded,
// and revocation taking effect on the very next request.
func TestTokenLifecycle(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	admin := signedInAdmin(t, s)
	manager := mustCreateToken(t, admin, "Nightly export", "manager")
	if !strings.HasPrefix(manager.Token, "hth_") || len(manager.Token) != 47 || manager.Prefix != manager.Token[:10] {
		t.Fatalf("token = %+v", manager)
	}
	_, list := admin.get("/api/v1/tokens")
	if strings.Contains(list, manager.Token) || strings.Contains(list, "token_hash") || !strings.Contains(list, manager.Prefix) {
		t.Error("the token list shows the secret, or does not identify the token")
	}
	if resp := withToken(t, s, "GET", "/api/v1/status", manager.Token); resp.StatusCode != 200 {
		t.Errorf("status with the manager token: %d", resp.StatusCode)
	}
	if resp := withToken(t, s, "GET", "/api/v1/audit", manager.Token); resp.StatusCode != 200 {
		t.Errorf("audit with the manager token: %d", resp.StatusCode)
	}
	ssw := mustCreateToken(t, admin, "Case system sync", "ssw")
	if resp := withToken(t, s, "GET", "/api/v1/audit", ssw.Token); resp.StatusCode != http.StatusForbidden {
		t.Errorf("audit with an SSW token: %d, want 403", resp.StatusCode)
	}
	if resp := withToken(t, s, "POST", "/api/v1/tokens", manager.Token); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a manager token creating tokens: %d, want 403", resp.StatusCode)
	}
	if resp := withToken(t, s, "GET", "/", manager.Token); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a token on a page: %d, want the sign-in redirect", resp.StatusCode)
	}
	got := st.Client.APIToken.GetX(t.Context(), manager.ID)
	if got.LastUsedAt == nil {
		t.Error("last use not recorded")
	}
	uses := st.Client.AuditEvent.Query().Where(auditevent.Entity("api_token"), auditevent.EntityID(manager.ID),
		auditevent.ActionEQ(auditevent.ActionLogin)).CountX(t.Context())
	if uses != 1 {
		t.Errorf("token uses audited = %d, want 1 (at most one a minute)", uses)
	}

	if resp, body := admin.sendJSON("DELETE", fmt.Sprintf("/api/v1/tokens/%d", manager.ID), ""); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", resp.StatusCode, body)
	}
	if resp := withToken(t, s, "GET", "/api/v1/status", manager.Token); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401 at once", resp.StatusCode)
	}
	if resp, _ := admin.sendJSON("DELETE", fmt.Sprintf("/api/v1/tokens/%d", manager.ID), ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("revoking twice: %d, want 404", resp.StatusCode)
	}
	if resp := withToken(t, s, "GET", "/api/v1/status", ssw.Token); resp.StatusCode != 200 {
		t.Errorf("another token stopped working: %d", resp.StatusCode)
	}
	for _, bad := range []string{"hth_not-a-real-token", "nonsense", ""} {
		if resp := withToken(t, s, "GET", "/api/v1/status", bad); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("bearer %q: %d, want 401", bad, resp.StatusCode)
		}
	}
	assertNoSecretsInAudit(t, s, manager.Token, ssw.Token)
}

// TestTokenCreateRejectsBadInput shows each bad request refused with a 4xx
// that names the problem, and no token created.
func TestTokenCreateRejectsBadInput(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	admin := signedInAdmin(t, s)
	tests := []struct {
		name, contentType, body, field string
		status                         int
	}{
		{"ErrNoName", "application/json", `{"role": "manager"}`, "name", 422},
		{"ErrCarerRole", "application/json", `{"name": "x", "role": "carer"}`, "role", 422},
		{"ErrUnknownField", "application/json", `{"name": "x", "role": "ssw", "admin": true}`, "admin", 422},
		{"ErrWrongType", "application/json", `{"name": 5, "role": "ssw"}`, "name", 422},
		{"ErrPastExpiry", "application/json", `{"name": "x", "role": "ssw", "expires_at": "2020-01-01T00:00:00Z"}`, "expires_at", 422},
		{"ErrMalformed", "application/json", `{"name": "x",`, "", 400},
		{"ErrTwoObjects", "application/json", `{"name": "x", "role": "ssw"} {}`, "", 400},
		{"ErrContentType", "text/plain", `{"name": "x", "role": "ssw"}`, "", 415},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/api/v1/tokens", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.contentType)
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			resp, body := admin.do(req)
			p := decodeProblem(t, resp, body)
			if resp.StatusCode != tt.status || tt.field != "" && p.Fields[tt.field] == "" {
				t.Errorf("%d %+v; want %d naming %q", resp.StatusCode, p, tt.status, tt.field)
			}
		})
	}
	if n := st.Client.APIToken.Query().Where(apitoken.RevokedAtIsNil()).CountX(t.Context()); n != 0 {
		t.Errorf("tokens created by bad requests: %d", n)
	}
}
