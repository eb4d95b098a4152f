package compliance

import (
	"fmt"

	"github.com/hearth-registry/hearth/internal/civil"
)

// reviews applies reg 28: the first review within a year of approval (and
// to panel), each later one within a year of the last review meeting, and a
// review after an allegation investigation concludes. A household on hold or
// suspended is still approved, so its reviews still fall due.
func reviews(h Household, p Policy) []Item {
	s := h.subject()
	var items []Item
	last := lastMeeting(h.Reviews)
	switch {
	case !last.IsZero():
		due := yearAfter(last)
		items = append(items, Item{
			Kind: AnnualReview, Subject: s, What: "Annual review", DueOn: due,
			Reason: fmt.Sprintf("Within 1 year of the last review meeting on %s%s%s — %s",
				on(last), leapNote(last, due), holdNote(h), srcReg28),
			Source: srcReg28,
		})
	case h.ApprovedOn.IsZero():
		items = append(items, unknownApproval(FirstReview, s, "First review"))
	default:
		due := yearAfter(h.ApprovedOn)
		items = append(items, Item{
			Kind: FirstReview, Subject: s, What: "First review", DueOn: due,
			Reason: fmt.Sprintf("Within 1 year of approval on %s%s; the first review report must go to the fostering panel%s — %s",
				on(h.ApprovedOn), leapNote(h.ApprovedOn, due), holdNote(h), srcReg28),
			Source: srcReg28,
		})
	}
	for _, r := range h.Reviews {
		if it, ok := firstReviewPanel(h, r); ok {
			items = append(items, it)
		}
		if it, ok := postAllegation(h, r, p); ok {
			items = append(items, it)
		}
	}
	return items
}

// firstReviewPanel: a first review held but not yet on any panel's agenda
// cannot be decided, because its report must go to panel.
func firstReviewPanel(h Household, r Review) (Item, bool) {
	if r.Kind != "first" || !r.held() || len(r.PanelItems) > 0 || r.Status == "decided" {
		return Item{}, false
	}
	due := r.DueOn
	if !h.ApprovedOn.IsZero() {
		due = yearAfter(h.ApprovedOn)
	}
	return Item{
		Kind: FirstReviewPanel, Subject: h.subject(), Ref: r.ID, What: "First review to panel", DueOn: due,
		Reason: fmt.Sprintf("The first review (meeting on %s) must go to the fostering panel, and is not yet on a panel's agenda — %s",
			on(r.MeetingOn), srcReg28),
		Source: srcReg28,
	}, true
}

// postAllegation: once an allegation investigation concludes, a review is
// held within the service's period. Without a recorded conclusion date the
// review's own due date stands.
func postAllegation(h Household, r Review, p Policy) (Item, bool) {
	if r.Kind != "post_allegation" || r.held() || r.Status == "cancelled" {
		return Item{}, false
	}
	it := Item{Kind: PostAllegationReview, Subject: h.subject(), Ref: r.ID, What: "Review after an allegation", Source: srcProcedures}
	if r.AllegationConcludedOn.IsZero() {
		it.DueOn = r.DueOn
		it.Reason = fmt.Sprintf("Scheduled for %s after an allegation; record the date the investigation concluded — %s",
			on(r.DueOn), srcProcedures)
		return it, true
	}
	it.DueOn = r.AllegationConcludedOn.AddDays(p.PostAllegationReviewDays)
	it.Reason = fmt.Sprintf("Within %s of the allegation investigation concluding on %s — %s",
		plural(p.PostAllegationReviewDays, "day", "days"), on(r.AllegationConcludedOn), srcProcedures)
	return it, true
}

// lastMeeting is the date of the latest review meeting held, of any kind:
// every reg 28 review restarts the year.
func lastMeeting(rs []Review) (last civil.Date) {
	for _, r := range rs {
		if r.held() {
			last = latest(last, r.MeetingOn)
		}
	}
	return last
}

func holdNote(h Household) string {
	switch h.Status {
	case "on_hold":
		return "; the household is on hold, which does not pause reviews"
	case "suspended":
		return "; the household is suspended, which does not pause reviews"
	}
	return ""
}
