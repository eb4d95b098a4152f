package server

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
)

// TestPathsMatchCaseSensitively shows a calendar feed's address answering
// only as Hearth gave it: in other capitals, or with its letters escaped,
// it is not found (404). However it is asked for, its token, the address's
// only credential, never reaches the log.
func TestPathsMatchCaseSensitively(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, logs := testServerOn(t, d)
		u := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
		token, err := auth.StartCalendarFeed(t.Context(), st.Client, registry.System("test"), u)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name, path string
			status     int
		}{
			{"AsGiven", "/calendar/" + token + ".ics", 200},
			{"Capital", "/Calendar/" + token + ".ics", 404},
			{"Capitals", "/CALENDAR/" + token + ".ics", 404},
			{"CapitalSuffix", "/calendar/" + token + ".ICS", 404},
			{"Escaped", "/%63alendar/" + token + ".ics", 404},
			{"EscapedCapital", "/%43alendar/" + token + ".ics", 404},
			{"DoubleSlash", "//calendar/" + token + ".ics", 404},
		} {
			t.Run(tt.name, func(t *testing.T) {
				resp, _ := do(t, s, httptest.NewRequest("GET", tt.path, nil))
				if resp.StatusCode != tt.status {
					t.Errorf("GET %s…: %d, want %d", tt.path[:12], resp.StatusCode, tt.status)
				}
				if strings.Contains(logs.String(), token) {
					t.Fatalf("the log holds the feed's token after GET %s…", tt.path[:12])
				}
			})
		}
	})
}
