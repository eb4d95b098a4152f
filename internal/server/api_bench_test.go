package server

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/gofiber/fiber/v3"

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
	b.Run("ShowThroughputVsHelloWorld", func(b *testing.B) {
		hello := helloWorld(b)
		const clients = 8
		helloRate := throughput(b, clients, func(int) (string, string) { return hello, "" })
		showRate := throughput(b, clients, func(i int) (string, string) {
			return fmt.Sprintf("%s/api/v1/households/%d", target.base, ids[i%len(ids)]), target.token
		})
		b.ReportMetric(helloRate, "hello-req/s")
		b.ReportMetric(showRate, "show-req/s")
		b.ReportMetric(100*showRate/helloRate, "%-of-hello")
	})
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
	go app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
	b.Cleanup(func() { app.Shutdown() })
	return "http://" + ln.Addr().String() + "/"
}

// throughput sends b.N requests from clients at once and returns requests
// answered per second.
func throughput(b *testing.B, clients int, request func(i int) (url, token string)) float64 {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	get := func(i int) {
		url, token := request(i)
		req, _ := http.NewRequest("GET", url, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: %d", url, resp.StatusCode)
		}
	}
	for i := range clients {
		get(i) // open the connections
	}
	work := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for i := range work {
				get(i)
			}
		})
	}
	n := max(b.N, 2000)
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	return float64(n) / time.Since(start).Seconds()
}
