package server

import (
	"fmt"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// BenchmarkReviewPacks downloads, over loopback with a manager's token,
// one review pack and a panel's bundle of 12 (goal: ≤ 0.3 s), each from a
// seeded registry: the time includes reading the records, assessing the
// household, auditing the download and rendering the PDFs.
//
//	go test ./internal/server -run '^$' -bench ReviewPacks -benchtime 20x
func BenchmarkReviewPacks(b *testing.B) {
	target := serveForBench(b, dialect.SQLite)
	panelID, reviews := panelForBench(b, target.store.Client, 12)
	b.Run("OnePack", func(b *testing.B) { measure(b, target, fmt.Sprintf("/api/v1/reviews/%d/pack", reviews[0]), 1) })
	b.Run("PanelOf12", func(b *testing.B) { measure(b, target, fmt.Sprintf("/api/v1/panels/%d/packs", panelID), 1) })
}

// panelForBench puts n approved households' reviews, each with a written
// report and five pages of views, on one panel's agenda.
func panelForBench(b *testing.B, client *ent.Client, n int) (int, []int) {
	ctx := b.Context()
	houses := client.Household.Query().Where(household.StatusEQ(household.StatusApproved)).Limit(n).IDsX(ctx)
	if len(houses) < n {
		b.Fatalf("%d approved households, want %d", len(houses), n)
	}
	report := strings.Repeat("The carers have offered warm, consistent care through the year; the children are settled at school. ", 30)
	views := strings.Repeat("We have enjoyed the year and would like to keep the same terms of approval. ", 25)
	var panelID int
	var reviews []int
	storetest.Write(b, client, func(tx *ent.Client) error {
		p := tx.Panel.Create().SetName("Bench panel").SetMeetsOn(seedDay).SaveX(ctx)
		panelID = p.ID
		for i, h := range houses {
			r := tx.Review.Create().SetHouseholdID(h).SetKind(review.KindAnnual).SetDueOn(seedDay.AddDays(30)).
				SetMeetingOn(seedDay.AddDays(-20)).SetStatus(review.StatusAwaitingPanel).SetReport(report).SaveX(ctx)
			reviews = append(reviews, r.ID)
			for _, src := range []contribution.Source{contribution.SourceCarer, contribution.SourceSsw,
				contribution.SourceFosteredChild, contribution.SourcePlacingAuthority, contribution.SourceIro} {
				tx.Contribution.Create().SetReviewID(r.ID).SetSource(src).SetAuthorName("Author " + string(src)).
					SetReceivedOn(seedDay.AddDays(-25)).SetText(views).ExecX(ctx)
			}
			tx.PanelItem.Create().SetPanelID(p.ID).SetReviewID(r.ID).SetPosition(i + 1).ExecX(ctx)
		}
		return nil
	})
	return panelID, reviews
}
