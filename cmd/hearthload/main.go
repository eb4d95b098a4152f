// Command hearthload puts a fostering service's working day on a Hearth
// server and reports how it held up: staff browsing households and the
// dashboard and recording visits and training, carers checking their
// training, panel members downloading review packs.
//
// It builds and starts its own hearth server on loopback against a seeded
// registry, so nothing outside this machine is ever loaded, and it stops by
// itself after -duration or -requests, whichever comes first. It reports
// throughput, p50/p95/p99 per kind of request and across the mix, errors,
// and the server's peak resident memory.
//
//	go run ./cmd/hearth seed --households 50000 --data-dir /tmp/load
//	go run ./cmd/hearthload --data-dir /tmp/load
//	go run ./cmd/hearthload --database-url postgres://postgres@127.0.0.1:5432/hearth_load
//
// Each run adds its own sessions and visit and training records to the
// registry it is pointed at: use a seeded copy, never a live service.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "hearthload:", err)
		os.Exit(1)
	}
}

// options are what a run is asked to do.
type options struct {
	dataDir, databaseURL string
	clients, requests    int
	duration, warmup     time.Duration
	think                time.Duration
	hearth, only         string
	profile              string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := flag.NewFlagSet("hearthload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.dataDir, "data-dir", "", "folder of a seeded SQLite registry (hearth seed --data-dir)")
	fs.StringVar(&o.databaseURL, "database-url", "", "URL of a seeded PostgreSQL registry")
	fs.IntVar(&o.clients, "clients", 64, "clients sending requests at once")
	fs.IntVar(&o.requests, "requests", 200000, "stop after this many requests")
	fs.DurationVar(&o.duration, "duration", time.Minute, "stop after this long")
	fs.DurationVar(&o.warmup, "warmup", 5*time.Second, "run the mix this long first, uncounted")
	fs.DurationVar(&o.think, "think", 0, "each client's mean pause between tasks, as a person reads a page (0: none, flat out)")
	fs.StringVar(&o.hearth, "hearth", "", "hearth binary to start (default: build ./cmd/hearth)")
	fs.StringVar(&o.profile, "profile", "", "folder for the server's CPU and allocation profiles (cpu.pprof, allocs.pprof: go tool pprof), warm-up included")
	fs.StringVar(&o.only, "only", "", "run only the tasks whose name contains this, to study one (\"staff: household page\")")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (o.dataDir == "") == (o.databaseURL == "") {
		return fmt.Errorf("name one seeded registry: -data-dir or -database-url")
	}
	if o.clients < 1 || o.clients > 1024 || o.requests < 1 || o.duration <= 0 || o.duration > time.Hour || o.think < 0 || o.think > time.Minute {
		return fmt.Errorf("-clients must be 1–1024, -requests at least 1, -duration up to an hour, -think up to a minute")
	}

	fx, err := prepare(ctx, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "registry: %d households; %d SSWs, %d carers and %d panel members signed in\n",
		fx.households, len(fx.ssws), len(fx.carers), fx.panelMembers)

	srv, err := startHearth(ctx, o)
	if err != nil {
		return err
	}
	defer func() { _ = srv.stop() }() // a second stop after the one below does nothing
	fmt.Fprintf(stderr, "hearth serving on %s (pid %d); warming up for %s\n", srv.base, srv.cmd.Process.Pid, o.warmup)

	mix, err := newMix(srv.base, fx, o.clients, o.only)
	if err != nil {
		return err
	}
	if o.warmup > 0 {
		mix.run(ctx, o.clients, o.warmup, o.requests, o.think)
	}
	mix.reset()
	fmt.Fprintf(stderr, "running %d clients for up to %s or %d requests\n", o.clients, o.duration, o.requests)
	elapsed := mix.run(ctx, o.clients, o.duration, o.requests, o.think)
	peak, err := srv.peakRSS() // before stopping: the kernel forgets it with the process
	if err != nil {
		return err
	}
	if err := srv.stop(); err != nil {
		fmt.Fprintln(stderr, "stopping hearth:", err)
	}
	r := report{options: o, fixtures: fx, elapsed: elapsed, kinds: mix.results(), peakRSS: peak, perTask: mix.perTask()}
	r.write(stdout)
	if n := r.errors(); n > 0 {
		return fmt.Errorf("%d requests failed (first: %s); the server's log is %s", n, mix.firstError(), srv.logPath)
	}
	return nil
}
