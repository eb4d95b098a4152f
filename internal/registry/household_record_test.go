package registry_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/seed"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestRecordAssessedAsItsCompliance shows a household read whole for its
// page is assessed exactly as the compliance API assesses it, for every
// household of a generated service (every status, members, placements,
// reviews at every stage), so the page and the API cannot tell different
// stories.
func TestRecordAssessedAsItsCompliance(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := seed.Run(ctx, s.Client, seed.Options{Households: 60, Seed: 5, Today: civil.MustParse("2026-11-27")}); err != nil {
			t.Fatal(err)
		}
		ids := s.Client.Household.Query().IDsX(ctx)
		assessed := 0
		for _, id := range ids {
			_, want, _, err := registry.HouseholdCompliance(ctx, s.Client, id)
			if err != nil {
				t.Fatal(err)
			}
			h, err := registry.ReadHouseholdRecord(ctx, s.Client, id)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := registry.AssessRecord(ctx, s.Client, h)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("household %d (%s): the record assesses as\n%+v\nits compliance as\n%+v", id, h.Reference, got, want)
			}
			assessed += len(got)
		}
		if len(ids) != 60 || assessed < 60*4 {
			t.Errorf("%d households, %d items assessed: the seed did not give the test much to compare", len(ids), assessed)
		}
	})
}

// TestCarerItemsReadFromTheirOwnRecords shows that a carer's dates, read
// from their own records alone, are exactly what the whole household's
// assessment keeps for them, for every carer of a generated service
// (co-carers, household members, every status).
func TestCarerItemsReadFromTheirOwnRecords(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := seed.Run(ctx, s.Client, seed.Options{Households: 60, Seed: 7, Today: civil.MustParse("2026-11-27")}); err != nil {
			t.Fatal(err)
		}
		compared := 0
		for _, c := range s.Client.Carer.Query().AllX(ctx) {
			scoped, whole, err := registry.CarerItems(ctx, s.Client, c.HouseholdID, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if (len(scoped) > 0 || len(whole) > 0) && !reflect.DeepEqual(scoped, whole) {
				t.Errorf("carer %d: read alone\n%+v\nfrom the whole household\n%+v", c.ID, scoped, whole)
			}
			compared += len(whole)
		}
		if compared < 60*4 {
			t.Errorf("%d items compared: the seed did not give the test much to compare", compared)
		}
	})
}
