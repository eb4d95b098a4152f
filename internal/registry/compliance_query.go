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
func DueSummary(ctx context.Context, client *ent.Client, today civil.Date, p compliance.Policy, f DueFilter) ([]KindCount, error) {
	w := windowsOf(p, today)
	if f.SSWID != 0 || f.Unassigned {
		var rows []KindCount
		err := client.DueItem.Query().Where(f.predicates()...).
			Modify(func(s *sql.Selector) { countByStatus(s, dueitem.FieldDueOn, "1", w) }).Scan(ctx, &rows)
		if err != nil {
			return nil, fmt.Errorf("count due items: %w", err)
		}
		return inKindOrder(rows, f.Kinds), nil
	}
	first, last := monthOf(today), monthOf(w.latest())
	// Naming every kind, even unfiltered, lets both databases seek each
	// kind's date range in the (kind, date) index instead of reading it all.
	kinds := kindStrings(kindsOrAll(f.Kinds, compliance.Kinds))
	var months, days []KindCount
	err := client.DueMonthTally.Query().
		Where(duemonthtally.KindIn(kinds...), duemonthtally.Or(duemonthtally.MonthLT(first), duemonthtally.MonthGT(last))).
		Modify(func(s *sql.Selector) { countByStatus(s, duemonthtally.FieldMonth, duemonthtally.FieldItems, w) }).
		Scan(ctx, &months)
	if err != nil {
		return nil, fmt.Errorf("count due month tallies: %w", err)
	}
	err = client.DueTally.Query().
		Where(duetally.KindIn(kinds...), duetally.DueOnGTE(first), duetally.DueOnLT(last.AddMonths(1))).
		Modify(func(s *sql.Selector) { countByStatus(s, duetally.FieldDueOn, duetally.FieldItems, w) }).
		Scan(ctx, &days)
	if err != nil {
		return nil, fmt.Errorf("count due tallies: %w", err)
	}
	return inKindOrder(append(months, days...), f.Kinds), nil
}

func kindsOrAll(kinds, all []compliance.Kind) []compliance.Kind {
	if len(kinds) > 0 {
		return kinds
	}
	return all
}

// countByStatus selects, per kind, the sum of column over rows whose date
// falls before today (overdue), from today to the kind's last due-soon day
// and after it. A month row is wholly before today or wholly after every
// window, by the query's choice of months, so its first day classifies it.
func countByStatus(s *sql.Selector, date, column string, w windows) {
	due, kind := s.C(date), s.C("kind")
	add := func(as string, when func(*sql.Builder)) {
		s.AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("COALESCE(SUM(CASE WHEN ")
			when(b)
			b.WriteString(" THEN " + column + " ELSE 0 END), 0)")
		}), as)
	}
	s.Select(kind)
	add("overdue", func(b *sql.Builder) { b.WriteString(due + " < ").Arg(w.today) })
	add("due_soon", func(b *sql.Builder) {
		b.WriteString(due + " >= ").Arg(w.today).WriteString(" AND ")
		w.eachWindow(b, kind, func(soon civil.Date) { b.WriteString(due + " <= ").Arg(soon) })
	})
	add("ok", func(b *sql.Builder) {
		w.eachWindow(b, kind, func(soon civil.Date) { b.WriteString(due + " > ").Arg(soon) })
	})
	s.GroupBy(kind)
}

// windows is each kind's last due-soon day, on one day under one policy.
type windows struct {
	today civil.Date
	soon  civil.Date                     // the service's window
	own   map[compliance.Kind]civil.Date // kinds with a window of their own
}

func windowsOf(p compliance.Policy, today civil.Date) windows {
	w := windows{today: today, soon: today.AddDays(p.WarningDays), own: map[compliance.Kind]civil.Date{}}
	for _, k := range compliance.Kinds {
		if d := p.WarningDaysFor(k); d != p.WarningDays {
			w.own[k] = today.AddDays(d)
		}
	}
	return w
}

// latest is the furthest last due-soon day of any kind.
func (w windows) latest() civil.Date {
	out := w.soon
	for _, d := range w.own {
		out = latest(out, d)
	}
	return out
}

// eachWindow writes a condition that holds when cond holds for the row's
// kind's last due-soon day. It compares dates with parameters directly,
// never through a CASE, so PostgreSQL can type every parameter.
func (w windows) eachWindow(b *sql.Builder, kind string, cond func(soon civil.Date)) {
	own := w.sortedOwn()
	if len(own) == 0 {
		cond(w.soon)
		return
	}
	b.WriteString("((" + kind + " NOT IN (")
	for i, k := range own {
		if i > 0 {
			b.WriteString(", ")
		}
		b.Arg(string(k))
	}
	b.WriteString(") AND ")
	cond(w.soon)
	b.WriteString(")")
	for _, k := range own {
		b.WriteString(" OR (" + kind + " = ").Arg(string(k)).WriteString(" AND ")
		cond(w.own[k])
		b.WriteString(")")
	}
	b.WriteString(")")
}

func (w windows) sortedOwn() []compliance.Kind {
	kinds := make([]compliance.Kind, 0, len(w.own))
	for k := range w.own {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}

func latest(a, b civil.Date) civil.Date {
	if a.After(b) {
		return a
	}
	return b
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
