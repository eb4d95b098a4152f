package compliance

import (
	"fmt"

	"github.com/hearth-registry/hearth/internal/civil"
)

// panels applies NMS 14: papers go out at least 5 working days before the
// panel, and the agency decision maker decides within 7 working days of the
// panel's recommendation.
func panels(h Household) []Item {
	var items []Item
	for _, r := range h.Reviews {
		if r.Status == "cancelled" {
			continue
		}
		decided := r.Status == "decided" || !r.DecidedOn.IsZero()
		var recommended PanelItem
		for _, pi := range r.PanelItems {
			// An item whose panel has no date (archived, say) has no
			// papers deadline to count back from.
			if pi.RecommendedOn.IsZero() && !decided && !pi.MeetsOn.IsZero() {
				items = append(items, papers(h, pi))
			}
			if pi.RecommendedOn.After(recommended.RecommendedOn) {
				recommended = pi
			}
		}
		if !recommended.RecommendedOn.IsZero() && !decided {
			items = append(items, Item{
				Kind: ADMDecision, Subject: h.subject(), Ref: r.ID, What: "Decision on the panel's recommendation",
				DueOn: AddWorkingDays(recommended.RecommendedOn, 7),
				Reason: fmt.Sprintf("Within 7 working days of the recommendation of %s on %s — %s",
					recommended.PanelName, on(recommended.RecommendedOn), srcNMS14),
				Source: srcNMS14,
			})
		}
	}
	return items
}

func papers(h Household, pi PanelItem) Item {
	deadline := AddWorkingDays(pi.MeetsOn, -5)
	it := Item{
		Kind: PanelPapers, Subject: h.subject(), Ref: pi.ID, What: "Papers for " + pi.PanelName,
		DueOn: deadline, Source: srcNMS14,
	}
	if pi.PapersSentOn.IsZero() {
		it.Reason = fmt.Sprintf("At least 5 working days before the panel on %s — %s", on(pi.MeetsOn), srcNMS14)
		return it
	}
	it.Standing = Met
	n := workingDaysBefore(pi.PapersSentOn, pi.MeetsOn)
	it.Reason = fmt.Sprintf("Sent on %s, %s before the panel on %s", on(pi.PapersSentOn),
		plural(n, "working day", "working days"), on(pi.MeetsOn))
	if pi.PapersSentOn.After(deadline) {
		it.Reason += fmt.Sprintf(": late, they were due by %s", on(deadline))
	}
	it.Reason += " — " + srcNMS14
	return it
}

// PapersDeadline is the last day papers may go out for a panel meeting on
// meets: 5 working days before it (NMS 14).
func PapersDeadline(meets civil.Date) civil.Date { return AddWorkingDays(meets, -5) }

// PapersWarning is what an agenda says about one item's papers on today,
// or "" when they went out in time: not yet sent with the deadline passed
// or near, or sent late.
func PapersWarning(meets civil.Date, sent *civil.Date, today civil.Date) string {
	deadline := PapersDeadline(meets)
	switch {
	case sent != nil && sent.After(deadline):
		return fmt.Sprintf("Papers were sent on %s, %s before the panel: NMS 14 asks for at least 5; they were due by %s",
			on(*sent), plural(workingDaysBefore(*sent, meets), "working day", "working days"), on(deadline))
	case sent != nil || meets.Before(today):
		return ""
	case deadline.Before(today):
		return fmt.Sprintf("Papers have not been sent and were due by %s, 5 working days before the panel (NMS 14)", on(deadline))
	}
	return fmt.Sprintf("Papers not yet sent: they must go out by %s, 5 working days before the panel (NMS 14)", on(deadline))
}
