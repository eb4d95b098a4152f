// Package civil holds Date, a calendar date with no time of day and no time
// zone. Approval dates, birthdays, training completions and review due dates
// are days on the calendar in England, not instants: storing them as
// timestamps invites "approved on 13 March" becoming 12 March after a
// time-zone conversion.
package civil

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// London is the fostering service's civil time zone: "today" is decided here.
var London = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// The tzdata package is embedded by cmd/hearth, so this only fails
		// in a build that dropped it; fall back rather than crash.
		return time.UTC
	}
	return loc
}

// Date is a day on the calendar. The zero Date means "not recorded".
type Date struct {
	year  int
	month time.Month
	day   int
}

// New returns the date year-month-day, normalised like time.Date (so 31 Feb
// becomes 3 Mar); use Parse to reject impossible dates instead.
func New(year int, month time.Month, day int) Date {
	return Of(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// Of returns the calendar date of t in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{year: y, month: m, day: d}
}

// Today returns today's date in London.
func Today(now time.Time) Date { return Of(now.In(London)) }

// Parse reads an ISO 8601 date (2025-03-14) and rejects dates that do not
// exist, such as 2025-02-31.
func Parse(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return Of(t), nil
}

// MustParse is Parse for literals in tests and fixed data; it panics on a bad
// literal, which is a programming error.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Year, Month and Day return the parts of the date.
func (d Date) Year() int { return d.year }

// Month returns the month of the date.
func (d Date) Month() time.Month { return d.month }

// Day returns the day of the month.
func (d Date) Day() int { return d.day }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight at the start of the date in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, loc)
}

// String formats the date as ISO 8601, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
}

// Long formats the date the way GOV.UK writes dates: 14 March 2025.
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.Time(time.UTC).Format("2 January 2006")
}

// Short formats the date the way a table writes it: 14 Mar 2025.
func (d Date) Short() string {
	if d.IsZero() {
		return ""
	}
	return d.Time(time.UTC).Format("2 Jan 2006")
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	return d.Time(time.UTC).Compare(e.Time(time.UTC))
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return Of(d.Time(time.UTC).AddDate(0, 0, n)) }

// DaysUntil returns the number of days from d to e (negative if e is
// earlier). It counts in Unix seconds rather than time.Duration, which
// saturates at about 292 years and would turn a mistyped birth year into a
// silently wrong answer.
func (d Date) DaysUntil(e Date) int {
	return int((e.Time(time.UTC).Unix() - d.Time(time.UTC).Unix()) / 86400)
}

// AddMonths returns the same day n months later, clamped to the end of a
// shorter month: 31 Jan + 1 month is 28 (or 29) Feb, never 3 Mar. A period
// of "not more than N months" must not overshoot into the next month.
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.year, d.month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return New(first.Year(), first.Month(), min(d.day, last))
}

// AddYears returns the same day n years later; 29 Feb becomes 28 Feb in a
// year without one (clamped, as AddMonths).
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// Scan reads a date from the database. SQLite hands back text or, for
// columns declared DATE, a time.Time; PostgreSQL a time.Time at midnight UTC.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = Of(v)
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	}
	return fmt.Errorf("civil.Date: cannot scan %T", src)
}

func (d *Date) scanText(s string) error {
	if len(s) < len(time.DateOnly) {
		return fmt.Errorf("civil.Date: cannot scan %q", s)
	}
	parsed, err := Parse(s[:len(time.DateOnly)])
	if err != nil {
		return fmt.Errorf("civil.Date: %w", err)
	}
	*d = parsed
	return nil
}

// Value writes the date as ISO 8601 text, which SQLite compares correctly as
// a string and PostgreSQL casts to its date type. The zero date is NULL, so
// a missing required date fails the NOT NULL constraint instead of being
// stored as year 1.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// MarshalText writes the date as ISO 8601 for JSON and forms.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads an ISO 8601 date; empty text is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	parsed, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// Earliest is whichever of d and e comes first.
func Earliest(d, e Date) Date {
	if e.Before(d) {
		return e
	}
	return d
}
