package compliance

import (
	"fmt"

	"github.com/hearth-registry/hearth/internal/civil"
)

// visits applies NMS 21.8 (at least one unannounced visit a year) and the
// service's interval between supervisory visits. Telephone contact counts
// as neither.
func visits(h Household, p Policy) []Item {
	s := h.subject()
	var unannounced, supervisory civil.Date
	for _, v := range h.Visits {
		switch v.Kind {
		case "unannounced":
			unannounced = latest(unannounced, v.VisitedOn)
		case "supervisory":
			supervisory = latest(supervisory, v.VisitedOn)
		}
	}
	var items []Item
	switch {
	case !unannounced.IsZero():
		due := yearAfter(unannounced)
		items = append(items, Item{Kind: UnannouncedVisit, Subject: s, What: "Unannounced visit", DueOn: due, Source: srcNMS21,
			Reason: fmt.Sprintf("At least one a year; the last was on %s%s — %s", on(unannounced), leapNote(unannounced, due), srcNMS21)})
	case h.ApprovedOn.IsZero():
		items = append(items, unknownApproval(UnannouncedVisit, s, "Unannounced visit"))
	default:
		items = append(items, Item{Kind: UnannouncedVisit, Subject: s, What: "Unannounced visit", DueOn: yearAfter(h.ApprovedOn), Source: srcNMS21,
			Reason: fmt.Sprintf("At least one a year, and none is recorded: the first within 1 year of approval on %s — %s", on(h.ApprovedOn), srcNMS21)})
	}
	every := plural(p.SupervisoryVisitDays, "day", "days")
	switch {
	case !supervisory.IsZero():
		items = append(items, Item{Kind: SupervisoryVisit, Subject: s, What: "Supervisory visit",
			DueOn: supervisory.AddDays(p.SupervisoryVisitDays), Source: srcPolicy,
			Reason: fmt.Sprintf("At least every %s; the last was on %s — %s", every, on(supervisory), srcPolicy)})
	case h.ApprovedOn.IsZero():
		items = append(items, unknownApproval(SupervisoryVisit, s, "Supervisory visit"))
	default:
		items = append(items, Item{Kind: SupervisoryVisit, Subject: s, What: "Supervisory visit",
			DueOn: h.ApprovedOn.AddDays(p.SupervisoryVisitDays), Source: srcPolicy,
			Reason: fmt.Sprintf("At least every %s, and none is recorded: the first within %s of approval on %s — %s",
				every, every, on(h.ApprovedOn), srcPolicy)})
	}
	return items
}
