package compliance

import "testing"

// TestUnannouncedVisit: NMS 21.8 — at least one unannounced visit a year:
// the next within a year of the last (28 Feb after a visit on 29 Feb), the
// first within a year of approval. Supervisory visits and telephone
// contact do not count.
func TestUnannouncedVisit(t *testing.T) {
	h := approvedHousehold("2025-01-31")
	const nms21 = "Fostering National Minimum Standards 2011, standard 21.8"
	visited := func(vs ...Visit) Household { return with(h, func(h *Household) { h.Visits = vs }) }
	run(t, []scenario{
		{name: "DueSoonOnTheAnniversary", h: visited(Visit{Kind: "unannounced", VisitedOn: d("2025-11-01")}), today: "2026-11-01",
			want: expect{kind: UnannouncedVisit, due: "2026-11-01", status: DueSoon, source: srcNMS21,
				reason: "At least one a year; the last was on 1 Nov 2025 — " + nms21}},
		{name: "OverdueTheDayAfter", h: visited(Visit{Kind: "unannounced", VisitedOn: d("2025-11-01")}), today: "2026-11-02",
			want: expect{kind: UnannouncedVisit, due: "2026-11-01", status: Overdue, reason: "the last was on 1 Nov 2025", partial: true}},
		{name: "OKBeforeTheWindow", h: visited(Visit{Kind: "unannounced", VisitedOn: d("2025-11-01")}), today: "2026-09-01",
			want: expect{kind: UnannouncedVisit, due: "2026-11-01", status: OK, reason: "the last was on 1 Nov 2025", partial: true}},
		{name: "LastOn29FebNextBy28Feb", h: visited(Visit{Kind: "unannounced", VisitedOn: d("2024-02-29")}), today: "2025-03-01",
			want: expect{kind: UnannouncedVisit, due: "2025-02-28", status: Overdue,
				reason: "At least one a year; the last was on 29 Feb 2024 (2025 has no 29 Feb, so the last day is 28 Feb 2025) — " + nms21}},
		{name: "NoneRecordedDueWithinAYearOfApproval", h: h, today: "2026-01-31",
			want: expect{kind: UnannouncedVisit, due: "2026-01-31", status: DueSoon,
				reason: "At least one a year, and none is recorded: the first within 1 year of approval on 31 Jan 2025 — " + nms21}},
		{name: "SupervisoryVisitsDoNotCount", h: visited(Visit{Kind: "supervisory", VisitedOn: d("2025-12-01")}), today: "2026-02-01",
			want: expect{kind: UnannouncedVisit, due: "2026-01-31", status: Overdue, reason: "none is recorded", partial: true}},
		{name: "TelephoneContactDoesNotCount", h: visited(Visit{Kind: "unannounced", VisitedOn: d("2025-03-01")}, Visit{Kind: "telephone", VisitedOn: d("2026-01-10")}), today: "2026-03-02",
			want: expect{kind: UnannouncedVisit, due: "2026-03-01", status: Overdue, reason: "the last was on 1 Mar 2025", partial: true}},
		{name: "OnHoldStillVisited", h: with(visited(Visit{Kind: "unannounced", VisitedOn: d("2025-11-01")}), func(h *Household) { h.Status = "on_hold" }), today: "2026-11-02",
			want: expect{kind: UnannouncedVisit, due: "2026-11-01", status: Overdue, reason: "the last was on 1 Nov 2025", partial: true}},
		{name: "SuspendedStillVisited", h: with(visited(Visit{Kind: "unannounced", VisitedOn: d("2025-11-01")}), func(h *Household) { h.Status = "suspended" }), today: "2026-11-02",
			want: expect{kind: UnannouncedVisit, due: "2026-11-01", status: Overdue, reason: "the last was on 1 Nov 2025", partial: true}},
		{name: "DatedFromAVisitWithoutAnApprovalDate", h: with(visited(Visit{Kind: "unannounced", VisitedOn: d("2025-11-01")}), func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-11-02",
			want: expect{kind: UnannouncedVisit, due: "2026-11-01", status: Overdue, reason: "the last was on 1 Nov 2025", partial: true}},
		{name: "NoVisitNoApprovalDate", h: with(h, func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-11-02",
			want: expect{kind: UnannouncedVisit, standing: NotApplicable, status: NotApplicableNow, reason: "The date of approval is not recorded", partial: true}},
		{name: "EndedHouseholdIsNotVisited", h: with(h, func(h *Household) { h.Status = "resigned"; h.EndedOn = d("2025-06-01") }),
			want: expect{kind: UnannouncedVisit, absent: true}},
	})
}

// TestSupervisoryVisit: service policy — at least every 42 days (six weeks)
// by default, in calendar days across month, leap-day and year ends; the
// first within that period of approval. Unannounced visits and telephone
// contact do not count.
func TestSupervisoryVisit(t *testing.T) {
	h := approvedHousehold("2025-01-31")
	visited := func(vs ...Visit) Household { return with(h, func(h *Household) { h.Visits = vs }) }
	run(t, []scenario{
		{name: "DueSoonOnTheLastDay", h: visited(Visit{Kind: "supervisory", VisitedOn: d("2026-10-01")}), today: "2026-11-12",
			want: expect{kind: SupervisoryVisit, due: "2026-11-12", status: DueSoon, source: srcPolicy,
				reason: "At least every 42 days; the last was on 1 Oct 2026 — service policy"}},
		{name: "OverdueTheDayAfter", h: visited(Visit{Kind: "supervisory", VisitedOn: d("2026-10-01")}), today: "2026-11-13",
			want: expect{kind: SupervisoryVisit, due: "2026-11-12", status: Overdue, reason: "the last was on 1 Oct 2026", partial: true}},
		{name: "AcrossALeapDay", h: visited(Visit{Kind: "supervisory", VisitedOn: d("2024-01-20")}), today: "2024-03-02",
			want: expect{kind: SupervisoryVisit, due: "2024-03-02", status: DueSoon, reason: "the last was on 20 Jan 2024", partial: true}},
		{name: "AcrossFebruaryInAnOrdinaryYear", h: visited(Visit{Kind: "supervisory", VisitedOn: d("2026-01-20")}), today: "2026-03-03",
			want: expect{kind: SupervisoryVisit, due: "2026-03-03", status: DueSoon, reason: "the last was on 20 Jan 2026", partial: true}},
		{name: "AcrossTheYearEnd", h: visited(Visit{Kind: "supervisory", VisitedOn: d("2026-12-01")}), today: "2027-01-13",
			want: expect{kind: SupervisoryVisit, due: "2027-01-12", status: Overdue, reason: "the last was on 1 Dec 2026", partial: true}},
		{name: "LatestOfSeveral", h: visited(Visit{Kind: "supervisory", VisitedOn: d("2026-11-20")}, Visit{Kind: "supervisory", VisitedOn: d("2026-10-01")}), today: "2026-11-20",
			want: expect{kind: SupervisoryVisit, due: "2027-01-01", status: DueSoon, reason: "the last was on 20 Nov 2026", partial: true}},
		{name: "NoneRecordedDueFromApproval", h: h, today: "2025-03-15",
			want: expect{kind: SupervisoryVisit, due: "2025-03-14", status: Overdue,
				reason: "At least every 42 days, and none is recorded: the first within 42 days of approval on 31 Jan 2025 — service policy"}},
		{name: "UnannouncedVisitDoesNotCount", h: visited(Visit{Kind: "unannounced", VisitedOn: d("2025-03-01")}), today: "2025-03-15",
			want: expect{kind: SupervisoryVisit, due: "2025-03-14", status: Overdue, reason: "none is recorded", partial: true}},
		{name: "TelephoneContactDoesNotCount", h: visited(Visit{Kind: "telephone", VisitedOn: d("2025-03-01")}), today: "2025-03-15",
			want: expect{kind: SupervisoryVisit, due: "2025-03-14", status: Overdue, reason: "none is recorded", partial: true}},
		{name: "ServiceSetsFourWeeksAndNoWarning", h: visited(Visit{Kind: "supervisory", VisitedOn: d("2026-10-01")}),
			policy: func(p *Policy) { p.SupervisoryVisitDays = 28; p.WarningDays = 0 }, today: "2026-10-28",
			want: expect{kind: SupervisoryVisit, due: "2026-10-29", status: OK, reason: "At least every 28 days; the last was on 1 Oct 2026", partial: true}},
		{name: "OnHoldStillVisited", h: with(visited(Visit{Kind: "supervisory", VisitedOn: d("2026-10-01")}), func(h *Household) { h.Status = "on_hold" }), today: "2026-11-13",
			want: expect{kind: SupervisoryVisit, due: "2026-11-12", status: Overdue, reason: "the last was on 1 Oct 2026", partial: true}},
		{name: "NoVisitNoApprovalDate", h: with(h, func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-11-02",
			want: expect{kind: SupervisoryVisit, standing: NotApplicable, status: NotApplicableNow, reason: "The date of approval is not recorded", partial: true}},
		{name: "EndedHouseholdIsNotVisited", h: with(h, func(h *Household) { h.Status = "terminated"; h.EndedOn = d("2025-06-01") }),
			want: expect{kind: SupervisoryVisit, absent: true}},
	})
}
