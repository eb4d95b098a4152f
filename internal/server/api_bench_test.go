package server

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/household"
)

// BenchmarkHouseholdAPISQLite measures the household API at the size of
// the named database (see the compliance benchmarks): a filtered list page's
// latency, and reading one household as a share of what a bare Fiber
// hello-world handler answers on the same machine in the same run.
func BenchmarkHouseholdAPISQLite(b *testing.B) {
	benchHouseholdAPI(b, dialect.SQLite)
}

func BenchmarkHouseholdAPIPostgres(b *testing.B) {
	benchHouseholdAPI(b, dialect.Postgres)
}

func benchHouseholdAPI(b *testing.B, d string) {
	target := serveForBench(b, d)
	st := target.store
	ids := st.Client.Household.Query().Where(household.StatusEQ(household.StatusApproved)).Limit(500).IDsX(context.Background())
	b.Run("ListApprovedOneSSW", func(b *testing.B) {
		measure(b, target, fmt.Sprintf("/api/v1/households?status=approved,on_hold&ssw_id=%d", target.ssw), 1)
	})
	b.Run("ListApprovedFirstPage", func(b *testing.B) { measure(b, target, "/api/v1/households?status=approved&limit=50", 1) })
	b.Run("ListThreeStatusesFirstPage", func(b *testing.B) {
		measure(b, target, "/api/v1/households?status=approved,on_hold,suspended&limit=50", 1)
	})
	b.Run("ListApprovedPage/8clients", func(b *testing.B) {
		measure(b, target, "/api/v1/households?status=approved&limit=50&sort=-reference", 8)
	})
	b.Run("SearchCarerName", func(b *testing.B) { measure(b, target, "/api/v1/households?q=son", 1) })
	b.Run("ListByApprovalDate", func(b *testing.B) {
		measure(b, target, "/api/v1/households?status=approved,on_hold&sort=-approved_on&limit=50", 1)
	})
	// Throughput is what a server answers when clients keep it busy. Each
	// read waits for its view event to be committed, and concurrent reads
	// share commits, so the share grows with the clients; it is measured
	// at 8 and at 64 (the load test's clients), each against hello-world
	// with the same clients.
	for _, clients := range []int{8, 64} {
		b.Run(fmt.Sprintf("ShowThroughputVsHelloWorld/%dclients", clients), func(b *testing.B) {
			hello := helloWorld(b)
			helloRate := throughput(b, clients, func(int) (string, string) { return hello, "" })
			commits, views := target.views.Stats()
			showRate := throughput(b, clients, func(i int) (string, string) {
				return fmt.Sprintf("%s/api/v1/households/%d", target.base, ids[i%len(ids)]), target.token
			})
			commitsAfter, viewsAfter := target.views.Stats()
			b.ReportMetric(float64(viewsAfter-views)/float64(max(commitsAfter-commits, 1)), "views/commit")
			b.ReportMetric(helloRate, "hello-req/s")
			b.ReportMetric(showRate, "show-req/s")
			b.ReportMetric(100*showRate/helloRate, "%-of-hello")
		})
	}
}

// helloWorld serves a bare Fiber app answering "Hello, World!" on
// loopback, the yardstick for the API's own overhead.
func helloWorld(b *testing.B) string {
	app := fiber.New()
	app.Get("/", func(c fiber.Ctx) error { return c.SendString("Hello, World!") })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go func() { _ = app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}) }() // a failure shows as the requests failing
	// With a timeout: Shutdown waits for every connection to close, and
	// an idle keep-alive connection with no idle timeout never does (the
	// benchmarks hung here now and then).
	b.Cleanup(func() { _ = app.ShutdownWithTimeout(time.Second) })
	return "http://" + ln.Addr().String() + "/"
}

// throughput sends b.N requests from clients at once and returns requests
// answered per second.
func throughput(b *testing.B, clients int, request func(i int) (url, token string)) float64 {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	get := func(i int) error {
		url, token := request(i)
		req, _ := http.NewRequest("GET", url, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %d", url, resp.StatusCode)
		}
		return nil
	}
	if err := get(0); err != nil {
		b.Fatal(err)
	}
	// Workers note the first failure and go on taking work: a worker that
	// stopped (b.Fatal ends only its own goroutine) would leave the loop
	// below waiting for it for ever.
	var failed error
	var once sync.Once
	work := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for i := range work {
				if err := get(i); err != nil {
					once.Do(func() { failed = err })
				}
			}
		})
	}
	n := max(b.N, 2000)
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	if failed != nil {
		b.Fatal(failed)
	}
	return float64(n) / time.Since(start).Seconds()
}

// BenchmarkHouseholdSearchSQLite measures the households search as staff
// type it, at the size of the named database: a carer's full name (both
// orders), a surname alone, part of a reference, a postcode district, an
// accented name, and a name nobody has, which once read every household.
func BenchmarkHouseholdSearchSQLite(b *testing.B) {
	benchHouseholdSearch(b, dialect.SQLite)
}

func BenchmarkHouseholdSearchPostgres(b *testing.B) {
	benchHouseholdSearch(b, dialect.Postgres)
}

func benchHouseholdSearch(b *testing.B, d string) {
	target := serveForBench(b, d)
	c := target.store.Client.Carer.Query().Order(carer.ByID()).FirstX(context.Background())
	for _, q := range []struct{ name, text string }{
		{"FullName", c.FirstName + " " + c.LastName},
		{"FullNameReversed", c.LastName + " " + c.FirstName},
		{"Surname", c.LastName},
		{"ReferencePart", "0019"},
		{"Postcode", "TQ1"},
		{"Accented", "Siân"},
		{"NobodyHasIt", "Zebedee Quartermain"},
	} {
		b.Run(q.name, func(b *testing.B) {
			measure(b, target, "/api/v1/households?q="+url.QueryEscape(q.text), 1)
		})
	}
}
