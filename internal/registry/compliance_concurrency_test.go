package registry_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestConcurrentWritesToOneHousehold shows two transactions recording
// visits to one household at once leave the items and tallies exactly as a
// recompute gives. On PostgreSQL the second refresh waits for the first to
// commit; without that it read the items before the first's were visible
// and stored a second supervisory visit item, with tallies gone negative.
// (SQLite queues whole write transactions, so it cannot interleave.)
func TestConcurrentWritesToOneHousehold(t *testing.T) {
	s := storetest.New(t, dialect.Postgres)
	ctx := context.Background()
	var householdID int
	storetest.Write(t, s.Client, func(tx *ent.Client) error {
		h, err := tx.Household.Create().SetReference("FH-0001").SetAddressLine1("1 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus("approved").SetApprovedOn(civil.MustParse("2024-01-10")).Save(ctx)
		householdID = h.ID
		return err
	})
	visit := func(tx *ent.Client, on string) error {
		return tx.Visit.Create().SetHouseholdID(householdID).SetKind("supervisory").SetVisitedOn(civil.MustParse(on)).Exec(ctx)
	}

	first, err := s.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Rollback()
	if err := visit(first.Client(), "2024-06-01"); err != nil {
		t.Fatal(err)
	}
	second := make(chan error, 1)
	go func() {
		tx, err := s.Client.Tx(ctx)
		if err != nil {
			second <- err
			return
		}
		if err := visit(tx.Client(), "2024-07-01"); err != nil {
			tx.Rollback()
			second <- err
			return
		}
		second <- tx.Commit()
	}()
	select {
	case err := <-second:
		t.Fatalf("the second transaction finished while the first held the household: %v", err)
	case <-time.After(300 * time.Millisecond): // it waits, as it must
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatalf("second transaction: %v", err)
	}
	if problems := stateOf(t, ctx, s.Client).check(t, ctx, s.Client); len(problems) > 0 {
		t.Errorf("after two concurrent visits:\n%s", strings.Join(problems, "\n"))
	}
}
