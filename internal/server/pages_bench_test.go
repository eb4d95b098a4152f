package server

import (
	"fmt"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// BenchmarkPages renders pages over loopback for a signed-in manager
// (goal for the household page at 50,000 households: p95 ≤ 50 ms). Point
// HEARTH_BENCH_SQLITE / HEARTH_BENCH_POSTGRES at a seeded registry for the
// figures in docs/performance.md; each run adds one benchmark account.
//
//	go test ./internal/server -run '^$' -bench Pages -benchtime 300x
func BenchmarkPagesSQLite(b *testing.B)   { benchPages(b, dialect.SQLite) }
func BenchmarkPagesPostgres(b *testing.B) { benchPages(b, dialect.Postgres) }

func benchPages(b *testing.B, d string) {
	target := serveForBench(b, d)
	ctx, client := b.Context(), target.store.Client
	u, err := auth.CreateUser(ctx, client, registry.System("benchmark"), auth.NewUser{
		Email: fmt.Sprintf("bench-%d@example.org", time.Now().UnixNano()), Name: "Benchmark manager",
		Role: "manager", Password: "cobalt lantern harbour benchmark"})
	if err != nil {
		b.Fatal(err)
	}
	token, err := auth.NewSessions(client).Start(ctx, u.ID, true, "", "")
	if err != nil {
		b.Fatal(err)
	}
	target.cookie = httpx.SessionCookie + "=" + token
	// The household with the most reviews: the longest page.
	busiest := client.Household.Query().Where(household.StatusEQ(household.StatusApproved)).
		Order(household.ByReviewsCount(entsql.OrderDesc())).FirstIDX(ctx)
	r := client.Review.Query().Where(review.HouseholdID(busiest)).FirstIDX(ctx)
	b.Run("HouseholdPage", func(b *testing.B) { measure(b, target, fmt.Sprintf("/households/%d", busiest), 1) })
	b.Run("HouseholdPage/8clients", func(b *testing.B) { measure(b, target, fmt.Sprintf("/households/%d", busiest), 8) })
	b.Run("Dashboard", func(b *testing.B) { measure(b, target, "/", 1) })
	b.Run("HouseholdsSearch", func(b *testing.B) { measure(b, target, "/households?q=FH-01&status=approved", 1) })
	b.Run("ReviewWorkspace", func(b *testing.B) { measure(b, target, fmt.Sprintf("/reviews/%d", r), 1) })
}
