package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/seed"
)

// runSeed fills an empty registry: the demo service (--demo) or a service of
// N households (--households N) for load tests and benchmarks.
func runSeed(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var demo bool
	var households, batch int
	var seedValue uint64
	var today string
	cfg, _, err := loadConfig("seed", args, getenv, stderr, func(fs *flag.FlagSet, _ *config.Config) {
		fs.BoolVar(&demo, "demo", false, "the small demo service of 40 households, with named carers and portal accounts")
		fs.IntVar(&households, "households", 0, "generate a service of N households")
		fs.Uint64Var(&seedValue, "seed", 1, "random seed: the same seed and date give the same data")
		fs.StringVar(&today, "today", "", "the date the history leads up to, YYYY-MM-DD (default: today in London)")
		fs.IntVar(&batch, "batch", 500, "households per transaction")
	})
	if err != nil {
		return err
	}
	opts := seed.Options{Households: households, Seed: seedValue, Demo: demo, BatchSize: batch, Today: civil.Today(time.Now())}
	switch {
	case demo && households > 0:
		return errors.New("give either --demo or --households, not both")
	case demo:
		opts.Households = seed.DemoHouseholds
	case households < 1:
		return errors.New("say what to seed: --demo, or --households N with N at least 1")
	}
	if today != "" {
		if opts.Today, err = civil.Parse(today); err != nil {
			return fmt.Errorf("--today: %w", err)
		}
	}
	logger := newLogger(cfg, stderr)
	st, err := openStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	step := max(opts.Households/10, opts.BatchSize)
	opts.Progress = func(done, total int) {
		if done%step < opts.BatchSize || done == total {
			fmt.Fprintf(stdout, "  %d of %d households (%.1fs)\n", done, total, time.Since(start).Seconds())
		}
	}
	var counts seed.Counts
	load := func() (err error) {
		counts, err = seed.Run(ctx, st.Client, opts)
		return err
	}
	if opts.Households > seed.DemoHouseholds {
		// A large load builds its secondary indexes once, at the end, and
		// then computes the due items, which read through those indexes.
		debug.SetGCPercent(400)
		opts.DeferDueItems = true
		err = st.WithoutSecondaryIndexes(ctx, load)
		if err == nil {
			loaded := time.Now()
			err = registry.InTx(ctx, st.Client, func(tx *ent.Client) error { return registry.RefreshAllDueItems(ctx, tx) })
			fmt.Fprintf(stdout, "  due items computed in %.1fs\n", time.Since(loaded).Seconds())
		}
	} else {
		err = load()
	}
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "Seeded %s in %.1fs: %d households, %d carers, %d household members, %d training records, "+
		"%d reviews, %d health assessments, %d DBS checks, %d visits, %d placements, %d panels (%d rows, %.0f rows/s).\n",
		describe(cfg), elapsed.Seconds(), counts.Households, counts.Carers, counts.HouseholdMembers,
		counts.TrainingRecords, counts.Reviews, counts.HealthAssessments, counts.DBSChecks, counts.Visits,
		counts.Placements, counts.Panels, counts.Total(), float64(counts.Total())/elapsed.Seconds())
	return nil
}
