package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"
)

// The goals of the load issue, on a 2-core machine.
const (
	goalP95   = 100 * time.Millisecond
	goalRSS   = 150 << 20
	goalCores = 2
)

// series is every latency of one kind of request.
type series struct {
	name   string
	took   []time.Duration
	errors int
}

// quantile returns the q-th quantile of sorted, nearest rank.
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// keptUp is the share of the offered rate below which a paced run is
// reported as having fallen behind. Even a server with room to spare
// achieves a little less than clients ÷ think, since each client also waits
// for its answers; at 0.5 s pauses and 10 ms answers that costs 2 %.
const keptUp = 0.9

type report struct {
	options
	fixtures *fixtures
	elapsed  time.Duration
	kinds    []*series
	peakRSS  int64
	// perTask is the requests a task sent on average.
	perTask float64
}

// offered is the rate of requests the paced clients ask for if every
// answer were instant: each starts a task every think on average, and a
// task sends perTask requests. Zero flat out.
func (r report) offered() float64 {
	if r.think <= 0 {
		return 0
	}
	return float64(r.clients) / r.think.Seconds() * r.perTask
}

func (r report) errors() int {
	n := 0
	for _, s := range r.kinds {
		n += s.errors
	}
	return n
}

// write prints the run as a Markdown table, ready for docs/load.md.
func (r report) write(w io.Writer) {
	var all []time.Duration
	for _, s := range r.kinds {
		slices.Sort(s.took)
		all = append(all, s.took...)
	}
	slices.Sort(all)
	slices.SortFunc(r.kinds, func(a, b *series) int { return len(b.took) - len(a.took) })
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

	pace := "flat out"
	if r.think > 0 {
		pace = "each pausing " + r.think.String() + " on average between tasks"
	}
	fmt.Fprintf(w, "%s, %d households; %d clients %s, for %s on %d cores (%s, %s/%s)\n\n",
		r.fixtures.database, r.fixtures.households, r.clients, pace, r.elapsed.Round(100*time.Millisecond),
		runtime.NumCPU(), time.Now().Format("2 Jan 2006"), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintln(w, "| request | count | errors | p50 ms | p95 ms | p99 ms |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	for _, s := range r.kinds {
		fmt.Fprintf(w, "| %s | %d | %d | %s | %s | %s |\n", s.name, len(s.took), s.errors,
			ms(quantile(s.took, 0.5)), ms(quantile(s.took, 0.95)), ms(quantile(s.took, 0.99)))
	}
	fmt.Fprintf(w, "| **the whole mix** | **%d** | **%d** | **%s** | **%s** | **%s** |\n\n", len(all), r.errors(),
		ms(quantile(all, 0.5)), ms(quantile(all, 0.95)), ms(quantile(all, 0.99)))

	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**not met**"
	}
	p95 := quantile(all, 0.95)
	achieved := float64(len(all)) / r.elapsed.Seconds()
	if offered := r.offered(); offered > 0 {
		fmt.Fprintf(w, "- offered: %.0f requests a second (%d clients each starting a task every %s on average, %.2f requests a task); achieved: %.0f (%.0f%%)\n",
			offered, r.clients, r.think, r.perTask, achieved, 100*achieved/offered)
		if achieved < keptUp*offered {
			fmt.Fprintf(w, "- **warning: the server fell behind** (achieved under %.0f%% of offered): it is at or past its capacity, clients were kept waiting, and the latencies above are not those of this load. Run flat out (-think 0) to find the capacity, and read the margin as capacity ÷ offered\n", 100*keptUp)
		}
	} else {
		fmt.Fprintf(w, "- throughput flat out (the capacity for this mix): %.0f requests a second\n", achieved)
	}
	fmt.Fprintf(w, "- errors: %d (goal 0: %s)\n", r.errors(), verdict(r.errors() == 0))
	fmt.Fprintf(w, "- p95 across the mix: %s ms (goal ≤ %d ms: %s)\n", ms(p95), goalP95.Milliseconds(), verdict(p95 <= goalP95))
	fmt.Fprintf(w, "- the server's peak resident memory: %.0f MB (goal ≤ %d MB: %s)\n",
		float64(r.peakRSS)/(1<<20), goalRSS>>20, verdict(r.peakRSS <= goalRSS))
	if runtime.NumCPU() != goalCores {
		fmt.Fprintf(w, "- note: the goals are for %d cores; this machine has %d\n", goalCores, runtime.NumCPU())
	}
	fmt.Fprintf(w, "\n`go run ./cmd/hearthload %s`\n", strings.Join(r.flags(), " "))
}

// flags repeats the run's settings, without the database's address.
func (r report) flags() []string {
	db := "-data-dir …"
	if r.databaseURL != "" {
		db = "-database-url …"
	}
	return []string{db, fmt.Sprintf("-clients %d", r.clients), "-think " + r.think.String(),
		"-duration " + r.duration.String(), fmt.Sprintf("-requests %d", r.requests)}
}
