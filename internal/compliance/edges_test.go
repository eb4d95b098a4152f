package compliance

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/civil"
)

// TestStatusOnTheLondonCalendar: "today" is the civil date in
// Europe/London, so an item due on 30 Jun becomes overdue at midnight
// British Summer Time (23:00 UTC), and one due in January at midnight GMT.
func TestStatusOnTheLondonCalendar(t *testing.T) {
	if civil.London.String() != "Europe/London" {
		t.Fatalf("civil.London is %q: no time zone database, so today cannot be decided in London", civil.London)
	}
	for _, row := range []struct {
		name, due, now string
		want           Status
	}{
		{"SummerLastMinuteOfTheDueDate", "2026-06-30", "2026-06-30T22:59:59Z", DueSoon},
		{"SummerMidnightBSTIsOverdue", "2026-06-30", "2026-06-30T23:00:00Z", Overdue},
		{"WinterLastMinuteOfTheDueDate", "2026-01-15", "2026-01-15T23:59:59Z", DueSoon},
		{"WinterMidnightGMTIsOverdue", "2026-01-15", "2026-01-16T00:00:00Z", Overdue},
		{"ClocksGoForwardNight", "2026-03-28", "2026-03-29T00:30:00Z", Overdue},
		{"ClocksGoBackNight", "2026-10-24", "2026-10-24T23:30:00Z", Overdue},
		{"EarlyMorningBSTIsStillTheDayBefore", "2026-10-24", "2026-10-24T22:59:00Z", DueSoon},
	} {
		t.Run(row.name, func(t *testing.T) {
			now, err := time.Parse(time.RFC3339, row.now)
			if err != nil {
				t.Fatal(err)
			}
			it := Item{Kind: FirstReview, DueOn: d(row.due)}
			if got := it.StatusOn(civil.Today(now), 60); got != row.want {
				t.Errorf("at %s (London %s) an item due %s is %s, want %s", row.now, civil.Today(now), row.due, got, row.want)
			}
		})
	}
}

// TestStatusWarningWindow: due on today is due soon, never overdue, for any
// window; the window's last day is due soon and the day after it ok.
func TestStatusWarningWindow(t *testing.T) {
	today := d("2026-02-28")
	for _, row := range []struct {
		name   string
		due    string
		window int
		want   Status
	}{
		{"NoWindowDueTodayIsDueSoon", "2026-02-28", 0, DueSoon},
		{"NoWindowDueTomorrowIsOK", "2026-03-01", 0, OK},
		{"NoWindowDueYesterdayIsOverdue", "2026-02-27", 0, Overdue},
		{"SixtyDaysLastDayOfWindow", "2026-04-29", 60, DueSoon},
		{"SixtyDaysDayAfterWindow", "2026-04-30", 60, OK},
		{"NinetyDaysLastDayOfWindow", "2026-05-29", 90, DueSoon},
		{"NinetyDaysDayAfterWindow", "2026-05-30", 90, OK},
		{"LongOverdue", "2016-02-29", 60, Overdue},
	} {
		t.Run(row.name, func(t *testing.T) {
			if got := StatusOf(d(row.due), today, row.window); got != row.want {
				t.Errorf("StatusOf(%s, %s, %d) = %s, want %s", row.due, today, row.window, got, row.want)
			}
		})
	}
	for window := range 400 {
		if got := StatusOf(today, today, window); got != DueSoon {
			t.Fatalf("due today with a %d-day window is %s, want due_soon", window, got)
		}
	}
}

// TestPapersCountAgreesWithTheDeadline: for every panel day (working or
// not) and every day papers might be sent in the month before it, the
// reason's count of working days says "late" exactly when the papers went
// after the deadline — fewer than 5 working days before the panel.
func TestPapersCountAgreesWithTheDeadline(t *testing.T) {
	end := d("2028-01-31")
	for meets := d("2025-12-01"); meets.Before(end); meets = meets.AddDays(1) {
		deadline := AddWorkingDays(meets, -5)
		for sent := meets.AddDays(-30); !sent.After(meets); sent = sent.AddDays(1) {
			n := workingDaysBefore(sent, meets)
			if late := sent.After(deadline); late != (n < 5) {
				t.Fatalf("panel %s, papers sent %s: %d working days before, but late=%v (deadline %s)", meets, sent, n, late, deadline)
			}
		}
	}
}

// busyHousehold has something for every rule to read.
func busyHousehold(status string) Household {
	h := approvedHousehold("2024-02-29")
	h.Status = status
	h.Categories = []string{"short_term", "parent_and_child"}
	h.ResignationReceivedOn = d("2026-11-20")
	h.Carers = []Carer{
		{ID: 10, Name: "Siân Jones", Health: []Health{{AssessedOn: d("2024-02-01"), Outcome: "fit"}},
			DBS: []DBS{{IssuedOn: d("2024-02-10"), Outcome: "clear"}}, Training: []TrainingRecord{{CourseID: 1, CompletedOn: d("2024-09-30")}}},
		{ID: 11, Name: "Łukasz Nowak", ConnectedPerson: true},
	}
	h.Members = []Member{{ID: 20, Name: "Ngozi Àdìgún", DateOfBirth: d("2008-02-29")}, {ID: 21, Name: "Zoë Ward"}}
	h.Visits = []Visit{{Kind: "supervisory", VisitedOn: d("2026-10-01")}, {Kind: "unannounced", VisitedOn: d("2025-06-01")}}
	h.Reviews = []Review{
		heldReview(4, "first", "2025-02-20"),
		{ID: 5, Kind: "annual", Status: "awaiting_panel", MeetingOn: d("2026-02-10"),
			PanelItems: []PanelItem{{ID: 7, PanelName: "March panel", MeetsOn: d("2026-03-10"), RecommendedOn: d("2026-03-10")}}},
		{ID: 6, Kind: "post_allegation", Status: "scheduled", DueOn: d("2026-12-31"), AllegationConcludedOn: d("2026-10-01"),
			PanelItems: []PanelItem{{ID: 8, PanelName: "December panel", MeetsOn: d("2026-12-08")}}},
		{ID: 9, Kind: "change_of_circumstances", Status: "decided", MeetingOn: d("2025-09-01"), DecidedOn: d("2025-09-20"), Outcome: "terms_revised", NoticeSentOn: d("2025-09-22")},
	}
	return h
}

// TestHoldAndSuspensionPauseNothing: a household on hold or suspended has
// exactly the items, dates and standings of an approved one; only the
// review reasons add that hold does not pause them.
func TestHoldAndSuspensionPauseNothing(t *testing.T) {
	p := DefaultPolicy()
	p.Courses = testCourses()
	approved := Assess(busyHousehold("approved"), p)
	if len(OpenItems(approved)) < 15 {
		t.Fatalf("the busy household should have an item for most rules, got %d open: %+v", len(OpenItems(approved)), approved)
	}
	for status, note := range map[string]string{
		"on_hold":   "; the household is on hold, which does not pause reviews",
		"suspended": "; the household is suspended, which does not pause reviews",
	} {
		t.Run(status, func(t *testing.T) {
			got := Assess(busyHousehold(status), p)
			if len(got) != len(approved) {
				t.Fatalf("%d items, want %d as when approved", len(got), len(approved))
			}
			for i, it := range got {
				want := approved[i]
				if it.Kind == AnnualReview || it.Kind == FirstReview {
					if !strings.Contains(it.Reason, note) {
						t.Errorf("%s reason %q lacks %q", it.Kind, it.Reason, note)
					}
					it.Reason = strings.Replace(it.Reason, note, "", 1)
				}
				if !reflect.DeepEqual(it, want) {
					t.Errorf("item %d\n got %+v\nwant %+v", i, it, want)
				}
			}
		})
	}
}

// TestCarerDateOfBirthChangesNothing: no rule reads a carer's age, so a
// carer whose date of birth is not recorded gets the same items as one
// whose date of birth is.
func TestCarerDateOfBirthChangesNothing(t *testing.T) {
	p := DefaultPolicy()
	p.Courses = testCourses()
	without := busyHousehold("approved")
	with := busyHousehold("approved")
	with.Carers[0].DateOfBirth = d("1980-02-29")
	with.Carers[1].DateOfBirth = d("2006-01-01")
	if got, want := Assess(without, p), Assess(with, p); !reflect.DeepEqual(got, want) {
		t.Errorf("items differ with no date of birth\n got %+v\nwant %+v", got, want)
	}
	for _, it := range Assess(without, p) {
		if it.Subject.Kind == ForCarer && it.Standing == NotApplicable && strings.Contains(it.Reason, "not recorded") {
			t.Errorf("carer item left undated for want of a date of birth: %+v", it)
		}
	}
}

// TestUnknownApprovalDateDatesNothingFromIt: an approved household whose
// approval date was never recorded gets a not-applicable item naming the
// gap for every clock that starts at approval, never a guessed date; items
// with their own starting date (a member's 18th birthday) are still dated.
func TestUnknownApprovalDateDatesNothingFromIt(t *testing.T) {
	p := DefaultPolicy()
	p.Courses = testCourses()
	h := approvedHousehold("2024-02-29")
	h.ApprovedOn = civilZero
	h.Members = []Member{{ID: 20, Name: "Ngozi Àdìgún", DateOfBirth: d("2008-02-29")}, {ID: 21, Name: "Zoë Ward"}}
	items := Assess(h, p)
	undated := map[Kind]int{}
	for _, it := range items {
		switch {
		case it.Subject.Kind == ForMember && it.Subject.ID == 20:
			if it.Standing != Open || it.DueOn.String() != "2026-03-01" {
				t.Errorf("member with a date of birth: %+v, want open, due 2026-03-01", it)
			}
		case it.Standing == NotApplicable && strings.HasPrefix(it.Reason, "The date of approval is not recorded"):
			if !it.DueOn.IsZero() {
				t.Errorf("undated item has a date: %+v", it)
			}
			undated[it.Kind]++
		case it.Kind == Training && it.Standing == NotApplicable:
			// the parent-and-child course does not apply to short-term carers
		default:
			t.Errorf("unexpected item without an approval date: %+v", it)
		}
	}
	want := map[Kind]int{FirstReview: 1, UnannouncedVisit: 1, SupervisoryVisit: 1, HealthAssessment: 1, DBSCheck: 2, TSDStandards: 1, Training: 2}
	if !reflect.DeepEqual(undated, want) {
		t.Errorf("undated items by kind %v, want %v", undated, want)
	}
}
