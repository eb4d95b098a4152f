package compliance

import (
	"fmt"
	"time"

	"github.com/hearth-registry/hearth/internal/civil"
)

// on writes a date the way the reasons quote it: 14 Mar 2025.
func on(d civil.Date) string {
	if d.IsZero() {
		return "an unrecorded date"
	}
	return d.Time(time.UTC).Format("2 Jan 2006")
}

// yearAfter is the last day of "not more than 1 year" from d: its
// anniversary, or 28 Feb when d is 29 Feb and the next year has none. The
// earlier day is the safe reading; 1 Mar would be a day late.
func yearAfter(d civil.Date) civil.Date { return d.AddYears(1) }

// leapNote explains a clamped anniversary so nobody thinks it a mistake.
func leapNote(from, due civil.Date) string {
	if from.Month() == time.February && from.Day() == 29 && due.Day() != 29 {
		return fmt.Sprintf(" (%d has no 29 Feb, so the last day is %s)", due.Year(), on(due))
	}
	return ""
}

// eighteenth is the day a person born on dob turns 18. English law counts a
// birthday of 29 Feb as reached on 1 Mar in other years (Family Law Reform
// Act 1969, s 9), so that is when the DBS check falls due.
func eighteenth(dob civil.Date) civil.Date {
	if dob.Month() == time.February && dob.Day() == 29 {
		if d := dob.AddYears(18); d.Day() != 29 {
			return d.AddDays(1)
		}
	}
	return dob.AddYears(18)
}

// latest is the later of two dates, ignoring unknown ones.
func latest(a, b civil.Date) civil.Date {
	if a.IsZero() || b.After(a) {
		return b
	}
	return a
}

// workingDaysBefore counts the working days from sent up to the day before
// the meeting: papers sent on the 5th working day before a panel count 5,
// the same count AddWorkingDays(meeting, -5) uses for the deadline. (Counting
// the days after sent up to and including the meeting instead told a reader
// "5 working days before the panel: late" for papers sent on the Sunday
// after the deadline, and "4" for papers sent on time to a Saturday panel.)
func workingDaysBefore(sent, meeting civil.Date) int {
	n := 0
	for d := sent; d.Before(meeting); d = d.AddDays(1) {
		if IsWorkingDay(d) {
			n++
		}
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
