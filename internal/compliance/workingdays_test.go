package compliance

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/civil"
)

// govUKBankHolidays are gov.uk's published England and Wales bank holidays
// for whole years, copied from https://www.gov.uk/bank-holidays.
var govUKBankHolidays = map[int][]string{
	2020: {"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"},
	2022: {"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"},
	2023: {"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"},
	2025: {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"},
	2026: {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"},
	2027: {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"},
}

// TestBankHolidayMatchesGovUKForWholeYears proves every published holiday is
// found and no other day of those years is: a test that only checked the
// listed dates would pass a calendar that made every day a holiday.
func TestBankHolidayMatchesGovUKForWholeYears(t *testing.T) {
	t.Parallel()
	for year, list := range govUKBankHolidays {
		t.Run(strconv.Itoa(year), func(t *testing.T) {
			t.Parallel()
			want := make(map[civil.Date]bool, len(list))
			for _, s := range list {
				want[civil.MustParse(s)] = true
			}
			end := civil.New(year+1, time.January, 1)
			for d := civil.New(year, time.January, 1); d.Before(end); d = d.AddDays(1) {
				name, got := BankHoliday(d)
				switch {
				case want[d] && !got:
					t.Errorf("BankHoliday(%v) = false, want a bank holiday", d)
				case !want[d] && got:
					t.Errorf("BankHoliday(%v) = %q, want not a bank holiday", d, name)
				case got && name == "":
					t.Errorf("BankHoliday(%v) has no name", d)
				}
			}
		})
	}
}

// TestBankHolidayAppliesOneOffChanges proves the moved and extra holidays of
// years not in the whole-year table, and that the usual day stops being a
// holiday when one is moved.
func TestBankHolidayAppliesOneOffChanges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		on   string
		want bool
	}{
		{"Holiday1995EarlyMayOnVEDay", "1995-05-08", true},
		{"WorkingDay1995FirstMondayInMay", "1995-05-01", false},
		{"Holiday1999Millennium", "1999-12-31", true},
		{"Holiday1999ChristmasSubstitute", "1999-12-27", true},
		{"Holiday1999BoxingDaySubstitute", "1999-12-28", true},
		{"Holiday2002SpringOnTuesday", "2002-06-04", true},
		{"Holiday2002GoldenJubilee", "2002-06-03", true},
		{"WorkingDay2002LastMondayInMay", "2002-05-27", false},
		{"Holiday2011RoyalWedding", "2011-04-29", true},
		{"Holiday2012SpringOnJune4", "2012-06-04", true},
		{"Holiday2012DiamondJubilee", "2012-06-05", true},
		{"WorkingDay2012LastMondayInMay", "2012-05-28", false},
		{"WorkingDay2020FirstMondayInMay", "2020-05-04", false},
		{"WorkingDay2022LastMondayInMay", "2022-05-30", false},
		{"WorkingDay2024DayAfterCoronationAnniversary", "2024-05-08", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			name, got := BankHoliday(civil.MustParse(tt.on))
			if got != tt.want {
				t.Errorf("BankHoliday(%s) = %q, %v; want %v", tt.on, name, got, tt.want)
			}
		})
	}
}

// TestBankHolidayNamesTheDay proves the name says which holiday, including
// substitute days.
func TestBankHolidayNamesTheDay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		on, want string
	}{
		{"2026-04-03", "Good Friday"},
		{"2026-04-06", "Easter Monday"},
		{"2026-12-28", "Boxing Day (substitute day)"},
		{"2027-12-27", "Christmas Day (substitute day)"},
		{"2022-12-26", "Boxing Day"},
		{"2022-12-27", "Christmas Day (substitute day)"},
		{"2022-01-03", "New Year's Day (substitute day)"},
		{"2026-08-31", "Summer bank holiday"},
	}
	for _, tt := range tests {
		t.Run(tt.on, func(t *testing.T) {
			t.Parallel()
			if got, _ := BankHoliday(civil.MustParse(tt.on)); got != tt.want {
				t.Errorf("BankHoliday(%s) name = %q, want %q", tt.on, got, tt.want)
			}
		})
	}
}

// TestBankHolidayRulesGiveEightWeekdaysAYear proves, over a long run of
// years, that the rules never put a holiday at a weekend (every weekend case
// has a substitute) and give eight a year apart from the one-off years.
func TestBankHolidayRulesGiveEightWeekdaysAYear(t *testing.T) {
	t.Parallel()
	extra := map[int]int{1999: 1, 2002: 1, 2011: 1, 2012: 1, 2022: 2, 2023: 1}
	for year := 1980; year <= 2100; year++ {
		holidays := bankHolidaysIn(year)
		if want := 8 + extra[year]; len(holidays) != want {
			t.Errorf("%d has %d bank holidays, want %d: %v", year, len(holidays), want, holidays)
		}
		for d, name := range holidays {
			if d.Year() != year {
				t.Errorf("%s (%s) is listed under %d", d, name, year)
			}
			if wd := weekdayOf(d); wd == time.Saturday || wd == time.Sunday {
				t.Errorf("%s (%s) falls on a %s", d, name, wd)
			}
		}
	}
}

// TestEasterSundayMatchesPublishedDates proves the Easter computation on
// known dates, including the earliest (22 March) and latest (25 April)
// possible.
func TestEasterSundayMatchesPublishedDates(t *testing.T) {
	t.Parallel()
	for _, want := range []string{
		"1818-03-22", "1943-04-25", "1961-04-02", "2000-04-23", "2008-03-23",
		"2011-04-24", "2019-04-21", "2024-03-31", "2025-04-20", "2026-04-05",
		"2027-03-28", "2038-04-25", "2285-03-22",
	} {
		d := civil.MustParse(want)
		if got := easterSunday(d.Year()); got != d {
			t.Errorf("easterSunday(%d) = %v, want %v", d.Year(), got, d)
		}
	}
}

// TestIsWorkingDayExcludesWeekendsAndBankHolidays proves the three ways a
// day can fail to be a working day, and that moved holidays leave their
// usual day working.
func TestIsWorkingDayExcludesWeekendsAndBankHolidays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		on   string
		want bool
	}{
		{"WorkingOrdinaryWednesday", "2026-01-14", true},
		{"WorkingOrdinaryFriday", "2026-01-09", true},
		{"NotWorkingSaturday", "2026-01-10", false},
		{"NotWorkingSunday", "2026-01-11", false},
		{"NotWorkingGoodFriday", "2026-04-03", false},
		{"NotWorkingEasterMonday", "2026-04-06", false},
		{"NotWorkingBoxingDaySubstitute", "2026-12-28", false},
		{"NotWorkingBoxingDayOnSaturday", "2026-12-26", false},
		{"WorkingUsualEarlyMayIn2020", "2020-05-04", true},
		{"NotWorkingStateFuneral", "2022-09-19", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := IsWorkingDay(civil.MustParse(tt.on)); got != tt.want {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.on, got, tt.want)
			}
		})
	}
}

// TestAddWorkingDaysSkipsWeekendsAndBankHolidays checks working-day
// arithmetic by hand-counted examples. In April 2026, 3 April is Good Friday
// and 6 April Easter Monday; 25 December 2026 is a Friday (Boxing Day
// substitute Monday 28th) and 25 December 2027 a Saturday (substitutes
// Monday 27th and Tuesday 28th).
func TestAddWorkingDaysSkipsWeekendsAndBankHolidays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"ZeroReturnsWorkingDayItself", "2026-01-14", 0, "2026-01-14"},
		{"ZeroReturnsSaturdayItself", "2026-01-10", 0, "2026-01-10"},
		{"ZeroReturnsBankHolidayItself", "2026-04-03", 0, "2026-04-03"},
		{"ForwardWithinWeek", "2026-01-12", 3, "2026-01-15"},
		{"ForwardFridayToMonday", "2026-01-09", 1, "2026-01-12"},
		{"BackwardMondayToFriday", "2026-01-12", -1, "2026-01-09"},
		{"ForwardTwoWeeks", "2026-01-12", 10, "2026-01-26"},
		{"BackwardTwoWeeks", "2026-01-26", -10, "2026-01-12"},
		{"ForwardFromSaturdayIsMonday", "2026-01-10", 1, "2026-01-12"},
		{"ForwardFromSundayIsMonday", "2026-01-11", 1, "2026-01-12"},
		{"BackwardFromSaturdayIsFriday", "2026-01-10", -1, "2026-01-09"},
		{"BackwardFromSundayIsFriday", "2026-01-11", -1, "2026-01-09"},
		{"ForwardOverEaster", "2026-04-02", 1, "2026-04-07"},
		{"BackwardOverEaster", "2026-04-07", -1, "2026-04-02"},
		{"ForwardFromGoodFriday", "2026-04-03", 1, "2026-04-07"},
		{"BackwardFromEasterMonday", "2026-04-06", -1, "2026-04-02"},
		{"BackwardFromEasterSaturday", "2026-04-04", -1, "2026-04-02"},
		{"PanelPapersMondayAfterEaster", "2026-04-13", -5, "2026-04-02"},
		{"PanelPapersThursdayAfterEaster", "2026-04-09", -5, "2026-03-31"},
		{"PanelPapersTuesdayAfterEasterUnaffected", "2026-04-14", -5, "2026-04-07"},
		{"ADMDecisionOverEaster", "2026-04-02", 7, "2026-04-15"},
		{"ForwardOverChristmas2026", "2026-12-24", 1, "2026-12-29"},
		{"BackwardOverChristmas2026", "2026-12-29", -1, "2026-12-24"},
		{"ForwardOverNewYear2027", "2026-12-31", 1, "2027-01-04"},
		{"BackwardOverNewYear2027", "2027-01-04", -1, "2026-12-31"},
		{"ADMDecisionOverChristmasAndNewYear", "2026-12-21", 7, "2027-01-04"},
		{"ForwardOverChristmas2027Saturday", "2027-12-24", 1, "2027-12-29"},
		{"BackwardOverChristmas2027Saturday", "2027-12-29", -1, "2027-12-24"},
		{"ForwardOverChristmas2022Sunday", "2022-12-23", 1, "2022-12-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			from := civil.MustParse(tt.from)
			if got := AddWorkingDays(from, tt.n); got.String() != tt.want {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

// TestAddWorkingDaysRoundTripsFromWorkingDays proves that going n working
// days forward and n back returns to any starting working day, and that the
// result is always a working day, across several years of holidays.
func TestAddWorkingDaysRoundTripsFromWorkingDays(t *testing.T) {
	t.Parallel()
	end := civil.New(2028, time.January, 1)
	for d := civil.New(2019, time.December, 1); d.Before(end); d = d.AddDays(1) {
		for _, n := range []int{1, 5, 7, 20} {
			fwd := AddWorkingDays(d, n)
			back := AddWorkingDays(d, -n)
			if !IsWorkingDay(fwd) || !IsWorkingDay(back) {
				t.Fatalf("AddWorkingDays(%s, ±%d) = %s, %s: not both working days", d, n, fwd, back)
			}
			if !fwd.After(d) || !back.Before(d) {
				t.Fatalf("AddWorkingDays(%s, ±%d) = %s, %s: wrong direction", d, n, fwd, back)
			}
			if IsWorkingDay(d) {
				if got := AddWorkingDays(fwd, -n); got != d {
					t.Fatalf("AddWorkingDays(AddWorkingDays(%s, %d), %d) = %s", d, n, -n, got)
				}
			}
		}
	}
}

// TestBankHolidayIsSafeConcurrently proves the lazily filled year cache can
// be shared by a parallel recompute (run with -race to check).
func TestBankHolidayIsSafeConcurrently(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for year := 2090; year < 2110; year++ {
				d := civil.New(year, time.January, 1+g)
				_ = AddWorkingDays(d, 7)
			}
		}()
	}
	wg.Wait()
	if got := AddWorkingDays(civil.MustParse("2026-12-24"), 1); got.String() != "2026-12-29" {
		t.Errorf("after concurrent use, AddWorkingDays(2026-12-24, 1) = %s", got)
	}
}

// BenchmarkAddWorkingDays measures the per-household cost of the two
// working-day deadlines once the year is cached.
func BenchmarkAddWorkingDays(b *testing.B) {
	panel := civil.MustParse("2026-04-14")
	for b.Loop() {
		_ = AddWorkingDays(panel, -5)
		_ = AddWorkingDays(panel, 7)
	}
}
