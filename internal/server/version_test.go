package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestVersionNotPublic shows that Hearth's build version, which would tell
// anyone which fixes a server lacks, appears on no page, document or header
// a signed-out client can reach, while signed-in staff see it in the footer.
func TestVersionNotPublic(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	s.Version = "v9.8.7-build"
	for _, path := range []string{"/sign-in", "/healthz", "/readyz", "/api/v1/openapi.json", "/no-such-page", "/api/v1/no-such", "/static/no-such.css", "/"} {
		resp, body := do(t, s, httptest.NewRequest("GET", path, nil))
		if strings.Contains(body, s.Version) {
			t.Errorf("GET %s (%d) shows the version to a signed-out client", path, resp.StatusCode)
		}
		for name, values := range resp.Header {
			if strings.Contains(strings.Join(values, " "), "9.8.7") {
				t.Errorf("GET %s: header %s reveals the version: %v", path, name, values)
			}
		}
	}
	staff := signedIn(t, s)
	if _, page := staff.get("/households"); !strings.Contains(page, "Hearth v9.8.7-build") {
		t.Error("signed-in staff do not see the version in the footer")
	}
}

// TestPolicySavedTwiceThroughThePage saves the service settings, then saves
// them again from the page as it was shown: the form must carry the
// settings' own version, not Hearth's (it once carried Hearth's build
// version, so every save after the first was refused as stale).
func TestPolicySavedTwiceThroughThePage(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	admin := signedInAdmin(t, s)
	for _, days := range []string{"45", "40"} {
		_, page := admin.get("/admin/policy")
		form := url.Values{}
		for _, m := range regexp.MustCompile(`name="(\w+)" (?:type="(?:text|hidden)"[^>]*)?value="([^"]*)"`).FindAllStringSubmatch(page, -1) {
			form.Set(m[1], m[2])
		}
		form.Set("warning_days", days)
		if resp, body := admin.post("/admin/policy", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving warning_days %s with version %q: %d %.300s", days, form.Get("version"), resp.StatusCode, body)
		}
	}
	if _, page := admin.get("/admin/policy"); !strings.Contains(page, `name="warning_days" type="text" inputmode="numeric" value="40"`) {
		t.Error("the second save is not shown")
	}
}
