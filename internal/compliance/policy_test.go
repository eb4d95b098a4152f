package compliance

import (
	"testing"

	"github.com/hearth-registry/hearth/internal/civil"
)

// TestWarningWindows shows each kind's due-soon window: the service's,
// except a supervisory visit, which warns a third of its interval ahead so
// that it is not due soon the day after the last visit.
func TestWarningWindows(t *testing.T) {
	today := civil.MustParse("2026-03-02")
	for _, tc := range []struct {
		name       string
		kind       Kind
		warning    int
		visitEvery int
		dueInDays  int
		wantWindow int
		wantStatus Status
	}{
		{"AnnualReviewInWindow", AnnualReview, 60, 42, 60, 60, DueSoon},
		{"AnnualReviewBeyond", AnnualReview, 60, 42, 61, 60, OK},
		{"VisitDayAfterLastIsOK", SupervisoryVisit, 60, 42, 41, 14, OK},
		{"VisitTwoWeeksAhead", SupervisoryVisit, 60, 42, 14, 14, DueSoon},
		{"VisitFifteenDaysAhead", SupervisoryVisit, 60, 42, 15, 14, OK},
		{"VisitShortServiceWindowWins", SupervisoryVisit, 7, 42, 10, 7, OK},
		{"VisitMonthlyCycle", SupervisoryVisit, 60, 28, 9, 9, DueSoon},
		{"VisitDailyCycleStillWarnsADay", SupervisoryVisit, 60, 2, 1, 1, DueSoon},
		{"VisitOverdue", SupervisoryVisit, 60, 42, -1, 14, Overdue},
		{"UnannouncedUsesServiceWindow", UnannouncedVisit, 60, 42, 50, 60, DueSoon},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := DefaultPolicy()
			p.WarningDays, p.SupervisoryVisitDays = tc.warning, tc.visitEvery
			if got := p.WarningDaysFor(tc.kind); got != tc.wantWindow {
				t.Errorf("window = %d days, want %d", got, tc.wantWindow)
			}
			it := Item{Kind: tc.kind, DueOn: today.AddDays(tc.dueInDays)}
			if got := p.StatusOf(it, today); got != tc.wantStatus {
				t.Errorf("due in %d days: %s, want %s", tc.dueInDays, got, tc.wantStatus)
			}
		})
	}
}
