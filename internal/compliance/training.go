package compliance

import (
	"fmt"
	"strings"

	"github.com/hearth-registry/hearth/internal/civil"
)

// training covers each mandatory course in the catalogue for one carer: a
// course limited to some approval categories applies only to carers in a
// household approved for one of them. A course with a validity is refreshed
// from the last completion; one never taken is due within the service's
// period from approval.
func training(h Household, c Carer, p Policy) []Item {
	s := Subject{Kind: ForCarer, ID: c.ID, Name: c.Name}
	var items []Item
	for _, course := range p.Courses {
		if !course.Mandatory {
			continue
		}
		it := Item{Kind: Training, Subject: s, Ref: course.ID, What: course.Title, Source: srcPolicy}
		if !h.approvedFor(course.AppliesTo) {
			it.Standing = NotApplicable
			it.Reason = "Only for carers approved for " + categoryWords(course.AppliesTo)
			items = append(items, it)
			continue
		}
		var last civil.Date
		for _, t := range c.Training {
			if t.CourseID == course.ID {
				last = latest(last, t.CompletedOn)
			}
		}
		switch {
		case !last.IsZero() && course.ValidityMonths == 0:
			it.Standing, it.DueOn = Met, last
			it.Reason = fmt.Sprintf("Completed on %s; it does not need refreshing", on(last))
		case !last.IsZero():
			it.DueOn = last.AddMonths(course.ValidityMonths)
			it.Reason = fmt.Sprintf("Refreshed every %s; last completed on %s — %s",
				plural(course.ValidityMonths, "month", "months"), on(last), srcPolicy)
		case h.ApprovedOn.IsZero():
			it = unknownApproval(Training, s, course.Title)
			it.Ref = course.ID
		default:
			it.DueOn = h.ApprovedOn.AddMonths(p.NewCarerTrainingMonths)
			it.Reason = fmt.Sprintf("Not yet completed: mandatory courses are due within %s of approval on %s — %s",
				plural(p.NewCarerTrainingMonths, "month", "months"), on(h.ApprovedOn), srcPolicy)
		}
		items = append(items, it)
	}
	return items
}

// approvedFor: an empty list means every carer.
func (h Household) approvedFor(categories []string) bool {
	if len(categories) == 0 {
		return true
	}
	for _, c := range categories {
		if h.hasCategory(c) {
			return true
		}
	}
	return false
}

func categoryWords(categories []string) string {
	words := make([]string, len(categories))
	for i, c := range categories {
		words[i] = strings.ReplaceAll(c, "_", " ")
	}
	return strings.Join(words, " or ")
}
