package server

import (
	"fmt"
	"net/http"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

type auditPage struct {
	Items      []jsonapi.AuditEventJSON `json:"items"`
	NextCursor string                   `json:"next_cursor"`
}

func (b *browser) auditPage(query string) (int, auditPage, httpx.Problem) {
	b.t.Helper()
	resp, body := b.get("/api/v1/audit" + query)
	var page auditPage
	var p httpx.Problem
	if resp.StatusCode == http.StatusOK {
		mustUnmarshal(b.t, body, &page)
	} else {
		mustUnmarshal(b.t, body, &p)
	}
	return resp.StatusCode, page, p
}

// TestAuditList shows a manager reading the trail: newest first, filtered,
// paged with a stable cursor.
func TestAuditList(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	b := signedIn(t, s) // a manager; signing in writes login events too
	for i := 1; i <= 7; i++ {
		if err := registry.Audit(t.Context(), st.Client, registry.System("test"), "update", "household", i%2+1,
			audit.Changes{"town": {Old: "Totnes", New: fmt.Sprint("Town ", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	status, page, _ := b.auditPage("?entity=household&entity_id=2&limit=2")
	if status != 200 || len(page.Items) != 2 || page.NextCursor == "" {
		t.Fatalf("first page: %d, %d items, cursor %q", status, len(page.Items), page.NextCursor)
	}
	seen := []string{}
	for cursor := ""; ; {
		_, page, _ = b.auditPage("?entity=household&entity_id=2&limit=2" + cursor)
		for _, e := range page.Items {
			if e.Entity != "household" || *e.EntityID != 2 {
				t.Errorf("filter let through %+v", e)
			}
			seen = append(seen, fmt.Sprint(e.Changes["town"].New))
		}
		if page.NextCursor == "" {
			break
		}
		cursor = "&cursor=" + page.NextCursor
	}
	want := []string{"Town 7", "Town 5", "Town 3", "Town 1"}
	if fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Errorf("pages = %v, want %v (newest first, nothing missed or repeated)", seen, want)
	}
	if _, page, _ := b.auditPage("?action=login"); len(page.Items) == 0 || page.Items[0].Action != "login" {
		t.Errorf("login events: %+v", page.Items)
	}
}

// TestAuditListRejectsBadFilters shows each bad filter named, with 422.
func TestAuditListRejectsBadFilters(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	b := signedIn(t, s)
	tests := []struct{ name, query, field string }{
		{"ErrEntityID", "?entity_id=abc", "entity_id"},
		{"ErrAction", "?action=steal", "action"},
		{"ErrLimit", "?limit=5000", "limit"},
		{"ErrZeroLimit", "?limit=0", "limit"},
		{"ErrFrom", "?from=yesterday", "from"},
		{"ErrCursor", "?cursor=-3", "cursor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, p := b.auditPage(tt.query)
			if status != 422 || p.Fields[tt.field] == "" {
				t.Errorf("status %d, fields %v; want 422 naming %s", status, p.Fields, tt.field)
			}
		})
	}
}
