package compliance

import "testing"

func TestTraining(t *testing.T) {
	h := approvedHousehold("2024-11-30")
	completed := func(records ...TrainingRecord) Household {
		return with(h, func(h *Household) { h.Carers = []Carer{{ID: 10, Name: "Zoë Ward", Training: records}} })
	}
	run(t, []scenario{
		{name: "RefreshedFromTheLastCompletion", h: completed(TrainingRecord{CourseID: 1, CompletedOn: d("2020-01-01")}, TrainingRecord{CourseID: 1, CompletedOn: d("2023-11-30")}),
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2026-11-30",
				reason: "Refreshed every 36 months; last completed on 30 Nov 2023 — service policy"}},
		{name: "NeverTakenDueWithinAYearOfApproval", h: h,
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2025-11-30",
				reason: "Not yet completed: mandatory courses are due within 12 months of approval on 30 Nov 2024 — service policy"}},
		{name: "ServiceSetsTheNewCarerPeriod", h: h, policy: func(p *Policy) { p.NewCarerTrainingMonths = 3 },
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2025-02-28", reason: "within 3 months of approval", partial: true}},
		{name: "CourseThatNeverExpiresIsMet", h: completed(TrainingRecord{CourseID: 2, CompletedOn: d("2025-03-03")}),
			want: expect{kind: Training, subject: ForCarer, ref: 2, due: "2025-03-03", standing: Met,
				reason: "Completed on 3 Mar 2025; it does not need refreshing"}},
		{name: "CourseForOtherCategoriesDoesNotApply", h: h,
			want: expect{kind: Training, subject: ForCarer, ref: 3, standing: NotApplicable,
				reason: "Only for carers approved for parent and child"}},
		{name: "CourseForTheHouseholdsCategoryApplies", h: with(h, func(h *Household) { h.Categories = []string{"short_term", "parent_and_child"} }),
			want: expect{kind: Training, subject: ForCarer, ref: 3, due: "2025-11-30", reason: "Not yet completed", partial: true}},
		{name: "OptionalCourseIsNotAnItem", h: h,
			want: expect{kind: Training, subject: ForCarer, ref: 4, absent: true}},
		{name: "ValidityChangeMovesTheDate", h: completed(TrainingRecord{CourseID: 1, CompletedOn: d("2023-11-30")}),
			policy: func(p *Policy) { p.Courses[0].ValidityMonths = 24 },
			want:   expect{kind: Training, subject: ForCarer, ref: 1, due: "2025-11-30", reason: "Refreshed every 24 months", partial: true}},
		{name: "DueSoonOnTheDayItExpires", h: completed(TrainingRecord{CourseID: 1, CompletedOn: d("2023-11-30")}), today: "2026-11-30",
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2026-11-30", status: DueSoon, source: srcPolicy,
				reason: "Refreshed every 36 months; last completed on 30 Nov 2023 — service policy"}},
		{name: "OverdueTheDayAfter", h: completed(TrainingRecord{CourseID: 1, CompletedOn: d("2023-11-30")}), today: "2026-12-01",
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2026-11-30", status: Overdue, reason: "30 Nov 2023", partial: true}},
		{name: "OKTheDayBeforeTheWindow", h: completed(TrainingRecord{CourseID: 1, CompletedOn: d("2023-11-30")}), today: "2026-09-30",
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2026-11-30", status: OK, reason: "30 Nov 2023", partial: true}},
		{name: "DueSoonWithinAWiderWindow", h: completed(TrainingRecord{CourseID: 1, CompletedOn: d("2023-11-30")}), policy: func(p *Policy) { p.WarningDays = 90 }, today: "2026-09-01",
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2026-11-30", status: DueSoon, reason: "30 Nov 2023", partial: true}},
		{name: "CompletedOn29FebExpires28Feb", h: completed(TrainingRecord{CourseID: 1, CompletedOn: d("2024-02-29")}), today: "2027-03-01",
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2027-02-28", status: Overdue, reason: "last completed on 29 Feb 2024", partial: true}},
		{name: "ApprovedOn29FebNeverTakenDue28Feb", h: approvedHousehold("2024-02-29"), today: "2025-02-28",
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2025-02-28", status: DueSoon,
				reason: "Not yet completed: mandatory courses are due within 12 months of approval on 29 Feb 2024 — service policy"}},
		{name: "MonthEndValidityClampedToFebruary", h: completed(TrainingRecord{CourseID: 1, CompletedOn: d("2023-08-31")}), policy: func(p *Policy) { p.Courses[0].ValidityMonths = 30 }, today: "2026-03-01",
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2026-02-28", status: Overdue, reason: "Refreshed every 30 months; last completed on 31 Aug 2023", partial: true}},
		{name: "CompletedBeforeApprovalRunsFromCompletion", h: completed(TrainingRecord{CourseID: 1, CompletedOn: d("2024-06-01")}), today: "2026-01-01",
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2027-06-01", status: OK, reason: "last completed on 1 Jun 2024", partial: true}},
		{name: "AnotherCourseDoesNotCount", h: completed(TrainingRecord{CourseID: 4, CompletedOn: d("2025-06-01")}), today: "2025-12-01",
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2025-11-30", status: Overdue, reason: "Not yet completed", partial: true}},
		{name: "NeverExpiringCourseNeverTakenIsDue", h: h, today: "2025-12-01",
			want: expect{kind: Training, subject: ForCarer, ref: 2, due: "2025-11-30", status: Overdue, reason: "Not yet completed", partial: true}},
		{name: "NeverExpiringCourseStaysMet", h: completed(TrainingRecord{CourseID: 2, CompletedOn: d("2015-03-03")}), today: "2040-01-01",
			want: expect{kind: Training, subject: ForCarer, ref: 2, due: "2015-03-03", standing: Met, status: OK, reason: "Completed on 3 Mar 2015; it does not need refreshing"}},
		{name: "CourseForAnyOfSeveralCategoriesApplies", h: with(h, func(h *Household) { h.Categories = []string{"remand"} }),
			policy: func(p *Policy) { p.Courses[2].AppliesTo = []string{"parent_and_child", "remand"} }, today: "2025-12-01",
			want: expect{kind: Training, subject: ForCarer, ref: 3, due: "2025-11-30", status: Overdue, reason: "Not yet completed", partial: true}},
		{name: "CourseForOtherCategoriesNamesThemAll", h: h,
			policy: func(p *Policy) { p.Courses[2].AppliesTo = []string{"parent_and_child", "remand"} }, today: "2025-12-01",
			want: expect{kind: Training, subject: ForCarer, ref: 3, standing: NotApplicable, status: NotApplicableNow,
				reason: "Only for carers approved for parent and child or remand"}},
		{name: "CategoryCourseDoesNotApplyWithNoTermsRecorded", h: with(h, func(h *Household) { h.Categories = nil }), today: "2025-12-01",
			want: expect{kind: Training, subject: ForCarer, ref: 3, standing: NotApplicable, status: NotApplicableNow, reason: "Only for carers approved for parent and child"}},
		{name: "CourseForAllAppliesWithNoTermsRecorded", h: with(h, func(h *Household) { h.Categories = nil }), today: "2025-12-01",
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2025-11-30", status: Overdue, reason: "Not yet completed", partial: true}},
		{name: "EachCarerOnTheirOwnRecord", h: with(h, func(h *Household) {
			h.Carers = []Carer{{ID: 10, Name: "Zoë Ward"}, {ID: 11, Name: "Łukasz Nowak", Training: []TrainingRecord{{CourseID: 1, CompletedOn: d("2025-02-01")}}}}
		}), today: "2025-12-01",
			want: expect{kind: Training, subject: ForCarer, id: 11, ref: 1, due: "2028-02-01", status: OK, reason: "last completed on 1 Feb 2025", partial: true}},
		{name: "OnHoldStillDue", h: with(h, func(h *Household) { h.Status = "on_hold" }), today: "2025-12-01",
			want: expect{kind: Training, subject: ForCarer, ref: 1, due: "2025-11-30", status: Overdue, reason: "Not yet completed", partial: true}},
		{name: "NoApprovalDateNeverTaken", h: with(h, func(h *Household) { h.ApprovedOn = civilZero }), today: "2025-12-01",
			want: expect{kind: Training, subject: ForCarer, ref: 1, standing: NotApplicable, status: NotApplicableNow, reason: "The date of approval is not recorded", partial: true}},
		{name: "TerminatedNeedsNone", h: with(h, func(h *Household) { h.Status = "terminated"; h.EndedOn = d("2025-06-01") }),
			want: expect{kind: Training, subject: ForCarer, ref: 1, absent: true}},
	})
}

func TestVisits(t *testing.T) {
	h := approvedHousehold("2024-02-29")
	visited := func(vs ...Visit) Household { return with(h, func(h *Household) { h.Visits = vs }) }
	run(t, []scenario{
		{name: "UnannouncedWithinAYearOfTheLast", h: visited(Visit{Kind: "unannounced", VisitedOn: d("2025-11-01")}, Visit{Kind: "unannounced", VisitedOn: d("2024-10-01")}),
			want: expect{kind: UnannouncedVisit, due: "2026-11-01",
				reason: "At least one a year; the last was on 1 Nov 2025 — Fostering National Minimum Standards 2011, standard 21.8"}},
		{name: "NoUnannouncedVisitWithinAYearOfApproval", h: h,
			want: expect{kind: UnannouncedVisit, due: "2025-02-28", reason: "At least one a year, and none is recorded: the first within 1 year of approval on 29 Feb 2024", partial: true}},
		{name: "SupervisoryVisitsAtTheServicesInterval", h: visited(Visit{Kind: "supervisory", VisitedOn: d("2026-10-01")}),
			want: expect{kind: SupervisoryVisit, due: "2026-11-12", reason: "At least every 42 days; the last was on 1 Oct 2026 — service policy"}},
		{name: "TelephoneContactIsNotAVisit", h: visited(Visit{Kind: "supervisory", VisitedOn: d("2026-10-01")}, Visit{Kind: "telephone", VisitedOn: d("2026-11-20")}),
			want: expect{kind: SupervisoryVisit, due: "2026-11-12", reason: "1 Oct 2026", partial: true}},
		{name: "ServiceSetsTheSupervisoryInterval", h: visited(Visit{Kind: "supervisory", VisitedOn: d("2026-10-01")}), policy: func(p *Policy) { p.SupervisoryVisitDays = 28 },
			want: expect{kind: SupervisoryVisit, due: "2026-10-29", reason: "every 28 days", partial: true}},
	})
}

func TestAssessOrdersItemsAndKeepsOpenOnes(t *testing.T) {
	p := DefaultPolicy()
	p.Courses = testCourses()
	h := approvedHousehold("2024-11-30")
	h.Carers[0].TSDCompletedOn = d("2025-05-01")
	items := Assess(h, p)
	open := OpenItems(items)
	if len(open) == 0 || len(open) == len(items) {
		t.Fatalf("want some open and some settled items, got %d of %d open", len(open), len(items))
	}
	for i := 1; i < len(open); i++ {
		if open[i].DueOn.Before(open[i-1].DueOn) {
			t.Fatalf("open items out of date order: %s before %s", open[i-1].DueOn, open[i].DueOn)
		}
	}
	for _, it := range open {
		if it.Standing != Open || it.DueOn.IsZero() || it.Reason == "" || it.Source == "" {
			t.Errorf("open item without a date, reason or source: %+v", it)
		}
	}
}
