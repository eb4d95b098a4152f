package csvimport

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/migrate"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/request"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// testImporter is an Importer on a fresh SQLite database, with the
// validator the server builds.
func testImporter(t *testing.T) (*Importer, *store.Store) {
	t.Helper()
	st := storetest.New(t, dialect.SQLite)
	valid, err := request.NewValidator(time.Now)
	if err != nil {
		t.Fatal(err)
	}
	return New(st.Client, valid), st
}

// mustCreateHousehold writes an approved household with one carer, Siân
// Price <ref>.
func mustCreateHousehold(t *testing.T, client *ent.Client, ref string) {
	t.Helper()
	storetest.Write(t, client, func(tx *ent.Client) error {
		h, err := tx.Household.Create().SetReference(ref).SetAddressLine1("2 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus(household.StatusApproved).SetApprovedOn(civil.MustParse("2023-05-01")).
			Save(t.Context())
		if err != nil {
			return err
		}
		return tx.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Siân").SetLastName("Price " + ref).Exec(t.Context())
	})
}

// mustCreateCourse writes a mandatory course valid for validity months.
func mustCreateCourse(t *testing.T, client *ent.Client, code string, validity int) {
	t.Helper()
	storetest.Write(t, client, func(tx *ent.Client) error {
		return tx.Course.Create().SetCode(code).SetTitle("Course " + code).SetMandatory(true).
			SetValidityMonths(validity).Exec(t.Context())
	})
}

// registryState is, for every table but the session ones, how many rows it
// holds and the sum of their versions, which any change moves. A refused
// import must leave it exactly as it was.
func registryState(t *testing.T, client *ent.Client) string {
	t.Helper()
	sessionTables := []string{"api_tokens", "sessions", "sign_in_attempts", "recovery_codes", "idempotency_keys"}
	var out []string
	for _, table := range migrate.Tables {
		if slices.Contains(sessionTables, table.Name) {
			continue
		}
		versions := "0"
		if slices.ContainsFunc(table.Columns, func(c *schema.Column) bool { return c.Name == "version" }) {
			versions = "COALESCE(SUM(version), 0)"
		}
		query := "SELECT COUNT(*), " + versions + " FROM " + table.Name
		rows, err := client.QueryContext(t.Context(), query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		var n, v int64
		if !rows.Next() || rows.Scan(&n, &v) != nil {
			t.Fatalf("%s: no row", query)
		}
		rows.Close()
		out = append(out, fmt.Sprintf("%s %d/%d", table.Name, n, v))
	}
	return strings.Join(out, ", ")
}
