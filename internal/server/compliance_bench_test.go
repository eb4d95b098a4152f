package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// The compliance benchmarks answer real HTTP requests over loopback, with
// an API token, and report latency percentiles per request. By default
// they seed a small service so they run anywhere; point them at a service
// seeded with `hearth seed --households 50000` for the figures in
// docs/performance.md:
//
//	HEARTH_BENCH_SQLITE=/path/to/hearth.db   (a seeded SQLite file)
//	HEARTH_BENCH_POSTGRES=postgres://…       (a seeded PostgreSQL database)
//
// Without HEARTH_BENCH_POSTGRES the PostgreSQL run seeds a fresh schema on
// HEARTH_TEST_POSTGRES_URL, or is skipped.

// benchHouseholds is the size of the service seeded when no database is
// named: enough for the queries to use their indexes, quick to make.
const benchHouseholds = 500

// benchTarget is a served registry to measure.
type benchTarget struct {
	base, token string
	// cookie, when set, is sent instead of the token: pages need a session.
	cookie     string
	ssw, house int
	store      *store.Store
	views      *registry.ViewLog
}

func BenchmarkComplianceSQLite(b *testing.B) {
	benchCompliance(b, dialect.SQLite)
}

func BenchmarkCompliancePostgres(b *testing.B) {
	benchCompliance(b, dialect.Postgres)
}

func benchCompliance(b *testing.B, d string) {
	target := serveForBench(b, d)
	on := seedDay.String()
	for _, r := range []struct{ name, path string }{
		{"Summary", "/api/v1/compliance?on=" + on},
		{"SummaryOneSSW", fmt.Sprintf("/api/v1/compliance?on=%s&ssw_id=%d", on, target.ssw)},
		{"OverdueFirstPage", "/api/v1/compliance/items?status=overdue&on=" + on},
		{"DueFirstPageOneSSW", fmt.Sprintf("/api/v1/compliance/items?on=%s&ssw_id=%d", on, target.ssw)},
		{"OverdueTrainingFirstPage", "/api/v1/compliance/items?status=overdue&kind=training&on=" + on},
		{"Household", fmt.Sprintf("/api/v1/households/%d/compliance?on=%s", target.house, on)},
	} {
		b.Run(r.name, func(b *testing.B) { measure(b, target, r.path, 1) })
		b.Run(r.name+"/8clients", func(b *testing.B) { measure(b, target, r.path, 8) })
	}
}

// measure sends b.N requests from clients at once and reports the 50th,
// 95th and 99th percentile of their latencies.
func measure(b *testing.B, target benchTarget, path string, clients int) {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	get := func() (time.Duration, error) {
		req, _ := http.NewRequest("GET", target.base+path, nil)
		if target.cookie != "" {
			req.Header.Set("Cookie", target.cookie)
		} else {
			req.Header.Set("Authorization", "Bearer "+target.token)
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		took := time.Since(start)
		if resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("GET %s: %d %s", path, resp.StatusCode, body)
		}
		return took, nil
	}
	if _, err := get(); err != nil { // open the connection and warm the caches
		b.Fatal(err)
	}
	var mu sync.Mutex
	var times []time.Duration
	var failed error
	work := make(chan struct{})
	var wg sync.WaitGroup
	b.ResetTimer()
	for range clients {
		// A failure is noted and the worker goes on: b.Fatal here would
		// end only this goroutine and leave the loop below waiting.
		wg.Go(func() {
			for range work {
				took, err := get()
				mu.Lock()
				if err != nil && failed == nil {
					failed = err
				}
				times = append(times, took)
				mu.Unlock()
			}
		})
	}
	for range b.N {
		work <- struct{}{}
	}
	close(work)
	wg.Wait()
	b.StopTimer()
	if failed != nil {
		b.Fatal(failed)
	}
	slices.Sort(times)
	at := func(p float64) float64 {
		return float64(times[min(len(times)-1, int(p*float64(len(times))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// serveForBench opens the named database, or seeds a small one, and serves
// it on loopback with a manager's API token.
func serveForBench(b *testing.B, d string) benchTarget {
	b.Helper()
	st := storetest.Seeded(b, d, benchHouseholds)
	cfg, _ := config.Load(func(string) string { return "" })
	s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "bench")
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { _ = s.Serve(ctx, ln) }() // a failure shows as the requests failing
	b.Cleanup(cancel)

	token, _, err := auth.CreateToken(ctx, st.Client, registry.System("benchmark"),
		auth.NewToken{Name: "benchmark", Role: "manager", ExpiresAt: new(time.Now().Add(time.Hour))}, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	// The busiest supervising social worker, and a household with the most
	// open items: the heaviest filtered list and household view.
	type sswCount struct {
		SswID int `json:"ssw_id"`
		Count int `json:"count"`
	}
	var busiest []sswCount
	err = st.Client.DueItem.Query().Where(dueitem.SswIDNotNil()).GroupBy(dueitem.FieldSswID).
		Aggregate(ent.Count()).Scan(ctx, &busiest)
	if err != nil || len(busiest) == 0 {
		b.Fatalf("find the busiest SSW: %v", err)
	}
	slices.SortFunc(busiest, func(x, y sswCount) int { return y.Count - x.Count })
	house := st.Client.Household.Query().Where(household.StatusEQ(household.StatusApproved)).FirstIDX(ctx)
	return benchTarget{base: "http://" + ln.Addr().String(), token: token, ssw: busiest[0].SswID, house: house, store: st, views: s.Views}
}
