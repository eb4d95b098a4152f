package registry_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/course"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/seed"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// seededForRecalculation is a store with n generated households, their
// items worked out.
func seededForRecalculation(t *testing.T, s *store.Store, n int) {
	t.Helper()
	_, err := seed.Run(context.Background(), s.Client, seed.Options{Households: n, Seed: 5, Today: civil.MustParse("2026-11-27")})
	if err != nil {
		t.Fatal(err)
	}
}

// changeDBSRenewal saves a new DBS renewal interval as an administrator
// would, which moves DBS dates across the service.
func changeDBSRenewal(t *testing.T, client *ent.Client, months int) {
	t.Helper()
	p, err := registry.Policy(context.Background(), client)
	if err != nil {
		t.Fatal(err)
	}
	p.DBSRenewalMonths = months
	if _, err := registry.UpdatePolicy(context.Background(), client, registry.System("test"), p); err != nil {
		t.Fatal(err)
	}
}

// finishRecalculation runs chunks of size households until none waits,
// and returns the progress each reported.
func finishRecalculation(t *testing.T, s *store.Store, size int) []registry.Recalculation {
	t.Helper()
	var seen []registry.Recalculation
	for range 10_000 {
		r, err := registry.RecalculateDueItems(context.Background(), s.Client, s.Dialect, size)
		if err != nil {
			t.Fatalf("recalculate: %v", err)
		}
		seen = append(seen, r)
		if !r.Pending {
			return seen
		}
	}
	t.Fatal("the recalculation never finished")
	return nil
}

// mustMatchRecompute fails unless the stored items and tallies are exactly
// what a full synchronous refresh gives.
func mustMatchRecompute(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	if problems := stateOf(t, ctx, s.Client).check(t, ctx, s.Client); len(problems) > 0 {
		t.Fatalf("stored due items disagree with a full refresh:\n%s", strings.Join(problems[:min(20, len(problems))], "\n"))
	}
}

// TestPolicyChangeRecalculatesInBackground shows that a date-moving policy
// change saves at once, moving no item but recording the recalculation;
// that chunks then report their progress; and that when they finish the
// items and tallies are exactly those of a full synchronous refresh.
func TestPolicyChangeRecalculatesInBackground(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seededForRecalculation(t, s, 12)
		before := stateOf(t, ctx, s.Client)
		changeDBSRenewal(t, s.Client, 12)

		r, err := registry.DueRecalculation(ctx, s.Client)
		if err != nil || !r.Pending || r.Done != 0 || r.Total != s.Client.Household.Query().CountX(ctx) {
			t.Fatalf("after the change: %+v, %v; want pending, 0 of every household done", r, err)
		}
		if problems := stateOf(t, ctx, s.Client).diff(before); len(problems) > 0 {
			t.Fatalf("the change itself rewrote items, which is the background job's work:\n%s", strings.Join(problems, "\n"))
		}
		seen := finishRecalculation(t, s, 5)
		var done []int
		for _, p := range seen[:len(seen)-1] {
			done = append(done, p.Done)
		}
		if want := []int{5, 10}; !slices.Equal(done, want) {
			t.Errorf("progress after each chunk %v, want %v", done, want)
		}
		if r, _ := registry.DueRecalculation(ctx, s.Client); r.Pending {
			t.Errorf("still pending after the last chunk: %+v", r)
		}
		mustMatchRecompute(t, s)
	})
}

// TestCatalogueChangeRecalculatesInBackground: a course's new validity is
// recorded for the background job in the same way.
func TestCatalogueChangeRecalculatesInBackground(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seededForRecalculation(t, s, 6)
		k := s.Client.Course.Query().Where(course.Mandatory(true)).FirstX(ctx)
		storetest.Write(t, s.Client, func(tx *ent.Client) error {
			return tx.Course.UpdateOneID(k.ID).SetValidityMonths(k.ValidityMonths + 6).Exec(ctx)
		})
		if r, _ := registry.DueRecalculation(ctx, s.Client); !r.Pending {
			t.Fatal("a course's new validity recorded no recalculation")
		}
		finishRecalculation(t, s, 4)
		mustMatchRecompute(t, s)
	})
}

// TestSecondChangeRestartsRecalculation: a second policy change part-way
// through starts the pass again, so the households already done under the
// first are done again under the second.
func TestSecondChangeRestartsRecalculation(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seededForRecalculation(t, s, 10)
		changeDBSRenewal(t, s.Client, 12)
		if _, err := registry.RecalculateDueItems(ctx, s.Client, s.Dialect, 4); err != nil {
			t.Fatal(err)
		}
		first, _ := registry.DueRecalculation(ctx, s.Client)
		changeDBSRenewal(t, s.Client, 24)
		again, _ := registry.DueRecalculation(ctx, s.Client)
		if first.Done != 4 || !again.Pending || again.Done != 0 || !again.Since.Equal(first.Since) {
			t.Errorf("after one chunk %+v, after the second change %+v; want 4 done, then 0 done since the first change", first, again)
		}
		finishRecalculation(t, s, 4)
		mustMatchRecompute(t, s)
	})
}

// TestRecalculationCarriedOnAfterAStop: a server stops after two chunks,
// and a third that was under way when it stopped rolls back; another
// server then carries the pass on from the progress stored, and the end
// state is that of a full refresh.
func TestRecalculationCarriedOnAfterAStop(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seededForRecalculation(t, s, 11)
		changeDBSRenewal(t, s.Client, 18)
		for range 2 {
			if _, err := registry.RecalculateDueItems(ctx, s.Client, s.Dialect, 3); err != nil {
				t.Fatal(err)
			}
		}
		stopped, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := registry.RecalculateDueItems(stopped, s.Client, s.Dialect, 3); err == nil {
			t.Fatal("a chunk under a stopped server's context succeeded")
		}
		if r, _ := registry.DueRecalculation(ctx, s.Client); r.Done != 6 || !r.Pending {
			t.Fatalf("after the stop %+v, want 6 done and pending", r)
		}
		other := openAgain(t, s)
		seen := finishRecalculation(t, other, 3)
		if seen[0].Done != 9 {
			t.Errorf("the other server's first chunk reached %d, want 9 (it began where the first stopped)", seen[0].Done)
		}
		mustMatchRecompute(t, s)
	})
}

// openAgain opens a second store on s's database, as another server
// would, closed when the test ends. It only works out chunks, which need
// no hooks, so it is opened with the store package alone.
func openAgain(t *testing.T, s *store.Store) *store.Store {
	t.Helper()
	ctx := context.Background()
	var other *store.Store
	var err error
	if s.Dialect == dialect.Postgres {
		var schema string
		if err := s.DB.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
			t.Fatal(err)
		}
		base := os.Getenv("HEARTH_TEST_POSTGRES_URL")
		sep := "?"
		if strings.Contains(base, "?") {
			sep = "&"
		}
		other, err = store.Open(ctx, base+sep+"search_path="+schema+"&synchronous_commit=off", "")
	} else {
		var seq int
		var name, file string
		if err := s.DB.QueryRowContext(ctx, "PRAGMA database_list").Scan(&seq, &name, &file); err != nil {
			t.Fatal(err)
		}
		other, err = store.OpenSQLiteForTests(ctx, file)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// TestTwoServersRecalculateAtOnce runs two servers' chunks at once, each on
// its own connection pool, with a carer's training being recorded
// throughout: no chunk is worked twice (each progress count is reported
// once), and the end state is that of a full refresh.
func TestTwoServersRecalculateAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seededForRecalculation(t, s, 30)
		servers := []*store.Store{s, openAgain(t, s)}
		changeDBSRenewal(t, s.Client, 30)
		var mu sync.Mutex
		reported := map[int]int{}
		var wg sync.WaitGroup
		for _, st := range servers {
			wg.Go(func() {
				for range 1000 {
					r, err := registry.RecalculateDueItems(ctx, st.Client, st.Dialect, 2)
					if err != nil {
						t.Errorf("recalculate: %v", err)
						return
					}
					if !r.Pending {
						if now, _ := registry.DueRecalculation(ctx, st.Client); !now.Pending {
							return
						}
						continue // the other server held the chunk
					}
					mu.Lock()
					reported[r.Done]++
					mu.Unlock()
				}
			})
		}
		someone := s.Client.Carer.Query().Where(carer.HasHousehold()).FirstX(ctx)
		k := s.Client.Course.Query().FirstX(ctx)
		wg.Go(func() {
			for i := range 10 {
				err := registry.InTx(ctx, s.Client, func(tx *ent.Client) error {
					return tx.TrainingRecord.Create().SetCarerID(someone.ID).SetCourseID(k.ID).
						SetCompletedOn(civil.MustParse("2026-01-05").AddDays(i)).Exec(ctx)
				})
				if err != nil && !store.IsBusy(err) {
					t.Errorf("record training: %v", err)
				}
			}
		})
		wg.Wait()
		for done, n := range reported {
			if n > 1 {
				t.Errorf("progress %d reported %d times: a chunk was worked twice", done, n)
			}
		}
		mustMatchRecompute(t, s)
	})
}
