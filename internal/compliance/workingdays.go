package compliance

import (
	"sync"
	"time"

	"github.com/hearth-registry/hearth/internal/civil"
)

// Working days and bank holidays in England and Wales.
//
// Several deadlines are counted in working days rather than calendar days:
// panel papers must reach panel members at least 5 working days before the
// meeting (NMS 14), and the agency decision maker decides within 7 working
// days of the panel's recommendation. Counting a bank holiday as a working
// day would make those due dates a day or more too late, so the service's
// own calendar is computed here, by rule, for any year.
//
// The rules are the ones in force since the early May bank holiday began in
// 1978, plus every one-off change since 1995 that gov.uk publishes. Dates
// before 1978 follow the same rules, which is not history but does not matter
// for a fostering register: no deadline falls that far back.

// BankHoliday reports whether d is a bank holiday in England and Wales, and
// its name as gov.uk gives it. Substitute days (when a holiday falls at a
// weekend) count, because the office is closed on them; the weekend day
// itself is not reported, since it is not a working day anyway.
func BankHoliday(d civil.Date) (name string, ok bool) {
	name, ok = bankHolidaysIn(d.Year())[d]
	return name, ok
}

// IsWorkingDay reports whether d is Monday to Friday and not a bank holiday
// in England and Wales: the days on which the fostering service's working-day
// deadlines run.
func IsWorkingDay(d civil.Date) bool {
	switch weekdayOf(d) {
	case time.Saturday, time.Sunday:
		return false
	}
	_, holiday := BankHoliday(d)
	return !holiday
}

// AddWorkingDays returns, for n > 0, the nth working day after d and, for
// n < 0, the |n|th working day before d; n == 0 returns d unchanged, even if
// d is not a working day, because "zero working days" moves nothing. d itself
// is never counted, so AddWorkingDays of a Saturday by 1 is the Monday.
//
// Panel papers are due by AddWorkingDays(panelDate, -5) (NMS 14: at least 5
// working days before panel) and the ADM decision by
// AddWorkingDays(recommendedOn, 7) (within 7 working days of the
// recommendation). It is called for every household in a full recompute, so
// each year's holidays are computed once and cached.
func AddWorkingDays(d civil.Date, n int) civil.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// bankHolidayCache maps a year to its holidays (map[civil.Date]string). The
// maps are never written after they are stored, so concurrent readers are
// safe; two goroutines racing to compute the same year both get an equal
// answer and LoadOrStore keeps one.
var bankHolidayCache sync.Map

// bankHolidaysIn returns the bank holidays in year, computing them once.
func bankHolidaysIn(year int) map[civil.Date]string {
	if m, ok := bankHolidayCache.Load(year); ok {
		return m.(map[civil.Date]string)
	}
	m, _ := bankHolidayCache.LoadOrStore(year, computeBankHolidays(year))
	return m.(map[civil.Date]string)
}

// earlyMayMoved and springMoved are the years a regular bank holiday was
// moved to another day by royal proclamation; the usual Monday was then an
// ordinary working day.
var (
	earlyMayMoved = map[int]civil.Date{
		1995: civil.New(1995, time.May, 8), // VE Day 50th anniversary
		2020: civil.New(2020, time.May, 8), // VE Day 75th anniversary
	}
	springMoved = map[int]civil.Date{
		2002: civil.New(2002, time.June, 4), // Golden Jubilee
		2012: civil.New(2012, time.June, 4), // Diamond Jubilee
		2022: civil.New(2022, time.June, 2), // Platinum Jubilee
	}
)

// extraBankHolidays are one-off bank holidays added on top of the regular
// ones.
var extraBankHolidays = []struct {
	on   civil.Date
	name string
}{
	{civil.New(1999, time.December, 31), "Millennium celebrations"},
	{civil.New(2002, time.June, 3), "Queen's Golden Jubilee"},
	{civil.New(2011, time.April, 29), "Royal wedding"},
	{civil.New(2012, time.June, 5), "Queen's Diamond Jubilee"},
	{civil.New(2022, time.June, 3), "Platinum Jubilee bank holiday"},
	{civil.New(2022, time.September, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II"},
	{civil.New(2023, time.May, 8), "Bank holiday for the coronation of King Charles III"},
}

// computeBankHolidays works out year's bank holidays in England and Wales
// from the rules and the one-off changes above.
func computeBankHolidays(year int) map[civil.Date]string {
	h := make(map[civil.Date]string, 10)

	// New Year's Day, or the Monday after it if it falls at a weekend.
	newYear := civil.New(year, time.January, 1)
	switch weekdayOf(newYear) {
	case time.Saturday:
		h[newYear.AddDays(2)] = "New Year's Day (substitute day)"
	case time.Sunday:
		h[newYear.AddDays(1)] = "New Year's Day (substitute day)"
	default:
		h[newYear] = "New Year's Day"
	}

	easter := easterSunday(year)
	h[easter.AddDays(-2)] = "Good Friday"
	h[easter.AddDays(1)] = "Easter Monday"

	earlyMay := firstMonday(year, time.May)
	if moved, ok := earlyMayMoved[year]; ok {
		earlyMay = moved
	}
	h[earlyMay] = "Early May bank holiday"

	spring := lastMonday(year, time.May)
	if moved, ok := springMoved[year]; ok {
		spring = moved
	}
	h[spring] = "Spring bank holiday"

	h[lastMonday(year, time.August)] = "Summer bank holiday"

	// Christmas Day and Boxing Day. When either falls at a weekend the
	// substitute is the next weekday not already a holiday.
	christmas := civil.New(year, time.December, 25)
	switch weekdayOf(christmas) {
	case time.Friday: // Boxing Day is Saturday
		h[christmas] = "Christmas Day"
		h[christmas.AddDays(3)] = "Boxing Day (substitute day)"
	case time.Saturday:
		h[christmas.AddDays(2)] = "Christmas Day (substitute day)"
		h[christmas.AddDays(3)] = "Boxing Day (substitute day)"
	case time.Sunday: // Boxing Day is Monday
		h[christmas.AddDays(1)] = "Boxing Day"
		h[christmas.AddDays(2)] = "Christmas Day (substitute day)"
	default:
		h[christmas] = "Christmas Day"
		h[christmas.AddDays(1)] = "Boxing Day"
	}

	for _, x := range extraBankHolidays {
		if x.on.Year() == year {
			h[x.on] = x.name
		}
	}
	return h
}

// easterSunday returns Western (Gregorian) Easter Sunday in year, by the
// anonymous Gregorian algorithm (Meeus/Jones/Butcher).
func easterSunday(year int) civil.Date {
	a := year % 19
	b := year / 100
	c := year % 100
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return civil.New(year, time.Month(month), day)
}

// firstMonday returns the first Monday in month.
func firstMonday(year int, month time.Month) civil.Date {
	first := civil.New(year, month, 1)
	return first.AddDays((int(time.Monday) - int(weekdayOf(first)) + 7) % 7)
}

// lastMonday returns the last Monday in month.
func lastMonday(year int, month time.Month) civil.Date {
	last := civil.New(year, month+1, 0) // day 0 normalises to the month's last day
	return last.AddDays(-((int(weekdayOf(last)) - int(time.Monday) + 7) % 7))
}

// weekdayOf returns the day of the week of d.
func weekdayOf(d civil.Date) time.Weekday { return d.Time(time.UTC).Weekday() }
