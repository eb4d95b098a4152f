package registry

import (
	"context"
	"fmt"
	"slices"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// DuePosition is where a page of the due list ends: the next page starts
// after this due date and item. Items keep their rows while unchanged, so
// a position stays meaningful between requests.
type DuePosition struct {
	DueOn civil.Date
	ID    int
}

// DueList returns up to limit open items that stand at one of statuses on
// today, most urgent (oldest due date) first, after the position after, and
// the position to continue from, or nil at the end.
func DueList(ctx context.Context, client *ent.Client, today civil.Date, p compliance.Policy, f DueFilter,
	statuses []compliance.Status, after *DuePosition, limit int) ([]*ent.DueItem, *DuePosition, error) {
	q := client.DueItem.Query().Where(f.predicates()...).Where(statusPredicate(windowsOf(p, today), statuses)...)
	if after != nil {
		q.Where(dueitem.Or(dueitem.DueOnGT(after.DueOn), dueitem.And(dueitem.DueOn(after.DueOn), dueitem.IDGT(after.ID))))
	}
	items, err := q.Order(dueitem.ByDueOn(), dueitem.ByID()).Limit(limit + 1).All(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("list due items: %w", err)
	}
	if len(items) <= limit {
		return items, nil, nil
	}
	items = items[:limit]
	last := items[limit-1]
	return items, &DuePosition{DueOn: last.DueOn, ID: last.ID}, nil
}

// statusPredicate keeps the items at any of statuses. Besides the exact
// rule it bounds the due dates, so the database reads only the span of its
// (due date, id) index that can match.
func statusPredicate(w windows, statuses []compliance.Status) []predicate.DueItem {
	var either []predicate.DueItem
	for _, st := range statuses {
		switch st {
		case compliance.Overdue:
			either = append(either, dueitem.DueOnLT(w.today))
		case compliance.DueSoon:
			either = append(either, w.byKind(func(soon civil.Date) predicate.DueItem {
				return dueitem.And(dueitem.DueOnGTE(w.today), dueitem.DueOnLTE(soon))
			}))
		case compliance.OK:
			either = append(either, w.byKind(func(soon civil.Date) predicate.DueItem { return dueitem.DueOnGT(soon) }))
		}
	}
	where := []predicate.DueItem{dueitem.Or(either...)}
	if !slices.Contains(statuses, compliance.Overdue) {
		where = append(where, dueitem.DueOnGTE(w.today))
	}
	if !slices.Contains(statuses, compliance.OK) {
		where = append(where, dueitem.DueOnLTE(w.latest()))
	}
	return where
}

// byKind applies a rule on each kind's last due-soon day: the service's
// window for most kinds, their own for the rest.
func (w windows) byKind(rule func(soon civil.Date) predicate.DueItem) predicate.DueItem {
	own := w.sortedOwn()
	if len(own) == 0 {
		return rule(w.soon)
	}
	either := []predicate.DueItem{dueitem.And(dueitem.KindNotIn(kindStrings(own)...), rule(w.soon))}
	for _, k := range own {
		either = append(either, dueitem.And(dueitem.Kind(string(k)), rule(w.own[k])))
	}
	return dueitem.Or(either...)
}
