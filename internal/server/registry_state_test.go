package server

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect/sql/schema"
	"github.com/hearth-registry/hearth/ent"

	"github.com/hearth-registry/hearth/ent/migrate"
)

// sessionTables change with every request that is answered at all (a
// token's or session's last use, sign-in attempts), so a refused request is
// judged without them.
var sessionTables = []string{"api_tokens", "sessions", "sign_in_attempts", "recovery_codes", "idempotency_keys", "audit_events"}

// registryState is, for every table of the registry, how many rows it holds
// (archived ones too) and the sum of their versions, which any change
// moves; and how many audit events there are besides sign-ins. A refused
// request must leave it exactly as it was.
func registryState(t *testing.T, client *ent.Client) string {
	t.Helper()
	var out []string
	for _, table := range migrate.Tables {
		if slices.Contains(sessionTables, table.Name) {
			continue
		}
		versions := "0"
		if slices.ContainsFunc(table.Columns, func(c *schema.Column) bool { return c.Name == "version" }) {
			versions = "COALESCE(SUM(version), 0)"
		}
		out = append(out, table.Name+" "+queryRow(t, client, "SELECT COUNT(*), "+versions+" FROM "+table.Name))
	}
	out = append(out, "audit "+queryRow(t, client, "SELECT COUNT(*), 0 FROM audit_events WHERE action <> 'login'"))
	return strings.Join(out, ", ")
}

func queryRow(t *testing.T, client *ent.Client, query string) string {
	t.Helper()
	rows, err := client.QueryContext(t.Context(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var n, v int64
	if !rows.Next() || rows.Scan(&n, &v) != nil {
		t.Fatalf("%s: no row", query)
	}
	return fmt.Sprintf("%d/%d", n, v)
}
