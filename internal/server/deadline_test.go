package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestRequestsHaveADeadline shows every request's database calls keeping
// HEARTH_REQUEST_TIMEOUT: with no time at all, a request is answered 503
// at once, in words, on both databases; and on PostgreSQL, a change that
// waits on a row another transaction holds gives up at the deadline,
// saving nothing, where before it waited for as long as the lock was held.
func TestRequestsHaveADeadline(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			s, st, _ := testServerOn(t, d)
			api := newAPIClient(t, s, "manager")
			resp, body := api.send("POST", "/api/v1/households", validHousehold)
			if resp.StatusCode != 201 {
				t.Fatalf("create: %d %s", resp.StatusCode, body)
			}
			var h jsonapi.HouseholdJSON
			mustUnmarshal(t, body, &h)

			s.Cfg.RequestTimeout = time.Nanosecond
			resp, body = api.send("GET", "/api/v1/households", "")
			if resp.StatusCode != 503 || !strings.Contains(body, "took too long") {
				t.Errorf("a request with no time left: %d %s, want 503 saying it took too long", resp.StatusCode, body)
			}
			if d != dialect.Postgres {
				return
			}

			// Another transaction holds the household's row.
			tx, err := st.DB.BeginTx(t.Context(), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback() //nolint:errcheck // only releases the lock
			if _, err := tx.ExecContext(t.Context(), "SELECT id FROM households WHERE id = $1 FOR UPDATE", h.ID); err != nil {
				t.Fatal(err)
			}
			s.Cfg.RequestTimeout = 500 * time.Millisecond
			start := time.Now()
			moved := strings.Replace(validHousehold, "Totnes", "Dartmouth", 1)
			resp, body = api.send("PUT", fmt.Sprintf("/api/v1/households/%d", h.ID), moved, "If-Match", `"1"`)
			if took := time.Since(start); resp.StatusCode != 503 || took > 10*time.Second {
				t.Errorf("a change waiting on a held row: %d after %s (%s), want 503 at about 500 ms", resp.StatusCode, took, body)
			}
			tx.Rollback() //nolint:errcheck,gosec // releases the lock
			s.Cfg.RequestTimeout = 30 * time.Second
			if town := st.Client.Household.GetX(context.Background(), h.ID).Town; town != "Totnes" {
				t.Errorf("the change that gave up was saved: town %s", town)
			}
		})
	}
}
