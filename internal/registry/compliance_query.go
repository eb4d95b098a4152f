package registry

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/duemonthtally"
	"github.com/hearth-registry/hearth/ent/duetally"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// DueFilter narrows the service-wide view. The zero value is the whole
// service, every kind.
type DueFilter struct {
	// SSWID keeps the households of one supervising social worker.
	SSWID int
	// Unassigned keeps the households with no supervising social worker.
	Unassigned bool
	// Kinds keeps these kinds of item; empty keeps all.
	Kinds []compliance.Kind
}

// KindCount is how many open items of one kind stand at each status.
type KindCount struct {
	Kind     compliance.Kind `json:"kind"`
	Overdue  int             `json:"overdue"`
	DueSoon  int             `json:"due_soon"`
	Upcoming int             `json:"ok"`
}

// DueSummary counts the open items of every kind by status on a day, for
// the whole service or one supervising social worker's households. The
// whole service reads the tallies: whole months before today or after the
// warning window from the month tallies, and only the days of the months
// in between from the day tallies, a few thousand rows at 50,000
// households. A filtered view counts that worker's items through its index.
func DueSummary(ctx context.Context, client *ent.Client, today civil.Date, warningDays int, f DueFilter) ([]KindCount, error) {
	soon := today.AddDays(warningDays)
	if f.SSWID != 0 || f.Unassigned {
		var rows []KindCount
		err := client.DueItem.Query().Where(f.predicates()...).
			Modify(func(s *sql.Selector) { countByStatus(s, dueitem.FieldDueOn, "1", today, soon) }).Scan(ctx, &rows)
		if err != nil {
			return nil, fmt.Errorf("count due items: %w", err)
		}
		return inKindOrder(rows, f.Kinds), nil
	}
	first, last := monthOf(today), monthOf(soon)
	var months, days []KindCount
	mq := client.DueMonthTally.Query().Where(duemonthtally.Or(duemonthtally.MonthLT(first), duemonthtally.MonthGT(last)))
	dq := client.DueTally.Query().Where(duetally.DueOnGTE(first), duetally.DueOnLT(last.AddMonths(1)))
	// Naming every kind, even unfiltered, lets both databases seek each
	// kind's date range in the (kind, date) index instead of reading it all.
	kinds := f.Kinds
	if len(kinds) == 0 {
		kinds = compliance.Kinds
	}
	mq.Where(duemonthtally.KindIn(kindStrings(kinds)...))
	dq.Where(duetally.KindIn(kindStrings(kinds)...))
	err := mq.Modify(func(s *sql.Selector) {
		countByStatus(s, duemonthtally.FieldMonth, duemonthtally.FieldItems, today, soon)
	}).Scan(ctx, &months)
	if err != nil {
		return nil, fmt.Errorf("count due month tallies: %w", err)
	}
	err = dq.Modify(func(s *sql.Selector) {
		countByStatus(s, duetally.FieldDueOn, duetally.FieldItems, today, soon)
	}).Scan(ctx, &days)
	if err != nil {
		return nil, fmt.Errorf("count due tallies: %w", err)
	}
	return inKindOrder(append(months, days...), f.Kinds), nil
}

// countByStatus selects, per kind, the sum of column over rows whose date
// falls before today (overdue), from today to soon (due soon) and after.
// A month row is wholly before today or wholly after soon, by the query's
// choice of months, so its first day classifies it.
func countByStatus(s *sql.Selector, date, column string, today, soon civil.Date) {
	due := s.C(date)
	add := func(as string, when func(*sql.Builder)) {
		s.AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("COALESCE(SUM(CASE WHEN ")
			when(b)
			b.WriteString(" THEN " + column + " ELSE 0 END), 0)")
		}), as)
	}
	s.Select(s.C("kind"))
	add("overdue", func(b *sql.Builder) { b.WriteString(due + " < ").Arg(today) })
	add("due_soon", func(b *sql.Builder) {
		b.WriteString(due + " >= ").Arg(today).WriteString(" AND " + due + " <= ").Arg(soon)
	})
	add("ok", func(b *sql.Builder) { b.WriteString(due + " > ").Arg(soon) })
	s.GroupBy(s.C("kind"))
}

// inKindOrder gives one row per kind asked for, in the order the service
// reads them, with zeros for kinds that have nothing open.
func inKindOrder(rows []KindCount, only []compliance.Kind) []KindCount {
	byKind := map[compliance.Kind]KindCount{}
	for _, r := range rows {
		sum := byKind[r.Kind]
		sum.Overdue += r.Overdue
		sum.DueSoon += r.DueSoon
		sum.Upcoming += r.Upcoming
		byKind[r.Kind] = sum
	}
	out := make([]KindCount, 0, len(compliance.Kinds))
	for _, k := range compliance.Kinds {
		if len(only) > 0 && !slices.Contains(only, k) {
			continue
		}
		r := byKind[k]
		r.Kind = k
		out = append(out, r)
	}
	return out
}

func (f DueFilter) predicates() []predicate.DueItem {
	var where []predicate.DueItem
	switch {
	case f.Unassigned:
		where = append(where, dueitem.SswIDIsNil())
	case f.SSWID != 0:
		where = append(where, dueitem.SswID(f.SSWID))
	}
	if len(f.Kinds) > 0 {
		where = append(where, dueitem.KindIn(kindStrings(f.Kinds)...))
	}
	return where
}

func kindStrings(kinds []compliance.Kind) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

// DuePosition is where a page of the due list ends: the next page starts
// after this due date and item. Items keep their rows while unchanged, so
// a position stays meaningful between requests.
type DuePosition struct {
	DueOn civil.Date
	ID    int
}

// DueRange is the span of due dates a list covers, inclusive; a zero end
// is unbounded.
type DueRange struct {
	From, To civil.Date
}

// DueList returns up to limit open items due within r, most urgent (oldest
// due date) first, after the position after, and the position to continue
// from, or nil at the end.
func DueList(ctx context.Context, client *ent.Client, f DueFilter, r DueRange, after *DuePosition, limit int) ([]*ent.DueItem, *DuePosition, error) {
	q := client.DueItem.Query().Where(f.predicates()...)
	if !r.From.IsZero() {
		q.Where(dueitem.DueOnGTE(r.From))
	}
	if !r.To.IsZero() {
		q.Where(dueitem.DueOnLTE(r.To))
	}
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

// HouseholdCompliance assesses one household afresh: its open items with
// their dates, and the met and not-applicable ones with the reason, so the
// reader sees why nothing is due as well as what is.
func HouseholdCompliance(ctx context.Context, client *ent.Client, id int) (*ent.Household, []compliance.Item, compliance.Policy, error) {
	p, err := CompliancePolicy(ctx, client)
	if err != nil {
		return nil, nil, p, err
	}
	h, err := client.Household.Get(ctx, id)
	if err != nil {
		return nil, nil, p, err
	}
	loaded, err := loadHouseholds(ctx, client, []int{id})
	if err != nil {
		return nil, nil, p, err
	}
	if len(loaded) != 1 {
		return nil, nil, p, &ent.NotFoundError{}
	}
	return h, compliance.Assess(loaded[0].Household, p), p, nil
}
