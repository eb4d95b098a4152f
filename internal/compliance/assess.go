package compliance

// Assess returns every item for the household, its carers and its members:
// open ones with their due dates, and met and not-applicable ones with the
// reason, so a reader sees why nothing is due as well as what is.
//
// It reads no clock. Due dates depend only on the records and the policy;
// only an item's status depends on the day it is looked at (Item.StatusOn).
// That is what lets the registry store open items and answer the
// service-wide view with one indexed query.
func Assess(h Household, p Policy) []Item {
	var items []Item
	switch {
	case h.approved():
		items = append(items, reviews(h, p)...)
		items = append(items, panels(h)...)
		items = append(items, determinations(h)...)
		items = append(items, resignation(h)...)
		items = append(items, visits(h, p)...)
		for _, c := range h.Carers {
			items = append(items, carerChecks(h, c, p)...)
			items = append(items, training(h, c, p)...)
		}
		for _, m := range h.Members {
			items = append(items, memberDBS(h, m, p)...)
		}
	case h.Status == "assessment":
		items = append(items, Item{
			Kind: AnnualReview, Subject: h.subject(), What: "Reviews, checks and training",
			Standing: NotApplicable,
			Reason:   "Not yet approved: reviews, checks, visits and training fall due from the date of approval",
		})
	default:
		items = append(items, retention(h)...)
	}
	sortItems(items)
	return items
}

// OpenItems keeps the items still to be done: the ones the service-wide
// view counts and lists.
func OpenItems(items []Item) []Item {
	var open []Item
	for _, it := range items {
		if it.Standing == Open {
			open = append(open, it)
		}
	}
	return open
}

func (h Household) subject() Subject {
	return Subject{Kind: ForHousehold, ID: h.ID, Name: h.Reference}
}

// unknownApproval is the item for an approved household whose approval date
// was never recorded: every clock starts there, so say so rather than guess.
func unknownApproval(kind Kind, s Subject, what string) Item {
	return Item{
		Kind: kind, Subject: s, What: what, Standing: NotApplicable,
		Reason: "The date of approval is not recorded, so this cannot be dated: record it on the household",
	}
}
