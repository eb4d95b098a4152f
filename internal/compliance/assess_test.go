package compliance

import (
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/internal/civil"
)

// d is a date in a test table.
func d(s string) civil.Date { return civil.MustParse(s) }

// approvedHousehold is household FH-0001, approved on approvedOn, with one
// carer (id 10) and nothing else recorded.
func approvedHousehold(approvedOn string) Household {
	return Household{
		ID: 1, Reference: "FH-0001", Status: "approved", ApprovedOn: d(approvedOn),
		Categories: []string{"short_term"},
		Carers:     []Carer{{ID: 10, Name: "Siân Jones"}},
	}
}

// expect is one row's expected item: found by kind, subject and ref (and
// the subject's id when set, for households with two carers or members).
type expect struct {
	kind     Kind
	subject  SubjectKind
	id       int
	ref      int
	due      string // "" for an undated item
	standing Standing
	status   Status // the item's status on the scenario's today
	reason   string // the whole reason, or a fragment when partial is set
	partial  bool
	source   string // checked when set
	absent   bool
}

// scenario is one dated row: a household, the service's policy, the day it
// is looked at (today, when the row checks a status) and the item expected.
type scenario struct {
	name   string
	h      Household
	policy func(*Policy)
	today  string
	want   expect
}

func run(t *testing.T, rows []scenario) {
	t.Helper()
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			p := DefaultPolicy()
			p.Courses = testCourses()
			if row.policy != nil {
				row.policy(&p)
			}
			items := Assess(row.h, p)
			got, ok := find(items, row.want)
			if row.want.absent {
				if ok {
					t.Fatalf("want no %s item, got %+v", row.want.kind, got)
				}
				return
			}
			if !ok {
				t.Fatalf("no %s item for %s %d; items: %+v", row.want.kind, row.want.subject, row.want.ref, items)
			}
			if got.DueOn.String() != row.want.due {
				t.Errorf("due %q, want %q (reason %q)", got.DueOn, row.want.due, got.Reason)
			}
			if got.Standing != row.want.standing {
				t.Errorf("standing %v, want %v", got.Standing, row.want.standing)
			}
			if row.want.partial && !strings.Contains(got.Reason, row.want.reason) || !row.want.partial && got.Reason != row.want.reason {
				t.Errorf("reason\n got %q\nwant %q", got.Reason, row.want.reason)
			}
			if row.want.source != "" && got.Source != row.want.source {
				t.Errorf("source %q, want %q", got.Source, row.want.source)
			}
			// Every open item must say which rule makes it due.
			if got.Standing == Open && (got.Source == "" || !strings.Contains(got.Reason, got.Source)) {
				t.Errorf("open item's reason %q does not name its source %q", got.Reason, got.Source)
			}
			switch {
			case row.today != "":
				if st := got.StatusOn(d(row.today), p.WarningDays); st != row.want.status {
					t.Errorf("status on %s = %s, want %s (due %s, %d days' warning)", row.today, st, row.want.status, got.DueOn, p.WarningDays)
				}
			case row.want.status != "":
				t.Fatalf("row expects status %s but names no today", row.want.status)
			}
		})
	}
}

func find(items []Item, w expect) (Item, bool) {
	subject := w.subject
	if subject == "" {
		subject = ForHousehold
	}
	for _, it := range items {
		if it.Kind == w.kind && it.Subject.Kind == subject && it.Ref == w.ref && (w.id == 0 || it.Subject.ID == w.id) {
			return it, true
		}
	}
	return Item{}, false
}

func testCourses() []Course {
	return []Course{
		{ID: 1, Code: "SAFEG", Title: "Safeguarding children", Mandatory: true, ValidityMonths: 36},
		{ID: 2, Code: "TSD", Title: "TSD workbook", Mandatory: true},
		{ID: 3, Code: "PAC", Title: "Parent and child placements", Mandatory: true, ValidityMonths: 36, AppliesTo: []string{"parent_and_child"}},
		{ID: 4, Code: "EDI", Title: "Equality and diversity", ValidityMonths: 36},
	}
}

// with applies changes to a copy of h, so each row reads as one scenario.
func with(h Household, change func(*Household)) Household {
	change(&h)
	return h
}

func TestStatusOf(t *testing.T) {
	today := d("2026-11-22")
	for _, row := range []struct {
		name string
		due  string
		want Status
	}{
		{"OverdueTheDayAfter", "2026-11-21", Overdue},
		{"DueSoonOnTheDay", "2026-11-22", DueSoon},
		{"DueSoonAtTheWindowsEnd", "2027-01-21", DueSoon},
		{"OKBeyondTheWindow", "2027-01-22", OK},
	} {
		t.Run(row.name, func(t *testing.T) {
			if got := StatusOf(d(row.due), today, 60); got != row.want {
				t.Errorf("StatusOf(%s) = %s, want %s", row.due, got, row.want)
			}
		})
	}
	met := Item{Standing: Met, DueOn: d("2020-01-01")}
	if got := met.StatusOn(today, 60); got != OK {
		t.Errorf("a met item long past its date is %s, want ok", got)
	}
	na := Item{Standing: NotApplicable}
	if got := na.StatusOn(today, 60); got != NotApplicableNow {
		t.Errorf("a not-applicable item is %s", got)
	}
}
