package httpx

import "testing"

// TestDueInReadsAsPeopleSayIt: spans are counted in days up to a
// fortnight, then weeks, months and years, never "4133 days overdue".
func TestDueInReadsAsPeopleSayIt(t *testing.T) {
	t.Parallel()
	for days, want := range map[int]string{
		0: "today", 1: "tomorrow", 5: "in 5 days", 13: "in 13 days", 14: "in 2 weeks", 45: "in 6 weeks",
		90: "in 3 months", 364: "in 12 months", -1: "1 day overdue", -20: "2 weeks overdue", -200: "6 months overdue",
		-365: "1 year overdue", -800: "over 2 years overdue", -4133: "over 11 years overdue", 5051: "in over 13 years",
	} {
		d := days
		if got := dueIn(&d); got != want {
			t.Errorf("dueIn(%d) = %q, want %q", days, got, want)
		}
	}
	if dueIn(nil) != "" {
		t.Error("no date reads as something")
	}
}
