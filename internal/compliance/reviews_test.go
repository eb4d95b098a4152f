package compliance

import (
	"testing"

	"github.com/hearth-registry/hearth/internal/civil"
)

func TestReviews(t *testing.T) {
	h := approvedHousehold("2025-03-14")
	held := func(id int, kind, meeting string) Review {
		return Review{ID: id, Kind: kind, Status: "decided", MeetingOn: d(meeting), DecidedOn: d(meeting)}
	}
	run(t, []scenario{
		{name: "FirstReviewWithinAYearOfApproval", h: h, want: expect{kind: FirstReview, due: "2026-03-14",
			reason: "Within 1 year of approval on 14 Mar 2025; the first review report must go to the fostering panel — Fostering Services (England) Regulations 2011, reg 28"}},
		{name: "ApprovedOn29FebIsDueOn28FebNotMarch", h: approvedHousehold("2024-02-29"), want: expect{kind: FirstReview, due: "2025-02-28",
			reason: "Within 1 year of approval on 29 Feb 2024 (2025 has no 29 Feb, so the last day is 28 Feb 2025);", partial: true}},
		{name: "LaterReviewWithinAYearOfTheLastMeeting", h: with(h, func(h *Household) { h.Reviews = []Review{held(5, "first", "2025-03-14")} }),
			want: expect{kind: AnnualReview, due: "2026-03-14",
				reason: "Within 1 year of the last review meeting on 14 Mar 2025 — Fostering Services (England) Regulations 2011, reg 28"}},
		{name: "NoFirstReviewOnceOneIsHeld", h: with(h, func(h *Household) { h.Reviews = []Review{held(5, "first", "2025-03-14")} }),
			want: expect{kind: FirstReview, absent: true}},
		{name: "AnyReviewMeetingRestartsTheYear", h: with(h, func(h *Household) {
			h.Reviews = []Review{held(5, "first", "2026-02-01"), held(6, "post_allegation", "2026-06-30")}
		}), want: expect{kind: AnnualReview, due: "2027-06-30", reason: "on 30 Jun 2026", partial: true}},
		{name: "CancelledMeetingDoesNotCount", h: with(h, func(h *Household) {
			h.Reviews = []Review{held(5, "first", "2026-02-01"), {ID: 6, Kind: "annual", Status: "cancelled", MeetingOn: d("2026-09-01")}}
		}), want: expect{kind: AnnualReview, due: "2027-02-01", reason: "on 1 Feb 2026", partial: true}},
		{name: "OnHoldDoesNotPauseReviews", h: with(h, func(h *Household) { h.Status = "on_hold" }),
			want: expect{kind: FirstReview, due: "2026-03-14", reason: "the household is on hold, which does not pause reviews", partial: true}},
		{name: "SuspendedDoesNotPauseReviews", h: with(h, func(h *Household) { h.Status = "suspended" }),
			want: expect{kind: FirstReview, due: "2026-03-14", reason: "suspended, which does not pause reviews", partial: true}},
		{name: "NoApprovalDateCannotBeDated", h: with(h, func(h *Household) { h.ApprovedOn = civilZero }),
			want: expect{kind: FirstReview, standing: NotApplicable, reason: "The date of approval is not recorded", partial: true}},
		{name: "StillInAssessmentNothingDue", h: with(h, func(h *Household) { h.Status = "assessment" }),
			want: expect{kind: AnnualReview, standing: NotApplicable, reason: "Not yet approved", partial: true}},
		{name: "TerminatedNoReviewDue", h: with(h, func(h *Household) { h.Status = "terminated"; h.EndedOn = d("2026-01-10") }),
			want: expect{kind: FirstReview, absent: true}},
		{name: "FirstReviewHeldButNotOnAPanel", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 5, Kind: "first", Status: "report_written", MeetingOn: d("2026-02-20")}}
		}), want: expect{kind: FirstReviewPanel, ref: 5, due: "2026-03-14",
			reason: "The first review (meeting on 20 Feb 2026) must go to the fostering panel, and is not yet on a panel's agenda — Fostering Services (England) Regulations 2011, reg 28"}},
		{name: "FirstReviewOnAPanelNeedsNoPanelItem", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 5, Kind: "first", Status: "awaiting_panel", MeetingOn: d("2026-02-20"),
				PanelItems: []PanelItem{{ID: 7, PanelName: "March panel", MeetsOn: d("2026-03-10")}}}}
		}), want: expect{kind: FirstReviewPanel, ref: 5, absent: true}},
	})
}

var civilZero civil.Date

func TestPostAllegationReview(t *testing.T) {
	h := approvedHousehold("2020-05-01")
	run(t, []scenario{
		{name: "SixWeeksAfterTheInvestigationConcludes", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 8, Kind: "post_allegation", Status: "scheduled", DueOn: d("2026-12-31"), AllegationConcludedOn: d("2026-10-01")}}
		}), want: expect{kind: PostAllegationReview, ref: 8, due: "2026-11-12",
			reason: "Within 42 days of the allegation investigation concluding on 1 Oct 2026 — service procedures"}},
		{name: "ServiceSetsItsOwnPeriod", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 8, Kind: "post_allegation", Status: "scheduled", DueOn: d("2026-12-31"), AllegationConcludedOn: d("2026-10-01")}}
		}), policy: func(p *Policy) { p.PostAllegationReviewDays = 28 },
			want: expect{kind: PostAllegationReview, ref: 8, due: "2026-10-29", reason: "Within 28 days", partial: true}},
		{name: "NoConclusionDateUsesTheScheduledDate", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 8, Kind: "post_allegation", Status: "scheduled", DueOn: d("2026-12-31")}}
		}), want: expect{kind: PostAllegationReview, ref: 8, due: "2026-12-31", reason: "record the date the investigation concluded", partial: true}},
		{name: "HeldReviewIsDone", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 8, Kind: "post_allegation", Status: "decided", MeetingOn: d("2026-11-01"), AllegationConcludedOn: d("2026-10-01")}}
		}), want: expect{kind: PostAllegationReview, ref: 8, absent: true}},
	})
}

// heldReview is a review whose meeting took place and was decided that day.
func heldReview(id int, kind, meeting string) Review {
	return Review{ID: id, Kind: kind, Status: "decided", MeetingOn: d(meeting), DecidedOn: d(meeting)}
}

// TestFirstReview: reg 28 — not more than a year after approval, so the last
// permitted day is the anniversary, or 28 Feb for an approval on 29 Feb.
func TestFirstReview(t *testing.T) {
	h := approvedHousehold("2025-03-14")
	const reg28 = "Fostering Services (England) Regulations 2011, reg 28"
	full := "Within 1 year of approval on 14 Mar 2025; the first review report must go to the fostering panel — " + reg28
	run(t, []scenario{
		{name: "OKTheDayBeforeTheWarningWindow", h: h, today: "2026-01-12",
			want: expect{kind: FirstReview, due: "2026-03-14", status: OK, reason: full, source: srcReg28}},
		{name: "DueSoonOnTheFirstDayOfTheWarningWindow", h: h, today: "2026-01-13",
			want: expect{kind: FirstReview, due: "2026-03-14", status: DueSoon, reason: full}},
		{name: "DueSoonNotOverdueOnTheAnniversary", h: h, today: "2026-03-14",
			want: expect{kind: FirstReview, due: "2026-03-14", status: DueSoon, reason: full}},
		{name: "OverdueTheDayAfterTheAnniversary", h: h, today: "2026-03-15",
			want: expect{kind: FirstReview, due: "2026-03-14", status: Overdue, reason: full}},
		{name: "ApprovedOn29FebLastDayIs28Feb", h: approvedHousehold("2024-02-29"), today: "2025-02-28",
			want: expect{kind: FirstReview, due: "2025-02-28", status: DueSoon,
				reason: "Within 1 year of approval on 29 Feb 2024 (2025 has no 29 Feb, so the last day is 28 Feb 2025); the first review report must go to the fostering panel — " + reg28}},
		{name: "ApprovedOn29FebOverdueOn1Mar", h: approvedHousehold("2024-02-29"), today: "2025-03-01",
			want: expect{kind: FirstReview, due: "2025-02-28", status: Overdue, reason: "(2025 has no 29 Feb", partial: true}},
		{name: "ApprovedOn28FebDueOn28FebOfALeapYear", h: approvedHousehold("2023-02-28"), today: "2024-02-29",
			want: expect{kind: FirstReview, due: "2024-02-28", status: Overdue,
				reason: "Within 1 year of approval on 28 Feb 2023; the first review report must go to the fostering panel — " + reg28}},
		{name: "ApprovedOn1MarDueOn1MarAfterALeapDay", h: approvedHousehold("2023-03-01"), today: "2024-02-29",
			want: expect{kind: FirstReview, due: "2024-03-01", status: DueSoon, reason: "approval on 1 Mar 2023;", partial: true}},
		{name: "ApprovedAtMonthEnd", h: approvedHousehold("2025-01-31"), today: "2025-12-02",
			want: expect{kind: FirstReview, due: "2026-01-31", status: DueSoon, reason: "approval on 31 Jan 2025;", partial: true}},
		{name: "ApprovedOnNewYearsEve", h: approvedHousehold("2025-12-31"), today: "2026-11-01",
			want: expect{kind: FirstReview, due: "2026-12-31", status: DueSoon, reason: "approval on 31 Dec 2025;", partial: true}},
		{name: "OnHoldStillOverdue", h: with(h, func(h *Household) { h.Status = "on_hold" }), today: "2026-03-15",
			want: expect{kind: FirstReview, due: "2026-03-14", status: Overdue,
				reason: "Within 1 year of approval on 14 Mar 2025; the first review report must go to the fostering panel; the household is on hold, which does not pause reviews — " + reg28}},
		{name: "SuspendedStillOverdue", h: with(h, func(h *Household) { h.Status = "suspended" }), today: "2026-04-01",
			want: expect{kind: FirstReview, due: "2026-03-14", status: Overdue,
				reason: "; the household is suspended, which does not pause reviews — " + reg28, partial: true}},
		{name: "ResignationNoticeDoesNotStopTheReview", h: with(h, func(h *Household) { h.ResignationReceivedOn = d("2026-03-01") }), today: "2026-03-10",
			want: expect{kind: FirstReview, due: "2026-03-14", status: DueSoon, reason: full}},
		{name: "ScheduledMeetingNotYetHeldLeavesItDue", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 5, Kind: "first", Status: "scheduled", DueOn: d("2026-03-14")}}
		}), today: "2026-03-15", want: expect{kind: FirstReview, due: "2026-03-14", status: Overdue, reason: full}},
		{name: "CancelledMeetingLeavesItDue", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 5, Kind: "first", Status: "cancelled", DueOn: d("2026-03-14"), MeetingOn: d("2026-03-01")}}
		}), today: "2026-03-15", want: expect{kind: FirstReview, due: "2026-03-14", status: Overdue, reason: full}},
		{name: "NoApprovalDateIsNotApplicable", h: with(h, func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-03-15",
			want: expect{kind: FirstReview, standing: NotApplicable, status: NotApplicableNow,
				reason: "The date of approval is not recorded, so this cannot be dated: record it on the household"}},
	})
}

// TestLaterReviews: reg 28 — each later review not more than a year after
// the last review meeting, whatever the household's status while approved.
func TestLaterReviews(t *testing.T) {
	h := approvedHousehold("2024-03-14")
	const reg28 = "Fostering Services (England) Regulations 2011, reg 28"
	heldOn := func(meetings ...Review) Household { return with(h, func(h *Household) { h.Reviews = meetings }) }
	run(t, []scenario{
		{name: "DueSoonOnTheAnniversaryOfTheMeeting", h: heldOn(heldReview(5, "first", "2025-03-14")), today: "2026-03-14",
			want: expect{kind: AnnualReview, due: "2026-03-14", status: DueSoon, source: srcReg28,
				reason: "Within 1 year of the last review meeting on 14 Mar 2025 — " + reg28}},
		{name: "OverdueTheDayAfter", h: heldOn(heldReview(5, "first", "2025-03-14")), today: "2026-03-15",
			want: expect{kind: AnnualReview, due: "2026-03-14", status: Overdue, reason: "on 14 Mar 2025", partial: true}},
		{name: "OKBeyondTheWindow", h: heldOn(heldReview(5, "first", "2025-03-14")), today: "2026-01-12",
			want: expect{kind: AnnualReview, due: "2026-03-14", status: OK, reason: "on 14 Mar 2025", partial: true}},
		{name: "MeetingOn29FebLastDayIs28Feb", h: heldOn(heldReview(5, "first", "2024-02-29")), today: "2025-02-28",
			want: expect{kind: AnnualReview, due: "2025-02-28", status: DueSoon,
				reason: "Within 1 year of the last review meeting on 29 Feb 2024 (2025 has no 29 Feb, so the last day is 28 Feb 2025) — " + reg28}},
		{name: "MeetingOn29FebOverdueOn1Mar", h: heldOn(heldReview(5, "first", "2024-02-29")), today: "2025-03-01",
			want: expect{kind: AnnualReview, due: "2025-02-28", status: Overdue, reason: "so the last day is 28 Feb 2025", partial: true}},
		{name: "MeetingOn28FebNeverMovesTo29Feb", h: heldOn(heldReview(5, "annual", "2027-02-28")), today: "2028-02-29",
			want: expect{kind: AnnualReview, due: "2028-02-28", status: Overdue,
				reason: "Within 1 year of the last review meeting on 28 Feb 2027 — " + reg28}},
		{name: "MeetingAtMonthEnd", h: heldOn(heldReview(5, "annual", "2025-08-31")), today: "2026-07-02",
			want: expect{kind: AnnualReview, due: "2026-08-31", status: DueSoon, reason: "on 31 Aug 2025 —", partial: true}},
		{name: "EarlyMeetingBringsTheNextForward", h: heldOn(heldReview(5, "first", "2025-03-10"), heldReview(6, "annual", "2026-01-10")), today: "2026-12-01",
			want: expect{kind: AnnualReview, due: "2027-01-10", status: DueSoon, reason: "on 10 Jan 2026", partial: true}},
		{name: "LateMeetingCountsFromTheMeeting", h: heldOn(heldReview(5, "first", "2025-03-10"), heldReview(6, "annual", "2026-05-01")), today: "2026-05-02",
			want: expect{kind: AnnualReview, due: "2027-05-01", status: OK, reason: "on 1 May 2026", partial: true}},
		{name: "ChangeOfCircumstancesReviewRestartsTheYear", h: heldOn(heldReview(5, "first", "2025-03-10"), heldReview(6, "change_of_circumstances", "2025-09-30")), today: "2026-09-30",
			want: expect{kind: AnnualReview, due: "2026-09-30", status: DueSoon, reason: "on 30 Sep 2025", partial: true}},
		{name: "ScheduledReviewWithoutAMeetingDoesNotCount", h: heldOn(heldReview(5, "first", "2025-03-10"), Review{ID: 6, Kind: "annual", Status: "scheduled", DueOn: d("2026-03-10")}), today: "2026-03-11",
			want: expect{kind: AnnualReview, due: "2026-03-10", status: Overdue, reason: "on 10 Mar 2025", partial: true}},
		{name: "PlannedMeetingDateDoesNotCountUntilHeld", h: heldOn(heldReview(5, "first", "2025-03-10"), Review{ID: 6, Kind: "annual", Status: "scheduled", DueOn: d("2026-03-10"), MeetingOn: d("2026-02-20")}), today: "2026-02-01",
			want: expect{kind: AnnualReview, due: "2026-03-10", status: DueSoon, reason: "on 10 Mar 2025", partial: true}},
		{name: "MeetingStillGatheringViewsDoesNotCount", h: heldOn(heldReview(5, "first", "2025-03-10"), Review{ID: 6, Kind: "annual", Status: "gathering_views", DueOn: d("2026-03-10"), MeetingOn: d("2026-02-20")}), today: "2026-03-11",
			want: expect{kind: AnnualReview, due: "2026-03-10", status: Overdue, reason: "on 10 Mar 2025", partial: true}},
		{name: "MeetingCountsOnceTheReportIsWritten", h: heldOn(heldReview(5, "first", "2025-03-10"), Review{ID: 6, Kind: "annual", Status: "report_written", DueOn: d("2026-03-10"), MeetingOn: d("2026-02-20")}), today: "2026-03-11",
			want: expect{kind: AnnualReview, due: "2027-02-20", status: OK, reason: "on 20 Feb 2026", partial: true}},
		{name: "CancelledMeetingDoesNotCount", h: heldOn(heldReview(5, "first", "2025-03-10"), Review{ID: 6, Kind: "annual", Status: "cancelled", DueOn: d("2026-03-10"), MeetingOn: d("2026-02-20")}), today: "2026-03-11",
			want: expect{kind: AnnualReview, due: "2026-03-10", status: Overdue, reason: "on 10 Mar 2025", partial: true}},
		{name: "OnHoldDoesNotPause", h: with(heldOn(heldReview(5, "first", "2025-03-14")), func(h *Household) { h.Status = "on_hold" }), today: "2026-04-01",
			want: expect{kind: AnnualReview, due: "2026-03-14", status: Overdue,
				reason: "Within 1 year of the last review meeting on 14 Mar 2025; the household is on hold, which does not pause reviews — " + reg28}},
		{name: "SuspendedDoesNotPause", h: with(heldOn(heldReview(5, "first", "2025-03-14")), func(h *Household) { h.Status = "suspended" }), today: "2026-04-01",
			want: expect{kind: AnnualReview, due: "2026-03-14", status: Overdue,
				reason: "Within 1 year of the last review meeting on 14 Mar 2025; the household is suspended, which does not pause reviews — " + reg28}},
		{name: "DatedFromTheMeetingEvenWithoutAnApprovalDate", h: with(heldOn(heldReview(5, "annual", "2025-06-01")), func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-06-02",
			want: expect{kind: AnnualReview, due: "2026-06-01", status: Overdue, reason: "on 1 Jun 2025", partial: true}},
		{name: "TerminatedHasNoLaterReview", h: with(heldOn(heldReview(5, "first", "2025-03-14")), func(h *Household) { h.Status = "terminated"; h.EndedOn = d("2025-12-01") }),
			want: expect{kind: AnnualReview, absent: true}},
	})
}

// TestFirstReviewToPanel: reg 28 — the first review's report must go to the
// fostering panel; a first review held but on no panel's agenda is due by
// the last day for the first review.
func TestFirstReviewToPanel(t *testing.T) {
	h := approvedHousehold("2024-02-29")
	first := func(r Review) Household { return with(h, func(h *Household) { h.Reviews = []Review{r} }) }
	held := Review{ID: 5, Kind: "first", Status: "report_written", DueOn: d("2025-02-28"), MeetingOn: d("2025-01-20")}
	run(t, []scenario{
		{name: "DueSoonOn28FebForApprovalOn29Feb", h: first(held), today: "2025-02-28",
			want: expect{kind: FirstReviewPanel, ref: 5, due: "2025-02-28", status: DueSoon, source: srcReg28,
				reason: "The first review (meeting on 20 Jan 2025) must go to the fostering panel, and is not yet on a panel's agenda — Fostering Services (England) Regulations 2011, reg 28"}},
		{name: "OverdueOn1Mar", h: first(held), today: "2025-03-01",
			want: expect{kind: FirstReviewPanel, ref: 5, due: "2025-02-28", status: Overdue, reason: "must go to the fostering panel", partial: true}},
		{name: "NotBeforeTheMeetingIsHeld", h: first(with2(held, func(r *Review) { r.MeetingOn = civilZero; r.Status = "scheduled" })),
			want: expect{kind: FirstReviewPanel, ref: 5, absent: true}},
		{name: "NotForALaterReview", h: first(with2(held, func(r *Review) { r.Kind = "annual" })),
			want: expect{kind: FirstReviewPanel, ref: 5, absent: true}},
		{name: "NotOnceOnAnAgenda", h: first(with2(held, func(r *Review) {
			r.Status = "awaiting_panel"
			r.PanelItems = []PanelItem{{ID: 7, PanelName: "March panel", MeetsOn: d("2025-03-12")}}
		})), want: expect{kind: FirstReviewPanel, ref: 5, absent: true}},
		{name: "WithoutAnApprovalDateUsesTheReviewsDueDate", h: with(first(held), func(h *Household) { h.ApprovedOn = civilZero }), today: "2025-03-01",
			want: expect{kind: FirstReviewPanel, ref: 5, due: "2025-02-28", status: Overdue, reason: "not yet on a panel's agenda", partial: true}},
		{name: "OnHoldStillMustGoToPanel", h: with(first(held), func(h *Household) { h.Status = "on_hold" }), today: "2025-02-01",
			want: expect{kind: FirstReviewPanel, ref: 5, due: "2025-02-28", status: DueSoon, reason: "must go to the fostering panel", partial: true}},
	})
}

// with2 applies changes to a copy of a review.
func with2(r Review, change func(*Review)) Review {
	change(&r)
	return r
}

// TestPostAllegationReviewDated: service procedures — within the service's
// period (default 42 days, six weeks) of the investigation concluding,
// counted in calendar days across month and year ends; hold or suspension,
// common after an allegation, does not pause it.
func TestPostAllegationReviewDated(t *testing.T) {
	h := approvedHousehold("2020-05-01")
	after := func(concluded string) Household {
		return with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 8, Kind: "post_allegation", Status: "scheduled", DueOn: d("2027-06-30"), AllegationConcludedOn: d(concluded)}}
		})
	}
	run(t, []scenario{
		{name: "DueSoonOnTheLastDay", h: after("2026-10-01"), today: "2026-11-12",
			want: expect{kind: PostAllegationReview, ref: 8, due: "2026-11-12", status: DueSoon, source: srcProcedures,
				reason: "Within 42 days of the allegation investigation concluding on 1 Oct 2026 — service procedures"}},
		{name: "OverdueTheDayAfter", h: after("2026-10-01"), today: "2026-11-13",
			want: expect{kind: PostAllegationReview, ref: 8, due: "2026-11-12", status: Overdue, reason: "concluding on 1 Oct 2026", partial: true}},
		{name: "AcrossTheYearEnd", h: after("2026-12-31"), today: "2027-01-01",
			want: expect{kind: PostAllegationReview, ref: 8, due: "2027-02-11", status: DueSoon, reason: "concluding on 31 Dec 2026", partial: true}},
		{name: "AcrossALeapDay", h: after("2024-01-20"), today: "2024-03-03",
			want: expect{kind: PostAllegationReview, ref: 8, due: "2024-03-02", status: Overdue, reason: "concluding on 20 Jan 2024", partial: true}},
		{name: "AcrossFebruaryInAnOrdinaryYear", h: after("2025-01-20"), today: "2025-03-03",
			want: expect{kind: PostAllegationReview, ref: 8, due: "2025-03-03", status: DueSoon, reason: "concluding on 20 Jan 2025", partial: true}},
		{name: "OnHoldAfterTheAllegationStillDue", h: with(after("2026-10-01"), func(h *Household) { h.Status = "on_hold" }), today: "2026-11-13",
			want: expect{kind: PostAllegationReview, ref: 8, due: "2026-11-12", status: Overdue, reason: "Within 42 days", partial: true}},
		{name: "SuspendedAfterTheAllegationStillDue", h: with(after("2026-10-01"), func(h *Household) { h.Status = "suspended" }), today: "2026-11-13",
			want: expect{kind: PostAllegationReview, ref: 8, due: "2026-11-12", status: Overdue, reason: "Within 42 days", partial: true}},
		{name: "ShorterPolicyWithNoWarningWindow", h: after("2026-10-01"), policy: func(p *Policy) { p.PostAllegationReviewDays = 28; p.WarningDays = 0 }, today: "2026-10-28",
			want: expect{kind: PostAllegationReview, ref: 8, due: "2026-10-29", status: OK, reason: "Within 28 days of the allegation investigation concluding on 1 Oct 2026", partial: true}},
		{name: "CancelledIsNotDue", h: with(after("2026-10-01"), func(h *Household) { h.Reviews[0].Status = "cancelled" }),
			want: expect{kind: PostAllegationReview, ref: 8, absent: true}},
		{name: "EndedHouseholdIsNotDue", h: with(after("2026-10-01"), func(h *Household) { h.Status = "terminated"; h.EndedOn = d("2026-10-15") }),
			want: expect{kind: PostAllegationReview, ref: 8, absent: true}},
	})
}
