package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestIdempotentRetryKeepsNoSecret reproduces the finding that a new
// token's secret sat in idempotency_keys for a day: a retried create whose
// first answer held a secret (a token, a generated password) is answered
// with the record as created, without the secret and saying it was shown
// once; no stored row holds the secret.
func TestIdempotentRetryKeepsNoSecret(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		admin := signedInAdmin(t, s)
		tests := []struct {
			name, path, body, secretField string
			count                         func() int
		}{
			{"Token", "/api/v1/tokens", `{"name": "Nightly export", "role": "manager"}`, "token",
				func() int { return st.Client.APIToken.Query().CountX(t.Context()) }},
			{"GeneratedPassword", "/api/v1/users", `{"email": "new@example.org", "name": "Rhys Morgan", "role": "ssw"}`, "password",
				func() int { return st.Client.User.Query().CountX(t.Context()) }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := tt.count()
				first, body1 := admin.sendKeyed(tt.path, tt.body, "retry-"+tt.name)
				var firstAnswer map[string]any
				mustUnmarshal(t, body1, &firstAnswer)
				secret, _ := firstAnswer[tt.secretField].(string)
				if first.StatusCode != http.StatusCreated || len(secret) < 20 {
					t.Fatalf("first: %d %s", first.StatusCode, body1)
				}
				again, body2 := admin.sendKeyed(tt.path, tt.body, "retry-"+tt.name)
				var retry map[string]any
				mustUnmarshal(t, body2, &retry)
				if again.StatusCode != http.StatusCreated || again.Header.Get("Idempotent-Replayed") != "true" {
					t.Errorf("retry: %d %s, want the replayed 201", again.StatusCode, body2)
				}
				if strings.Contains(body2, secret) || retry[tt.secretField] != nil {
					t.Errorf("the retry shows the secret again: %s", body2)
				}
				if retry["id"] != firstAnswer["id"] || !strings.Contains(fmt.Sprint(retry["notice"]), "shown once") {
					t.Errorf("the retry is not the record as created with a notice: %s", body2)
				}
				if n := tt.count() - before; n != 1 {
					t.Errorf("created %d, want 1", n)
				}
				assertNoSecretInIdempotencyKeys(t, s, secret)
			})
		}
	})
}

// sendKeyed makes a same-origin JSON POST from the browser's session with
// an Idempotency-Key.
func (b *browser) sendKeyed(path, body, key string) (*http.Response, string) {
	b.t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Idempotency-Key", key)
	return b.do(req)
}

// assertNoSecretInIdempotencyKeys fails if the secret is in any column of
// any stored idempotent answer.
func assertNoSecretInIdempotencyKeys(t *testing.T, s *Server, secret string) {
	t.Helper()
	rows, err := s.Store.DB.Query("SELECT actor, key, method, path, request_hash, status, response, location FROM idempotency_keys")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var actor, key, method, path, hash string
		var status int
		var response []byte
		var location *string
		if err := rows.Scan(&actor, &key, &method, &path, &hash, &status, &response, &location); err != nil {
			t.Fatal(err)
		}
		n++
		all := actor + key + method + path + hash + string(response)
		if location != nil {
			all += *location
		}
		if strings.Contains(all, secret) {
			t.Errorf("idempotency_keys holds the secret in the answer to %s %s: %s", method, path, response)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("no idempotent answer was stored: the retry proved nothing")
	}
}
