package registry_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/course"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/duemonthtally"
	"github.com/hearth-registry/hearth/ent/duetally"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestDueItemsMatchRecompute applies seeded random sequences of writes to
// every record the compliance rules read, each in its own transaction, and
// after every one checks that the items and tallies the hook kept are
// exactly what a recompute from scratch gives. A course or policy change
// leaves the recalculation to the background job, which runs here in
// chunks, sometimes with further writes landing part-way; the check waits
// for it to finish. A failure names the seed and the write; rerun one seed
// with -run 'TestDueItemsMatchRecompute/seed_N'.
func TestDueItemsMatchRecompute(t *testing.T) {
	const steps = 150
	for _, seed := range []uint64{1, 2, 3, 4, 5, 6, 7, 8} {
		t.Run(fmt.Sprintf("seed_%d", seed), func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, s *store.Store) {
				runWrites(t, s, seed, steps)
			})
		})
	}
}

// TestDueItemsRefuseWritesOutsideTx shows a write to a record the rules
// read, made outside a transaction, is refused and changes nothing.
func TestDueItemsRefuseWritesOutsideTx(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var h *ent.Household
		var v *ent.Visit
		var k *ent.Course
		storetest.Write(t, s.Client, func(tx *ent.Client) (err error) {
			if h, err = tx.Household.Create().SetReference("FH-0001").SetAddressLine1("1 Fore Street").
				SetTown("Totnes").SetPostcode("TQ9 5RP").SetStatus(household.StatusApproved).
				SetApprovedOn(civil.MustParse("2024-02-29")).Save(ctx); err != nil {
				return err
			}
			if v, err = tx.Visit.Create().SetHouseholdID(h.ID).SetKind(visit.KindUnannounced).
				SetVisitedOn(civil.MustParse("2024-06-03")).Save(ctx); err != nil {
				return err
			}
			k, err = tx.Course.Create().SetCode("SAFE").SetTitle("Safeguarding").SetMandatory(true).Save(ctx)
			return err
		})
		tests := []struct {
			name  string
			write func(c *ent.Client) error
		}{
			{"UpdateHousehold", func(c *ent.Client) error {
				return c.Household.UpdateOneID(h.ID).SetApprovedOn(civil.MustParse("2023-01-10")).Exec(ctx)
			}},
			{"CreateCarer", func(c *ent.Client) error {
				return c.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Ann").SetLastName("Lee").Exec(ctx)
			}},
			{"ArchiveVisit", func(c *ent.Client) error { return c.Visit.DeleteOneID(v.ID).Exec(ctx) }},
			{"UpdateCourse", func(c *ent.Client) error { return c.Course.UpdateOneID(k.ID).SetValidityMonths(12).Exec(ctx) }},
			{"CreateServicePolicy", func(c *ent.Client) error {
				return c.ServicePolicy.Create().SetWarningDays(30).SetHealthRenewalMonths(24).SetDbsRenewalMonths(24).
					SetSupervisoryVisitDays(28).SetPostAllegationReviewDays(28).SetNewCarerTrainingMonths(6).Exec(ctx)
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, records := stateOf(t, ctx, s.Client), recordsOf(t, ctx, s.Client)
				if len(before.items) == 0 {
					t.Fatal("no due items to begin with: the check that nothing changed would prove nothing")
				}
				if err := tt.write(s.Client); !errors.Is(err, registry.ErrDueItemsNeedTx) {
					t.Fatalf("write outside a transaction: err = %v, want ErrDueItemsNeedTx", err)
				}
				if problems := before.diff(stateOf(t, ctx, s.Client)); len(problems) > 0 {
					t.Fatalf("a refused write moved the due items:\n%s", strings.Join(problems, "\n"))
				}
				if after := recordsOf(t, ctx, s.Client); after != records {
					t.Fatalf("a refused write changed the records:\n was %s\n now %s", records, after)
				}
				// The same write in a transaction is accepted, so it was
				// refused for want of one and not for anything else.
				if err := registry.InTx(ctx, s.Client, tt.write); err != nil {
					t.Fatalf("the same write in a transaction: %v", err)
				}
				if after := recordsOf(t, ctx, s.Client); after == records {
					t.Fatalf("the write in a transaction changed nothing, so its refusal proved nothing")
				}
			})
		}
	})
}

// recordsOf sums up the records the refused writes would change.
func recordsOf(t *testing.T, ctx context.Context, c *ent.Client) string {
	t.Helper()
	households, err := c.Household.Query().Select(household.FieldApprovedOn, household.FieldVersion).All(ctx)
	if err != nil {
		t.Fatalf("read households: %v", err)
	}
	courses, err := c.Course.Query().Select(course.FieldValidityMonths, course.FieldVersion).All(ctx)
	if err != nil {
		t.Fatalf("read courses: %v", err)
	}
	out := ""
	for _, h := range households {
		out += fmt.Sprintf("household %d approved %s v%d; ", h.ID, show(h.ApprovedOn), h.Version)
	}
	for _, k := range courses {
		out += fmt.Sprintf("course %d valid %d months v%d; ", k.ID, k.ValidityMonths, k.Version)
	}
	carers, err := c.Carer.Query().Count(ctx)
	if err != nil {
		t.Fatalf("count carers: %v", err)
	}
	visits, err := c.Visit.Query().Count(ctx)
	if err != nil {
		t.Fatalf("count visits: %v", err)
	}
	policies, err := c.ServicePolicy.Query().Count(ctx)
	if err != nil {
		t.Fatalf("count service policies: %v", err)
	}
	return out + fmt.Sprintf("%d carers, %d live visits, %d service policies", carers, visits, policies)
}

// runWrites sets up a few households, then applies steps random writes
// drawn with seed, checking the stored items after each.
func runWrites(t *testing.T, s *store.Store, seed uint64, steps int) {
	ctx := context.Background()
	w := &writer{rng: rand.New(rand.NewPCG(seed, 0x4ea7))}
	pace := rand.New(rand.NewPCG(seed, 0x7ec4)) // apart, so the writes stay those the seed always made
	var history []string
	kinds, most := map[string]bool{}, 0
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("seed %d; the last writes before the failure:\n%s", seed, strings.Join(history[max(0, len(history)-20):], "\n"))
		}
	})
	apply := func(step, name string, do func(*writer) (string, error)) {
		t.Helper()
		var what string
		err := registry.InTx(ctx, s.Client, func(tx *ent.Client) (err error) {
			w.ctx, w.tx = ctx, tx
			what, err = do(w)
			return err
		})
		label := fmt.Sprintf("seed %d, %s, %s: %s", seed, step, name, what)
		history = append(history, "  "+label)
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		// A catalogue or policy change leaves the recalculation to the
		// background job: sometimes a chunk of it runs before the next
		// write, so that writes land mid-way, and the check waits until
		// it has finished.
		if r, err := registry.DueRecalculation(ctx, s.Client); err != nil {
			t.Fatalf("%s: %v", label, err)
		} else if r.Pending {
			size := 1 + pace.IntN(3)
			if pace.IntN(3) == 0 {
				if r, err = registry.RecalculateDueItems(ctx, s.Client, s.Dialect, size); err != nil {
					t.Fatalf("%s: recalculate: %v", label, err)
				}
				if r.Pending {
					return
				}
			}
			finishRecalculation(t, s, size)
		}
		stored := stateOf(t, ctx, s.Client)
		if problems := stored.check(t, ctx, s.Client); len(problems) > 0 {
			t.Fatalf("%s: stored due items disagree with a recompute from scratch:\n%s", label, strings.Join(problems, "\n"))
		}
		for _, k := range stored.kinds {
			kinds[k] = true
		}
		most = max(most, len(stored.items))
	}
	setup := []func(*writer) (string, error){createUser, createUser, createCourse, createCourse, createCourse}
	for range 4 {
		setup = append(setup, createHousehold, createCarer, createCarer, createMember, createTerms, createReview)
	}
	setup = append(setup, createPanel, createPanel, createPanelItem, createPanelItem, createPanelItem)
	for i, do := range setup {
		apply(fmt.Sprintf("setup %d", i+1), "create", do)
	}
	total := 0
	for _, wr := range writes {
		total += wr.weight
	}
	for step := 1; step <= steps; step++ {
		n := w.rng.IntN(total)
		for _, wr := range writes {
			if n -= wr.weight; n < 0 {
				apply(fmt.Sprintf("step %d", step), wr.name, wr.do)
				break
			}
		}
	}
	// A sequence that never opened most kinds of item would pass without
	// having tested much.
	opened := slices.Sorted(maps.Keys(kinds))
	if len(opened) < len(compliance.Kinds)/2 {
		t.Errorf("seed %d opened only %d kinds of item %v: the writes no longer exercise the rules", seed, len(opened), opened)
	}
	t.Logf("seed %d: %d writes, up to %d items at once, %d kinds opened %v", seed, len(history), most, len(opened), opened)
}

// dueState is what the hook keeps: every due item (all fields but id), the
// non-zero day and month tallies, and both as counted over the items.
type dueState struct {
	items, tallies, counted, months, monthsCounted, kinds []string
}

func stateOf(t *testing.T, ctx context.Context, c *ent.Client) dueState {
	t.Helper()
	rows, err := c.DueItem.Query().All(ctx)
	if err != nil {
		t.Fatalf("read due items: %v", err)
	}
	var st dueState
	byMonth := map[string]int{}
	for _, r := range rows {
		ssw := "none"
		if r.SswID != nil {
			ssw = fmt.Sprint(*r.SswID)
		}
		st.items = append(st.items, fmt.Sprintf("household %d %s (ssw %s) %s for %s %d %q ref %d due %s: %q %q %q",
			r.HouseholdID, r.HouseholdReference, ssw, r.Kind, r.SubjectKind, r.SubjectID, r.SubjectName, r.Ref,
			r.DueOn, r.What, r.Reason, r.Source))
		st.kinds = append(st.kinds, r.Kind)
		byMonth[fmt.Sprintf("%s in %04d-%02d", r.Kind, r.DueOn.Year(), r.DueOn.Month())]++
	}
	for k, n := range byMonth {
		st.monthsCounted = append(st.monthsCounted, fmt.Sprintf("%s: %d", k, n))
	}
	months, err := c.DueMonthTally.Query().Where(duemonthtally.ItemsNEQ(0)).All(ctx)
	if err != nil {
		t.Fatalf("read due month tallies: %v", err)
	}
	for _, r := range months {
		month := fmt.Sprintf("%04d-%02d", r.Month.Year(), r.Month.Month())
		if r.Month.Day() != 1 {
			month = "not the first of the month: " + r.Month.String()
		}
		st.months = append(st.months, fmt.Sprintf("%s in %s: %d", r.Kind, month, r.Items))
	}
	tallies, err := c.DueTally.Query().Where(duetally.ItemsNEQ(0)).All(ctx)
	if err != nil {
		t.Fatalf("read due tallies: %v", err)
	}
	for _, r := range tallies {
		st.tallies = append(st.tallies, fmt.Sprintf("%s on %s: %d", r.Kind, r.DueOn, r.Items))
	}
	var counts []struct {
		Kind  string     `json:"kind"`
		DueOn civil.Date `json:"due_on"`
		Count int        `json:"count"`
	}
	if err := c.DueItem.Query().GroupBy(dueitem.FieldKind, dueitem.FieldDueOn).Aggregate(ent.Count()).Scan(ctx, &counts); err != nil {
		t.Fatalf("count due items: %v", err)
	}
	for _, r := range counts {
		st.counted = append(st.counted, fmt.Sprintf("%s on %s: %d", r.Kind, r.DueOn, r.Count))
	}
	return st
}

// check compares the state with a recompute from scratch, made in a
// transaction that is rolled back so the sequence continues from the state
// the hook kept, and the tallies with the items they count.
func (st dueState) check(t *testing.T, ctx context.Context, c *ent.Client) []string {
	t.Helper()
	tx, err := c.Tx(ctx)
	if err != nil {
		t.Fatalf("begin recompute: %v", err)
	}
	defer tx.Rollback()
	if err := registry.RefreshAllDueItems(ctx, tx.Client()); err != nil {
		t.Fatalf("recompute: %v", err)
	}
	fresh := stateOf(t, ctx, tx.Client())
	if err := tx.Rollback(); err != nil {
		t.Fatalf("roll back recompute: %v", err)
	}
	problems := st.diff(fresh)
	problems = append(problems, differences("tally", "COUNT(*) of due items", st.tallies, st.counted)...)
	return append(problems, differences("month tally", "due items counted by month", st.months, st.monthsCounted)...)
}

// diff lists how st differs from want.
func (st dueState) diff(want dueState) []string {
	problems := differences("stored item", "recomputed item", st.items, want.items)
	problems = append(problems, differences("stored tally", "recomputed tally", st.tallies, want.tallies)...)
	return append(problems, differences("stored month tally", "recomputed month tally", st.months, want.months)...)
}

// differences lists the lines only one side has, each named by its side.
func differences(gotName, wantName string, got, want []string) []string {
	n := map[string]int{}
	for _, l := range got {
		n[l]++
	}
	for _, l := range want {
		n[l]--
	}
	var out []string
	for l, k := range n {
		switch {
		case k > 0:
			out = append(out, fmt.Sprintf("  only %s (x%d): %s", gotName, k, l))
		case k < 0:
			out = append(out, fmt.Sprintf("  only %s (x%d): %s", wantName, -k, l))
		}
	}
	slices.Sort(out)
	return out
}
