package jobs_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/jobs"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// BenchmarkWritesDuringRecalculation measures what the fostering team
// feels while every household's due dates are worked out again after an
// administrator changes the DBS renewal interval: an unannounced visit (or
// a DBS check) is recorded every 50 ms, each through the registry as a
// request would, until the work is done; it reports the writes' p50, p95 and slowest, the writes
// refused as busy, and how long the recalculation took.
//
//   - none: the same writes for 20 seconds with nothing else running, to
//     compare with.
//   - background: this release; the change saves at once and the jobs
//     runner recalculates in chunks.
//   - in_request: as before, the change and the whole recalculation in one
//     transaction, holding the registry-wide lock on PostgreSQL.
//
// At 50,000 households set HEARTH_BENCH_SQLITE / HEARTH_BENCH_POSTGRES to a
// registry made by `hearth seed --households 50000` (it records checks and
// changes the policy there); without them it seeds 500 households.
func BenchmarkWritesDuringRecalculation(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(d, func(b *testing.B) {
			st := storetest.Seeded(b, d, 500)
			carers, err := st.Client.Carer.Query().Limit(5000).All(schema.LiveOnly(context.Background()))
			if err != nil || len(carers) == 0 {
				b.Fatalf("carers: %d, %v", len(carers), err)
			}
			write := benchmarkWrite(st, carers)
			for _, mode := range []string{"none", "background", "in_request"} {
				b.Run(mode, func(b *testing.B) {
					for b.Loop() {
						r := recalculateWhileWriting(b, st, write, mode)
						b.ReportMetric(r.p(50), "p50-ms")
						b.ReportMetric(r.p(95), "p95-ms")
						b.ReportMetric(r.p(100), "max-ms")
						b.ReportMetric(float64(len(r.writes)), "writes")
						b.ReportMetric(float64(r.busy), "busy")
						b.ReportMetric(r.took.Seconds(), "recalc-s")
					}
				})
			}
		})
	}
}

type writesDuring struct {
	writes []time.Duration
	busy   int
	took   time.Duration
}

// p is the q-th percentile of the writes' durations, in milliseconds.
func (w writesDuring) p(q int) float64 {
	if len(w.writes) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(w.writes))
	i := min(len(s)-1, (len(s)*q+99)/100-1)
	return float64(s[max(0, i)].Microseconds()) / 1000
}

func recalculateWhileWriting(b *testing.B, st *store.Store, write func(i int) error, mode string) writesDuring {
	ctx := context.Background()
	p, err := registry.Policy(ctx, st.Client)
	if err != nil {
		b.Fatal(err)
	}
	// Between 36 and 30 months, so every run moves every DBS date.
	p.DBSRenewalMonths = map[bool]int{true: 30, false: 36}[p.DBSRenewalMonths == 36]
	var out writesDuring
	finished := make(chan struct{})
	start := time.Now()
	var wg sync.WaitGroup
	switch mode {
	case "none":
		wg.Go(func() {
			defer close(finished)
			time.Sleep(20 * time.Second)
		})
	case "background":
		if _, err := registry.UpdatePolicy(ctx, st.Client, registry.System("benchmark"), p); err != nil {
			b.Fatal(err)
		}
		runCtx, stop := context.WithCancel(ctx)
		defer stop()
		runner := &jobs.Runner{Client: st.Client, Dialect: st.Dialect, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Recalculation: jobs.Pace{Poll: 20 * time.Millisecond, Households: chunkForBenchmark()}}
		wg.Go(func() { runner.Run(runCtx) })
		wg.Go(func() {
			defer close(finished)
			for {
				time.Sleep(100 * time.Millisecond)
				if r, err := registry.DueRecalculation(ctx, st.Client); err == nil && !r.Pending {
					out.took = time.Since(start)
					stop()
					return
				}
			}
		})
	default:
		wg.Go(func() {
			defer close(finished)
			if err := changeInRequest(ctx, st, p); err != nil {
				b.Error(err)
			}
			out.took = time.Since(start)
		})
	}
	for i := 0; ; i++ {
		select {
		case <-finished:
			wg.Wait()
			return out
		case <-time.After(50 * time.Millisecond):
		}
		began := time.Now()
		err := write(i + int(start.UnixNano()%1000))
		out.writes = append(out.writes, time.Since(began))
		switch {
		case store.IsBusy(err):
			out.busy++
		case err != nil:
			b.Fatalf("write: %v", err)
		}
	}
}

// benchmarkWrite is the write the benchmark times, through the registry as
// a manager's request makes it: an unannounced visit to a carer's
// household, or with HEARTH_BENCH_WRITE=dbs a DBS check for the carer
// (which also reads every certificate number, unindexed, to refuse a
// duplicate: that read, not the recalculation, is most of its time).
func benchmarkWrite(st *store.Store, carers []*ent.Carer) func(i int) error {
	ctx := context.Background()
	manager := registry.Viewer{Role: user.RoleManager}
	actor := registry.System("benchmark")
	day := civil.Today(time.Now()).AddDays(-3)
	if os.Getenv("HEARTH_BENCH_WRITE") == "dbs" {
		return func(i int) error {
			c := carers[(i*7919)%len(carers)]
			_, err := registry.CreateDBSCheck(ctx, st.Client, actor, manager, registry.DBSSubject{CarerID: &c.ID}, registry.DBSFields{
				CertificateNumber: fmt.Sprintf("%012d", time.Now().UnixNano()%1e12), IssuedOn: day,
				Level: dbscheck.LevelEnhancedWithBarredLists, Outcome: dbscheck.OutcomeClear})
			return err
		}
	}
	return func(i int) error {
		c := carers[(i*7919)%len(carers)]
		_, err := registry.CreateVisit(ctx, st.Client, actor, manager, c.HouseholdID,
			registry.VisitFields{Kind: visit.KindUnannounced, VisitedOn: day, ChildrenSeen: true})
		return err
	}
}

// changeInRequest is the change as it was made before the background job:
// the setting saved and every household refreshed in one transaction,
// under the registry-wide lock on PostgreSQL.
func changeInRequest(ctx context.Context, st *store.Store, p registry.PolicySettings) error {
	return registry.InTx(ctx, st.Client, func(tx *ent.Client) error {
		if st.Dialect == dialect.Postgres {
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7250001)"); err != nil { // lockRegistry
				return err
			}
		}
		n, err := tx.ServicePolicy.Update().SetDbsRenewalMonths(p.DBSRenewalMonths).Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			if err := tx.ServicePolicy.Create().SetWarningDays(p.WarningDays).SetHealthRenewalMonths(p.HealthRenewalMonths).
				SetDbsRenewalMonths(p.DBSRenewalMonths).SetSupervisoryVisitDays(p.SupervisoryVisitDays).
				SetPostAllegationReviewDays(p.PostAllegationReviewDays).SetNewCarerTrainingMonths(p.NewCarerTrainingMonths).
				Exec(ctx); err != nil {
				return err
			}
		}
		if err := registry.RefreshAllDueItems(schema.LiveOnly(ctx), tx); err != nil {
			return err
		}
		_, err = tx.DueState.Update().ClearStaleSince().SetRecalculateAfter(0).SetRecalculated(0).SetToRecalculate(0).Save(ctx)
		return err
	})
}

// chunkForBenchmark is HEARTH_BENCH_CHUNK, households per chunk, for trying
// other paces (0, the default, when unset).
func chunkForBenchmark() int {
	n, _ := strconv.Atoi(os.Getenv("HEARTH_BENCH_CHUNK"))
	return n
}
