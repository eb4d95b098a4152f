package store_test

import (
	"context"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestMigrationFillsHouseholdSearch writes a household with a live and an
// archived carer before the search index existed, migrates, and checks
// that the household's search text holds its reference, postcode and live
// carer's name (lower-cased and without accents on PostgreSQL, which folds
// the words searched for the same way), and that deleting the carer and
// the household takes the text with them (a carer deleted is archived;
// a purge deletes for real).
func TestMigrationFillsHouseholdSearch(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(map[string]string{dialect.SQLite: "sqlite", dialect.Postgres: "postgres"}[d], func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Empty(t, d)
			if err := s.MigrateTo(ctx, versionBefore(t, s, d, "household_search")); err != nil {
				t.Fatal(err)
			}
			var h *ent.Household
			var live *ent.Carer
			storetest.Write(t, s.Client, func(c *ent.Client) error {
				h = c.Household.Create().SetReference("FH-0020").SetAddressLine1("1 Fore Street").SetTown("Totnes").
					SetPostcode("TQ9 5RP").SaveX(ctx)
				live = c.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Siân").SetLastName("Ó Briain").SaveX(ctx)
				c.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Gone").SetLastName("Before").SetArchivedAt(time.Now()).SaveX(ctx)
				return nil
			})
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			query, want := "SELECT `text` FROM `household_search` WHERE `rowid` = ?", "FH-0020 TQ9 5RP Siân Ó Briain"
			if d == dialect.Postgres {
				query, want = `SELECT "text" FROM "household_search" WHERE "household_id" = $1`, "fh-0020 tq9 5rp sian o briain"
			}
			text := func() string {
				t.Helper()
				var got string
				rows, err := s.DB.QueryContext(ctx, query, h.ID)
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				for rows.Next() {
					if err := rows.Scan(&got); err != nil {
						t.Fatal(err)
					}
				}
				return got
			}
			if got := text(); got != want {
				t.Errorf("after migrating, the search text is %q, want %q", got, want)
			}
			storetest.Write(t, s.Client, func(c *ent.Client) error { return c.Carer.DeleteOneID(live.ID).Exec(ctx) })
			if got, want := text(), want[:len("fh-0020 tq9 5rp ")]; got != want {
				t.Errorf("after the carer went, the search text is %q, want %q", got, want)
			}
			gone := schema.IncludeArchived(ctx) // deleted for real, as a purge does
			storetest.Write(t, s.Client, func(c *ent.Client) error {
				c.Carer.Delete().ExecX(gone)
				return c.Household.DeleteOneID(h.ID).Exec(gone)
			})
			if got := text(); got != "" {
				t.Errorf("after the household went, its search text is still %q", got)
			}
		})
	}
}
