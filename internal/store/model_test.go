package store_test

import (
	"context"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

func mustCreateHousehold(t *testing.T, client *ent.Client, ref string) *ent.Household {
	t.Helper()
	var h *ent.Household
	storetest.Write(t, client, func(tx *ent.Client) (err error) {
		h, err = tx.Household.Create().SetReference(ref).SetAddressLine1("1 Fore Street").
			SetTown("Totnes").SetPostcode("TQ9 5RP").SetStatus(household.StatusApproved).
			SetApprovedOn(civil.MustParse("2024-02-29")).Save(context.Background())
		return err
	})
	return h
}

func mustCreateCarer(t *testing.T, client *ent.Client, h *ent.Household, first, last string) *ent.Carer {
	t.Helper()
	var c *ent.Carer
	storetest.Write(t, client, func(tx *ent.Client) (err error) {
		c, err = tx.Carer.Create().SetHousehold(h).SetFirstName(first).SetLastName(last).
			SetDateOfBirth(civil.MustParse("1980-01-31")).Save(context.Background())
		return err
	})
	return c
}

// TestCalendarDatesRoundTrip shows dates come back as the same calendar
// day, including a leap day, and compare as dates in queries.
func TestCalendarDatesRoundTrip(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		h := mustCreateHousehold(t, s.Client, "FH-0001")
		got, err := s.Client.Household.Get(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ApprovedOn == nil || got.ApprovedOn.String() != "2024-02-29" {
			t.Fatalf("approved_on = %v, want 2024-02-29", got.ApprovedOn)
		}
		n, err := s.Client.Household.Query().Where(household.ApprovedOnLT(civil.MustParse("2024-03-01"))).Count(ctx)
		if err != nil || n != 1 {
			t.Errorf("approved before 1 Mar 2024: %d, %v; want 1", n, err)
		}
		n, err = s.Client.Household.Query().Where(household.ApprovedOnGT(civil.MustParse("2024-02-29"))).Count(ctx)
		if err != nil || n != 0 {
			t.Errorf("approved after 29 Feb 2024: %d, %v; want 0", n, err)
		}
	})
}

// TestDeleteArchives shows a delete keeps the row, hides it from queries,
// and leaves it reachable with IncludeArchived.
func TestDeleteArchives(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		h := mustCreateHousehold(t, s.Client, "FH-0001")
		mustCreateHousehold(t, s.Client, "FH-0002")
		if err := registry.InTx(ctx, s.Client, func(tx *ent.Client) error { return tx.Household.DeleteOneID(h.ID).Exec(ctx) }); err != nil {
			t.Fatalf("delete: %v", err)
		}
		if n := s.Client.Household.Query().CountX(ctx); n != 1 {
			t.Errorf("live households = %d, want 1", n)
		}
		if _, err := s.Client.Household.Get(ctx, h.ID); !ent.IsNotFound(err) {
			t.Errorf("Get archived household: err = %v, want not found", err)
		}
		archived, err := s.Client.Household.Get(schema.IncludeArchived(ctx), h.ID)
		if err != nil {
			t.Fatalf("Get with IncludeArchived: %v", err)
		}
		if archived.ArchivedAt == nil {
			t.Error("archived_at not set")
		}
		var rows int
		if err := s.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM households").Scan(&rows); err != nil || rows != 2 {
			t.Errorf("rows in table = %d, %v; want 2 (nothing hard-deleted)", rows, err)
		}
	})
}

// TestUpdateBumpsVersion shows every update increments the version, and
// that an update conditioned on a stale version changes nothing.
func TestUpdateBumpsVersion(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		h := mustCreateHousehold(t, s.Client, "FH-0001")
		if h.Version != 1 {
			t.Fatalf("new version = %d, want 1", h.Version)
		}
		var h2 *ent.Household
		storetest.Write(t, s.Client, func(tx *ent.Client) (err error) {
			h2, err = tx.Household.UpdateOneID(h.ID).Where(household.Version(1)).SetTown("Paignton").Save(ctx)
			return err
		})
		if h2.Version != 2 {
			t.Errorf("version after update = %d, want 2", h2.Version)
		}
		err := registry.InTx(ctx, s.Client, func(tx *ent.Client) error {
			return tx.Household.UpdateOneID(h.ID).Where(household.Version(1)).SetTown("Brixham").Exec(ctx)
		})
		if !ent.IsNotFound(err) {
			t.Errorf("stale update: err = %v, want not found", err)
		}
		if got := s.Client.Household.GetX(ctx, h.ID); got.Town != "Paignton" || got.Version != 2 {
			t.Errorf("after stale update: town %q version %d, want Paignton 2", got.Town, got.Version)
		}
	})
}

// TestAuditIsAppendOnly shows audit events can be added but never changed
// or deleted.
func TestAuditIsAppendOnly(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		e, err := s.Client.AuditEvent.Create().SetActorLabel("system").SetAction("update").
			SetEntity("household").SetEntityID(1).
			SetChanges(audit.Changes{"town": {Old: "Totnes", New: "Paignton"}}).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Client.AuditEvent.DeleteOneID(e.ID).Exec(ctx); err == nil {
			t.Error("deleting an audit event succeeded")
		}
		if _, err := s.Client.AuditEvent.Update().Save(ctx); err == nil {
			t.Error("updating audit events succeeded")
		}
		got := s.Client.AuditEvent.GetX(ctx, e.ID)
		if got.Changes["town"].New != "Paignton" || got.ActorLabel != "system" {
			t.Errorf("audit event changed: %+v", got)
		}
	})
}

// TestConstraints shows the database refuses duplicates and orphans.
func TestConstraints(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		h := mustCreateHousehold(t, s.Client, "FH-0001")
		err := registry.InTx(ctx, s.Client, func(tx *ent.Client) error {
			return tx.Household.Create().SetReference("FH-0001").SetAddressLine1("2 Fore Street").
				SetTown("Totnes").SetPostcode("TQ9 5RP").Exec(ctx)
		})
		if !ent.IsConstraintError(err) {
			t.Errorf("duplicate reference: err = %v, want constraint error", err)
		}
		c := mustCreateCarer(t, s.Client, h, "Zoë", "Ó Briain")
		var course *ent.Course
		storetest.Write(t, s.Client, func(tx *ent.Client) (err error) {
			course, err = tx.Course.Create().SetCode("PFA").SetTitle("Paediatric first aid").SetValidityMonths(36).Save(ctx)
			return err
		})
		record := func() error {
			return registry.InTx(ctx, s.Client, func(tx *ent.Client) error {
				return tx.TrainingRecord.Create().SetCarerID(c.ID).SetCourseID(course.ID).
					SetCompletedOn(civil.MustParse("2025-01-31")).Exec(ctx)
			})
		}
		if err := record(); err != nil {
			t.Fatal(err)
		}
		if err := record(); !ent.IsConstraintError(err) {
			t.Errorf("same course on the same day twice: err = %v, want constraint error", err)
		}
		if n := s.Client.TrainingRecord.Query().Where(trainingrecord.CarerID(c.ID)).CountX(ctx); n != 1 {
			t.Errorf("training records = %d, want 1", n)
		}
		err = registry.InTx(ctx, s.Client, func(tx *ent.Client) error {
			return tx.Carer.Create().SetHouseholdID(9999).SetFirstName("No").SetLastName("Household").Exec(ctx)
		})
		if !ent.IsConstraintError(err) {
			t.Errorf("carer of a missing household: err = %v, want constraint error", err)
		}
		if got := s.Client.Carer.GetX(ctx, c.ID); got.FirstName != "Zoë" || got.LastName != "Ó Briain" {
			t.Errorf("name round trip: %q %q", got.FirstName, got.LastName)
		}
	})
}

// TestRequiredDateIsNotNull shows a missing required date is refused rather
// than stored as year 1.
func TestRequiredDateIsNotNull(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		h := mustCreateHousehold(t, s.Client, "FH-0001")
		err := registry.InTx(ctx, s.Client, func(tx *ent.Client) error {
			return tx.Visit.Create().SetHouseholdID(h.ID).SetKind("unannounced").Exec(ctx)
		})
		if err == nil {
			t.Fatal("visit without a date was saved")
		}
		if n := s.Client.Visit.Query().CountX(ctx); n != 0 {
			t.Errorf("visits = %d, want 0", n)
		}
	})
}
