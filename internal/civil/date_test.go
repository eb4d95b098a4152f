package civil_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/civil"
)

// date is MustParse with a test-friendly failure instead of a panic.
func date(t *testing.T, s string) civil.Date {
	t.Helper()
	d, err := civil.Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return d
}

// wantDate fails the test unless got has exactly the given parts.
func wantDate(t *testing.T, got civil.Date, year int, month time.Month, day int) {
	t.Helper()
	if got.Year() != year || got.Month() != month || got.Day() != day {
		t.Errorf("got %04d-%02d-%02d, want %04d-%02d-%02d",
			got.Year(), int(got.Month()), got.Day(), year, int(month), day)
	}
}

// TestParse proves Parse accepts ISO 8601 dates and rejects impossible or
// differently formatted ones.
func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		wantErr bool
		year    int
		month   time.Month
		day     int
	}{
		{name: "OK", in: "2025-03-14", year: 2025, month: time.March, day: 14},
		{name: "OKLeapDay", in: "2024-02-29", year: 2024, month: time.February, day: 29},
		{name: "ErrImpossibleDate", in: "2025-02-31", wantErr: true},
		{name: "ErrNotLeapYear", in: "2025-02-29", wantErr: true},
		{name: "ErrImpossibleMonth", in: "2025-13-01", wantErr: true},
		{name: "ErrBritishFormat", in: "14/03/2025", wantErr: true},
		{name: "ErrEmpty", in: "", wantErr: true},
		{name: "ErrTrailingTime", in: "2025-03-14T00:00:00Z", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := civil.Parse(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Parse(%q) = %v, want an error", tt.in, got)
				}
				if !strings.Contains(err.Error(), "YYYY-MM-DD") {
					t.Errorf("Parse(%q) error %q does not say the expected form", tt.in, err)
				}
				if !got.IsZero() {
					t.Errorf("Parse(%q) returned %v with its error, want the zero date", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			wantDate(t, got, tt.year, tt.month, tt.day)
		})
	}
}

// TestMustParsePanics proves MustParse panics on a bad literal rather than
// returning the zero date.
func TestMustParsePanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("MustParse(\"2025-02-31\") did not panic")
		}
	}()
	civil.MustParse("2025-02-31")
}

// TestNew proves New normalises out-of-range days like time.Date.
func TestNew(t *testing.T) {
	t.Parallel()
	wantDate(t, civil.New(2025, time.February, 31), 2025, time.March, 3)
	wantDate(t, civil.New(2025, time.March, 14), 2025, time.March, 14)
}

// TestAddMonths proves AddMonths moves by calendar months and clamps to the
// end of a shorter month instead of overshooting into the next.
func TestAddMonths(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{name: "OKSameDay", from: "2025-03-14", n: 1, want: "2025-04-14"},
		{name: "OKZero", from: "2025-03-14", n: 0, want: "2025-03-14"},
		{name: "ClampedToFebruary", from: "2025-01-31", n: 1, want: "2025-02-28"},
		{name: "ClampedToLeapDay", from: "2024-01-31", n: 1, want: "2024-02-29"},
		{name: "ClampedBackwards", from: "2025-03-31", n: -1, want: "2025-02-28"},
		{name: "ClampedTo30th", from: "2025-08-31", n: 1, want: "2025-09-30"},
		{name: "OKAcrossYearEnd", from: "2025-11-30", n: 3, want: "2026-02-28"},
		{name: "OKBackAcrossYearEnd", from: "2025-01-15", n: -1, want: "2024-12-15"},
		{name: "OKSixMonths", from: "2025-08-31", n: 6, want: "2026-02-28"},
		{name: "OKManyMonths", from: "2025-03-14", n: 25, want: "2027-04-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := date(t, tt.from).AddMonths(tt.n).String(); got != tt.want {
				t.Errorf("%s.AddMonths(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

// TestAddYears proves AddYears keeps the day and turns 29 February into
// 28 February in a year without one.
func TestAddYears(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{name: "OK", from: "2025-03-14", n: 3, want: "2028-03-14"},
		{name: "ClampedLeapDay", from: "2024-02-29", n: 1, want: "2025-02-28"},
		{name: "OKLeapToLeap", from: "2024-02-29", n: 4, want: "2028-02-29"},
		{name: "ClampedBackwards", from: "2024-02-29", n: -1, want: "2023-02-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := date(t, tt.from).AddYears(tt.n).String(); got != tt.want {
				t.Errorf("%s.AddYears(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

// TestAddDays proves AddDays crosses month, leap-day and year boundaries in
// both directions.
func TestAddDays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{name: "OKZero", from: "2025-03-14", n: 0, want: "2025-03-14"},
		{name: "OKAcrossMonthEnd", from: "2025-01-31", n: 1, want: "2025-02-01"},
		{name: "OKAcrossLeapDay", from: "2024-02-28", n: 2, want: "2024-03-01"},
		{name: "OKNoLeapDay", from: "2025-02-28", n: 1, want: "2025-03-01"},
		{name: "OKAcrossYearEnd", from: "2025-12-31", n: 1, want: "2026-01-01"},
		{name: "OKBackAcrossYearEnd", from: "2026-01-01", n: -1, want: "2025-12-31"},
		{name: "OKAcrossDSTStart", from: "2025-03-29", n: 2, want: "2025-03-31"},
		{name: "OKAcrossDSTEnd", from: "2025-10-25", n: 2, want: "2025-10-27"},
		{name: "OKYear", from: "2025-03-14", n: 365, want: "2026-03-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := date(t, tt.from).AddDays(tt.n).String(); got != tt.want {
				t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

// TestDaysUntil proves DaysUntil counts whole calendar days, signed, and is
// not thrown off by London's clock changes.
func TestDaysUntil(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{name: "Same", from: "2025-03-14", to: "2025-03-14", want: 0},
		{name: "Positive", from: "2025-03-14", to: "2025-03-21", want: 7},
		{name: "Negative", from: "2025-03-21", to: "2025-03-14", want: -7},
		{name: "AcrossDSTStart", from: "2025-03-29", to: "2025-03-31", want: 2},
		{name: "AcrossDSTEnd", from: "2025-10-25", to: "2025-10-27", want: 2},
		{name: "LeapYear", from: "2024-01-01", to: "2025-01-01", want: 366},
		{name: "CommonYear", from: "2025-01-01", to: "2026-01-01", want: 365},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := date(t, tt.from).DaysUntil(date(t, tt.to)); got != tt.want {
				t.Errorf("%s.DaysUntil(%s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// TestDaysUntilLongSpan proves DaysUntil stays exact over spans longer than
// time.Duration can hold (about 292 years), such as a mistyped birth year.
func TestDaysUntilLongSpan(t *testing.T) {
	t.Parallel()
	from, to := date(t, "1700-01-01"), date(t, "2025-01-01")
	if got := from.DaysUntil(to); got != 118704 {
		t.Errorf("%s.DaysUntil(%s) = %d, want 118704", from, to, got)
	}
	if got := to.DaysUntil(from); got != -118704 {
		t.Errorf("%s.DaysUntil(%s) = %d, want -118704", to, from, got)
	}
}

// TestCompare proves Compare, Before and After order dates by year, then
// month, then day.
func TestCompare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		d, e   string
		want   int
		before bool
		after  bool
	}{
		{name: "Equal", d: "2025-03-14", e: "2025-03-14", want: 0},
		{name: "EarlierDay", d: "2025-03-13", e: "2025-03-14", want: -1, before: true},
		{name: "LaterDay", d: "2025-03-15", e: "2025-03-14", want: 1, after: true},
		{name: "EarlierMonthLaterDay", d: "2025-02-28", e: "2025-03-01", want: -1, before: true},
		{name: "LaterYearEarlierMonth", d: "2026-01-01", e: "2025-12-31", want: 1, after: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, e := date(t, tt.d), date(t, tt.e)
			if got := d.Compare(e); got != tt.want {
				t.Errorf("%s.Compare(%s) = %d, want %d", d, e, got, tt.want)
			}
			if got := e.Compare(d); got != -tt.want {
				t.Errorf("%s.Compare(%s) = %d, want %d", e, d, got, -tt.want)
			}
			if got := d.Before(e); got != tt.before {
				t.Errorf("%s.Before(%s) = %t, want %t", d, e, got, tt.before)
			}
			if got := d.After(e); got != tt.after {
				t.Errorf("%s.After(%s) = %t, want %t", d, e, got, tt.after)
			}
		})
	}
}

// TestIsZero proves only the unset Date is zero, not a parsed or 1 January 1.
func TestIsZero(t *testing.T) {
	t.Parallel()
	if !(civil.Date{}).IsZero() {
		t.Error("Date{}.IsZero() = false, want true")
	}
	if date(t, "2025-03-14").IsZero() {
		t.Error("2025-03-14 IsZero() = true, want false")
	}
	if date(t, "0001-01-01").IsZero() {
		t.Error("0001-01-01 IsZero() = true, want false")
	}
}

// TestFormat proves String gives ISO 8601, Long gives the GOV.UK style, and
// both give "" for the zero date.
func TestFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		d    civil.Date
		str  string
		long string
	}{
		{name: "OK", d: civil.New(2025, time.March, 14), str: "2025-03-14", long: "14 March 2025"},
		{name: "OKSingleDigits", d: civil.New(2025, time.June, 1), str: "2025-06-01", long: "1 June 2025"},
		{name: "OKSmallYear", d: civil.New(987, time.December, 25), str: "0987-12-25", long: "25 December 0987"},
		{name: "Zero", d: civil.Date{}, str: "", long: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.d.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			if got := tt.d.Long(); got != tt.long {
				t.Errorf("Long() = %q, want %q", got, tt.long)
			}
		})
	}
}

// TestLondon proves the civil time zone really is Europe/London and has not
// silently fallen back to UTC for want of zoneinfo.
func TestLondon(t *testing.T) {
	t.Parallel()
	if got := civil.London.String(); got != "Europe/London" {
		t.Fatalf("London = %q, want Europe/London (zoneinfo missing?)", got)
	}
}

// TestToday proves Today decides the date in London, including during
// British Summer Time.
func TestToday(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		now  string
		want string
	}{
		{name: "BSTNextDay", now: "2025-06-30T23:30:00Z", want: "2025-07-01"},
		{name: "GMTSameDay", now: "2025-12-31T23:30:00Z", want: "2025-12-31"},
		{name: "BSTSameDay", now: "2025-06-30T22:59:59Z", want: "2025-06-30"},
		{name: "OtherZoneIgnored", now: "2025-07-01T06:00:00+09:00", want: "2025-06-30"},
		{name: "BSTStartsAtOneGMT", now: "2025-03-30T00:30:00Z", want: "2025-03-30"},
		{name: "GMTAfterBSTEnds", now: "2025-10-26T23:30:00Z", want: "2025-10-26"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			now, err := time.Parse(time.RFC3339, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			if got := civil.Today(now).String(); got != tt.want {
				t.Errorf("Today(%s) = %s, want %s", tt.now, got, tt.want)
			}
		})
	}
}

// TestOf proves Of takes the date in the time's own location, not in UTC.
func TestOf(t *testing.T) {
	t.Parallel()
	tokyo := time.FixedZone("JST", 9*60*60)
	wantDate(t, civil.Of(time.Date(2025, time.March, 14, 1, 0, 0, 0, tokyo)), 2025, time.March, 14)
}

// TestTime proves Time returns midnight at the start of the date in the
// given location.
func TestTime(t *testing.T) {
	t.Parallel()
	got := date(t, "2025-06-30").Time(civil.London)
	want := time.Date(2025, time.June, 29, 23, 0, 0, 0, time.UTC)
	if !got.Equal(want) {
		t.Errorf("Time(London) = %v, want %v", got, want)
	}
}

// TestScan proves Scan reads what SQLite and PostgreSQL return and rejects
// anything else.
func TestScan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		src     any
		want    string
		wantErr string
	}{
		{name: "OKNil", src: nil, want: ""},
		{name: "OKTime", src: time.Date(2025, time.March, 14, 0, 0, 0, 0, time.UTC), want: "2025-03-14"},
		{name: "OKTimeInOwnZone", src: time.Date(2025, time.March, 14, 0, 30, 0, 0, time.FixedZone("BST", 3600)), want: "2025-03-14"},
		{name: "OKString", src: "2025-03-14", want: "2025-03-14"},
		{name: "OKStringTimestamp", src: "2025-03-14 00:00:00+00:00", want: "2025-03-14"},
		{name: "OKBytes", src: []byte("2025-03-14"), want: "2025-03-14"},
		{name: "ErrInt", src: 20250314, wantErr: "cannot scan int"},
		{name: "ErrGarbage", src: "garbage", wantErr: `cannot scan "garbage"`},
		{name: "ErrGarbageLong", src: "not a date at all", wantErr: "YYYY-MM-DD"},
		{name: "ErrImpossibleDate", src: "2025-02-31", wantErr: "YYYY-MM-DD"},
		{name: "ErrBytesGarbage", src: []byte("garbage"), wantErr: `cannot scan "garbage"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// Start from a non-zero date so that a nil scan must clear it.
			d := civil.New(1999, time.January, 2)
			err := d.Scan(tt.src)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("Scan(%#v) = %v, want an error", tt.src, d)
				}
				if !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "civil.Date: ") {
					t.Errorf("Scan(%#v) error %q, want civil.Date: …%s…", tt.src, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Scan(%#v): %v", tt.src, err)
			}
			if got := d.String(); got != tt.want {
				t.Errorf("Scan(%#v) = %q, want %q", tt.src, got, tt.want)
			}
			if tt.want == "" && !d.IsZero() {
				t.Errorf("Scan(%#v) left %v, want the zero date", tt.src, d)
			}
		})
	}
}

// TestValue proves Value stores the zero date as NULL and others as ISO text.
func TestValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		d    civil.Date
		want any
	}{
		{name: "NULL", d: civil.Date{}, want: nil},
		{name: "OK", d: civil.New(2025, time.March, 14), want: "2025-03-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.d.Value()
			if err != nil {
				t.Fatalf("Value(): %v", err)
			}
			if got != tt.want {
				t.Errorf("Value() = %#v, want %#v", got, tt.want)
			}
		})
	}
}

// TestValueScanRoundTrip proves a date written by Value scans back unchanged.
func TestValueScanRoundTrip(t *testing.T) {
	t.Parallel()
	for _, want := range []civil.Date{{}, civil.New(2024, time.February, 29)} {
		v, err := want.Value()
		if err != nil {
			t.Fatalf("Value(): %v", err)
		}
		var got civil.Date
		if err := got.Scan(v); err != nil {
			t.Fatalf("Scan(%#v): %v", v, err)
		}
		if got != want {
			t.Errorf("round trip of %q gave %q", want, got)
		}
	}
}

// TestText proves MarshalText and UnmarshalText round-trip dates, treat
// empty text as the zero date and reject bad dates.
func TestText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		d       civil.Date
		text    string
		wantErr bool
	}{
		{name: "OK", d: civil.New(2025, time.March, 14), text: "2025-03-14"},
		{name: "OKLeapDay", d: civil.New(2024, time.February, 29), text: "2024-02-29"},
		{name: "Zero", d: civil.Date{}, text: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := tt.d.MarshalText()
			if err != nil {
				t.Fatalf("MarshalText(): %v", err)
			}
			if !bytes.Equal(b, []byte(tt.text)) {
				t.Errorf("MarshalText() = %q, want %q", b, tt.text)
			}
			got := civil.New(1999, time.January, 2)
			if err := got.UnmarshalText(b); err != nil {
				t.Fatalf("UnmarshalText(%q): %v", b, err)
			}
			if got != tt.d {
				t.Errorf("UnmarshalText(%q) = %q, want %q", b, got, tt.d)
			}
		})
	}

	errTests := []struct {
		name string
		text string
	}{
		{name: "ErrImpossibleDate", text: "2025-02-31"},
		{name: "ErrBritishFormat", text: "14/03/2025"},
		{name: "ErrWhitespace", text: " "},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			before := civil.New(1999, time.January, 2)
			got := before
			if err := got.UnmarshalText([]byte(tt.text)); err == nil {
				t.Fatalf("UnmarshalText(%q) = %v, want an error", tt.text, got)
			}
			if got != before {
				t.Errorf("failed UnmarshalText(%q) changed the date to %q", tt.text, got)
			}
		})
	}
}
