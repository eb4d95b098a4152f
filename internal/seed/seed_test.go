package seed_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/course"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/seed"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

var today = civil.MustParse("2026-11-22")

func mustSeedDemo(t *testing.T, s *store.Store, seedValue uint64) seed.Counts {
	t.Helper()
	counts, err := seed.Run(context.Background(), s.Client, seed.Options{
		Households: seed.DemoHouseholds, Seed: seedValue, Today: today, Demo: true,
	})
	if err != nil {
		t.Fatalf("seed demo: %v", err)
	}
	return counts
}

// TestDemoIsBelievable checks the demo has what a person exploring Hearth
// needs to see: every status, the named carers, lapsed and lapsing training,
// a young person turning 18, upcoming panels with agendas, years of reviews.
func TestDemoIsBelievable(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		counts := mustSeedDemo(t, s, 1)
		if counts.Households != 40 || counts.Courses != 12 {
			t.Errorf("households %d, courses %d; want 40, 12", counts.Households, counts.Courses)
		}
		for _, st := range []household.Status{household.StatusApproved, household.StatusAssessment, household.StatusOnHold,
			household.StatusSuspended, household.StatusResigned, household.StatusTerminated, household.StatusRefused} {
			if n := s.Client.Household.Query().Where(household.StatusEQ(st)).CountX(ctx); n == 0 {
				t.Errorf("no %s household", st)
			}
		}
		for _, name := range [][2]string{{"Zoë", "Ó Briain"}, {"Siân", "Llewelyn-Jones"}, {"Łukasz", "Wróblewski"},
			{"Ngozi", "Àdìgún"}, {"Thị Hạnh", "Nguyễn"}} {
			c, err := s.Client.Carer.Query().Where(carer.FirstName(name[0]), carer.LastName(name[1])).WithUser().Only(ctx)
			if err != nil {
				t.Errorf("carer %s %s: %v", name[0], name[1], err)
				continue
			}
			if c.Edges.User == nil {
				t.Errorf("carer %s %s has no portal account", name[0], name[1])
			}
		}
		turning18 := s.Client.HouseholdMember.Query().Where(
			householdmember.DateOfBirthGT(today.AddYears(-18)),              // not yet 18
			householdmember.DateOfBirthLTE(today.AddDays(56).AddYears(-18)), // 18 within 8 weeks
		).CountX(ctx)
		if turning18 == 0 {
			t.Error("no household member turning 18 in the next 8 weeks")
		}
		joint := 0
		for _, h := range s.Client.Household.Query().WithCarers().AllX(ctx) {
			if len(h.Edges.Carers) == 2 {
				joint++
			}
		}
		if joint == 0 || joint == 40 {
			t.Errorf("joint households = %d of 40; want a mix of joint and single carers", joint)
		}
		expired := s.Client.TrainingRecord.Query().Where(trainingrecord.ExpiresOnLT(today)).CountX(ctx)
		dueSoon := s.Client.TrainingRecord.Query().Where(trainingrecord.ExpiresOnGTE(today),
			trainingrecord.ExpiresOnLT(today.AddDays(60))).CountX(ctx)
		if expired == 0 || dueSoon == 0 {
			t.Errorf("training expired %d, due within 60 days %d; want some of each", expired, dueSoon)
		}
		if n := s.Client.Course.Query().Where(course.Mandatory(true)).CountX(ctx); n < 5 {
			t.Errorf("mandatory courses = %d", n)
		}
		upcoming := s.Client.Panel.Query().Where(panel.MeetsOnGT(today)).Order(ent.Asc(panel.FieldMeetsOn)).
			WithItems().WithMembers().Limit(2).AllX(ctx)
		if len(upcoming) != 2 {
			t.Fatalf("upcoming panels = %d, want 2", len(upcoming))
		}
		for _, p := range upcoming {
			if len(p.Edges.Items) == 0 || len(p.Edges.Members) == 0 {
				t.Errorf("panel %s has %d items, %d members", p.MeetsOn, len(p.Edges.Items), len(p.Edges.Members))
			}
		}
		oldest := s.Client.Review.Query().Where(review.MeetingOnNotNil()).Order(ent.Asc(review.FieldMeetingOn)).FirstX(ctx)
		if !oldest.MeetingOn.Before(today.AddYears(-5)) {
			t.Errorf("oldest review meeting %s; want several years of history", oldest.MeetingOn)
		}
		childRef := regexp.MustCompile(`^C[0-9]{6}$`)
		for _, p := range s.Client.Placement.Query().AllX(ctx) {
			if !childRef.MatchString(p.ChildReference) {
				t.Errorf("placement child reference %q is not a reference", p.ChildReference)
			}
		}
	})
}

// TestSeedIsDeterministic shows the same seed and date give the same
// registry, and another seed a different one.
func TestSeedIsDeterministic(t *testing.T) {
	t.Parallel()
	fingerprint := func(seedValue uint64) string {
		s := storetest.New(t, dialect.SQLite)
		mustSeedDemo(t, s, seedValue)
		return fingerprintOf(t, s.Client)
	}
	a, b, c := fingerprint(7), fingerprint(7), fingerprint(8)
	if a != b {
		t.Error("same seed gave different registries")
	}
	if a == c {
		t.Error("different seeds gave the same registry")
	}
}

func fingerprintOf(t *testing.T, client *ent.Client) string {
	t.Helper()
	ctx := context.Background()
	h := sha256.New()
	for _, x := range client.Household.Query().Order(ent.Asc(household.FieldID)).AllX(ctx) {
		fmt.Fprintln(h, x.Reference, x.Status, x.ApprovedOn, x.EndedOn, x.Postcode)
	}
	for _, x := range client.Carer.Query().Order(ent.Asc(carer.FieldID)).AllX(ctx) {
		fmt.Fprintln(h, x.HouseholdID, x.FirstName, x.LastName, x.DateOfBirth, x.TsdCompletedOn)
	}
	for _, x := range client.TrainingRecord.Query().Order(ent.Asc(trainingrecord.FieldID)).AllX(ctx) {
		fmt.Fprintln(h, x.CarerID, x.CourseID, x.CompletedOn, x.ExpiresOn)
	}
	for _, x := range client.Review.Query().Order(ent.Asc(review.FieldID)).AllX(ctx) {
		fmt.Fprintln(h, x.HouseholdID, x.Kind, x.Status, x.DueOn, x.MeetingOn, x.DecidedOn)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestSeedRefusesNonEmptyRegistry shows seeding never adds to existing data.
func TestSeedRefusesNonEmptyRegistry(t *testing.T) {
	t.Parallel()
	s := storetest.New(t, dialect.SQLite)
	first := mustSeedDemo(t, s, 1)
	_, err := seed.Run(context.Background(), s.Client, seed.Options{Households: 5, Seed: 2, Today: today})
	if !errors.Is(err, seed.ErrNotEmpty) {
		t.Fatalf("second seed: err = %v, want ErrNotEmpty", err)
	}
	if n := s.Client.Household.Query().CountX(context.Background()); n != first.Households {
		t.Errorf("households after refused seed = %d, want %d", n, first.Households)
	}
}

// TestScaleSeedShape checks the scale generator's proportions on a small
// service: about 1.7 carers a household and 25 training records a carer.
func TestScaleSeedShape(t *testing.T) {
	t.Parallel()
	s := storetest.New(t, dialect.SQLite)
	var counts seed.Counts
	err := s.WithoutSecondaryIndexes(context.Background(), func() (err error) {
		counts, err = seed.Run(context.Background(), s.Client, seed.Options{Households: 600, Seed: 3, Today: today, BatchSize: 250})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	perHousehold := float64(counts.Carers) / float64(counts.Households)
	perCarer := float64(counts.TrainingRecords) / float64(counts.Carers)
	reviews := float64(counts.Reviews) / float64(counts.Households)
	if perHousehold < 1.5 || perHousehold > 1.9 || perCarer < 18 || perCarer > 32 || reviews < 4 || reviews > 8 {
		t.Errorf("carers/household %.2f, training/carer %.1f, reviews/household %.1f; want ≈1.7, ≈25, ≈6",
			perHousehold, perCarer, reviews)
	}
}

// TestScalePanelsHearAFewItems checks that a large service's panels hear
// what a real panel can read in a sitting (at most twelve items), with more
// panels on a busy day instead of one with hundreds of items.
func TestScalePanelsHearAFewItems(t *testing.T) {
	t.Parallel()
	s := storetest.New(t, dialect.SQLite)
	if _, err := seed.Run(context.Background(), s.Client, seed.Options{Households: 3000, Seed: 3, Today: today}); err != nil {
		t.Fatal(err)
	}
	panels := s.Client.Panel.Query().WithItems().AllX(t.Context())
	perDay := map[string]int{}
	busiest := 0
	for _, p := range panels {
		busiest = max(busiest, len(p.Edges.Items))
		perDay[p.MeetsOn.String()]++
	}
	sameDay := 0
	for _, n := range perDay {
		sameDay = max(sameDay, n)
	}
	if busiest > 12 || busiest < 6 || sameDay < 2 {
		t.Errorf("the busiest panel hears %d items (want 6 to 12) and the busiest day has %d panels (want several)", busiest, sameDay)
	}
}

// BenchmarkSeed measures loading 1,000 households into SQLite the way
// `hearth seed --households` does; multiply by 50 for the 50,000 figure.
func BenchmarkSeed(b *testing.B) {
	for b.Loop() {
		s := storetest.New(b, dialect.SQLite)
		err := s.WithoutSecondaryIndexes(context.Background(), func() error {
			_, err := seed.Run(context.Background(), s.Client, seed.Options{Households: 1000, Seed: 1, Today: today})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
