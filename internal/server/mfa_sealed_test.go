package server

import (
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// shownKey is the authenticator key the enrolment page shows to type in,
// in groups of four.
var shownKey = regexp.MustCompile(`>([A-Z2-7]{4}(?: [A-Z2-7]{1,4})+)<`)

// TestSecondFactorSecretsSealed shows that with HEARTH_SECRET_KEY set, the
// authenticator key is stored sealed, pending and enrolled, never as it
// is; and enrolling and signing in with it work as before.
func TestSecondFactorSecretsSealed(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			st := storetest.New(t, d)
			key := base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))
			cfg, err := config.Load(func(name string) string {
				if name == "HEARTH_SECRET_KEY" {
					return key
				}
				return ""
			})
			if err != nil {
				t.Fatal(err)
			}
			s, err := newServer(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
			if err != nil {
				t.Fatal(err)
			}
			s.routes()
			mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
			b := newBrowser(t, s)
			if next := b.passwordStep("ssw@example.org"); next != "/account/mfa" {
				t.Fatalf("after the password: %s", next)
			}
			_, page := b.get("/account/mfa")
			m := shownKey.FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("no key to type in on the enrolment page: %.3000s", page)
			}
			secret := strings.ReplaceAll(m[1], " ", "")
			stored := b.user("ssw@example.org").MfaPendingSecret
			if !strings.HasPrefix(stored, "sealed1:") || strings.Contains(stored, secret) {
				t.Fatalf("the pending key is stored as %q", stored)
			}
			if _, again := b.get("/account/mfa"); !strings.Contains(again, m[1]) {
				t.Error("reloading the enrolment page offered another key")
			}
			resp, body := b.post("/account/mfa", url.Values{"code": {mustCode(t, secret)}})
			if resp.StatusCode != 200 || len(recoveryCodeText.FindAllStringSubmatch(body, -1)) != 10 {
				t.Fatalf("confirm with the sealed key's code: %d", resp.StatusCode)
			}
			u := b.user("ssw@example.org")
			if !strings.HasPrefix(u.MfaSecret, "sealed1:") || strings.Contains(u.MfaSecret, secret) || u.MfaPendingSecret != "" {
				t.Errorf("after enrolment the key is stored as %q (pending %q)", u.MfaSecret, u.MfaPendingSecret)
			}
			st.Client.User.UpdateOneID(u.ID).SetMfaLastStep(0).ExecX(t.Context())
			again := newBrowser(t, s)
			if next := again.passwordStep("ssw@example.org"); next != "/sign-in/code" {
				t.Fatalf("after the password: %s", next)
			}
			again.get("/sign-in/code")
			if resp, _ := again.post("/sign-in/code", url.Values{"code": {mustCode(t, secret)}}); resp.StatusCode != http.StatusSeeOther ||
				resp.Header.Get("Location") != "/" {
				t.Errorf("sign in with the sealed key's code: %d %s", resp.StatusCode, resp.Header.Get("Location"))
			}
		})
	}
}
