package compliance

import (
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/internal/civil"
)

type civilDate = civil.Date

func TestPanelDeadlines(t *testing.T) {
	h := approvedHousehold("2025-04-20")
	onPanel := func(pi PanelItem, status string) Household {
		return with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 5, Kind: "first", Status: status, MeetingOn: d("2026-03-20"), PanelItems: []PanelItem{pi}}}
		})
	}
	april := PanelItem{ID: 7, PanelName: "April panel", MeetsOn: d("2026-04-09")}
	run(t, []scenario{
		{name: "PapersFiveWorkingDaysBeforeSkippingEaster", h: onPanel(april, "awaiting_panel"),
			want: expect{kind: PanelPapers, ref: 7, due: "2026-03-31",
				reason: "At least 5 working days before the panel on 9 Apr 2026 — Fostering National Minimum Standards 2011, standard 14"}},
		{name: "PapersSentOnTheLastDayAreOnTime", h: onPanel(with1(april, func(p *PanelItem) { p.PapersSentOn = d("2026-03-31") }), "awaiting_panel"),
			want: expect{kind: PanelPapers, ref: 7, due: "2026-03-31", standing: Met,
				reason: "Sent on 31 Mar 2026, 5 working days before the panel on 9 Apr 2026 — Fostering National Minimum Standards 2011, standard 14"}},
		{name: "PapersSentLateAreFlagged", h: onPanel(with1(april, func(p *PanelItem) { p.PapersSentOn = d("2026-04-02") }), "awaiting_panel"),
			want: expect{kind: PanelPapers, ref: 7, due: "2026-03-31", standing: Met,
				reason: "Sent on 2 Apr 2026, 3 working days before the panel on 9 Apr 2026: late, they were due by 31 Mar 2026 — Fostering National Minimum Standards 2011, standard 14"}},
		{name: "NoPapersItemOnceRecommended", h: onPanel(with1(april, func(p *PanelItem) { p.RecommendedOn = d("2026-04-09") }), "awaiting_panel"),
			want: expect{kind: PanelPapers, ref: 7, absent: true}},
		{name: "ADMWithinSevenWorkingDaysOverChristmas", h: onPanel(PanelItem{ID: 7, PanelName: "December panel", MeetsOn: d("2026-12-22"), RecommendedOn: d("2026-12-22")}, "awaiting_panel"),
			want: expect{kind: ADMDecision, ref: 5, due: "2027-01-05",
				reason: "Within 7 working days of the recommendation of December panel on 22 Dec 2026 — Fostering National Minimum Standards 2011, standard 14"}},
		{name: "NoADMItemOnceDecided", h: onPanel(PanelItem{ID: 7, PanelName: "December panel", MeetsOn: d("2026-12-22"), RecommendedOn: d("2026-12-22")}, "decided"),
			want: expect{kind: ADMDecision, ref: 5, absent: true}},
		{name: "CancelledReviewNeedsNoPapers", h: onPanel(april, "cancelled"),
			want: expect{kind: PanelPapers, ref: 7, absent: true}},
	})
}

func with1(p PanelItem, change func(*PanelItem)) PanelItem {
	change(&p)
	return p
}

func TestEndings(t *testing.T) {
	h := approvedHousehold("2015-06-01")
	decided := func(outcome string, agreed bool, notice string) Household {
		return with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 9, Kind: "annual", Status: "decided", MeetingOn: d("2026-10-01"), DecidedOn: d("2026-10-20"),
				Outcome: outcome, CarerAgreed: agreed, NoticeSentOn: dateOrZero(notice)}}
		})
	}
	run(t, []scenario{
		{name: "ResignationEnds28DaysAfterNotice", h: with(h, func(h *Household) { h.ResignationReceivedOn = d("2026-01-31") }),
			want: expect{kind: ApprovalEnds, due: "2026-02-28",
				reason: "28 days after the written notice of resignation received on 31 Jan 2026; record the end of approval — Fostering Services (England) Regulations 2011, reg 28"}},
		{name: "TerminationNeedsWrittenNotice", h: decided("approval_terminated", false, ""),
			want: expect{kind: DeterminationNotice, ref: 9, due: "2026-10-20", reason: "qualifying determination: the carer must be sent written notice with reasons", partial: true}},
		{name: "TwentyEightDaysForRepresentations", h: decided("approval_terminated", false, "2026-11-01"),
			want: expect{kind: RepresentationsWindow, ref: 9, due: "2026-11-29",
				reason: "The carer has 28 days from the notice sent on 1 Nov 2026 to make representations or apply to the Independent Review Mechanism; then record the determination (approval terminated) — Fostering Services (England) Regulations 2011, reg 28"}},
		{name: "RevisionWithoutAgreementQualifies", h: decided("terms_revised", false, "2026-10-21"),
			want: expect{kind: RepresentationsWindow, ref: 9, due: "2026-11-18", reason: "(terms revised)", partial: true}},
		{name: "RevisionAgreedTakesEffectAtOnce", h: decided("terms_revised", true, ""),
			want: expect{kind: DeterminationNotice, ref: 9, absent: true}},
		{name: "RevisionRecordedEndsTheWindow", h: with(decided("terms_revised", false, "2026-10-21"), func(h *Household) { h.TermsFromReviews = []int{9} }),
			want: expect{kind: RepresentationsWindow, ref: 9, absent: true}},
		{name: "ContinuedApprovalIsNotADetermination", h: decided("approval_continues", false, ""),
			want: expect{kind: DeterminationNotice, ref: 9, absent: true}},
		{name: "TerminatedKeptTenYears", h: with(h, func(h *Household) { h.Status = "terminated"; h.EndedOn = d("2016-02-29") }),
			want: expect{kind: RecordRetention, due: "2026-02-28",
				reason: "Kept at least 10 years from 29 Feb 2016, the date approval ended; nothing else is due — Fostering Services (England) Regulations 2011, reg 32"}},
		{name: "TerminatedHasNothingElseDue", h: with(h, func(h *Household) { h.Status = "terminated"; h.EndedOn = d("2016-02-29") }),
			want: expect{kind: HealthAssessment, subject: ForCarer, ref: 0, absent: true}},
		{name: "RefusedApplicationKeptThreeYears", h: with(h, func(h *Household) { h.Status = "refused"; h.ApprovedOn = civilZero; h.EndedOn = d("2023-06-30") }),
			want: expect{kind: RecordRetention, due: "2026-06-30", reason: "Kept at least 3 years from 30 Jun 2023, the date the application was refused", partial: true}},
		{name: "WithdrawnApplicationKeptThreeYears", h: with(h, func(h *Household) { h.Status = "withdrawn"; h.EndedOn = d("2024-01-15") }),
			want: expect{kind: RecordRetention, due: "2027-01-15", reason: "the application was withdrawn", partial: true}},
		{name: "UnknownEndDateCannotStartRetention", h: with(h, func(h *Household) { h.Status = "resigned" }),
			want: expect{kind: RecordRetention, standing: NotApplicable, reason: "which is not recorded: record it to start the retention period", partial: true}},
	})
}

func dateOrZero(s string) (z civilDate) {
	if s == "" {
		return z
	}
	return d(s)
}

// onAgenda is household FH-0001 with review 5 (held on 20 Mar 2026, in the
// given status) on the agenda of the given panels.
func onAgenda(status string, items ...PanelItem) Household {
	return with(approvedHousehold("2025-04-20"), func(h *Household) {
		h.Reviews = []Review{{ID: 5, Kind: "annual", Status: status, MeetingOn: d("2026-03-20"), PanelItems: items}}
	})
}

// TestPanelPapers: NMS 14 — papers reach panel members at least 5 working
// days before the panel: by the 5th working day before it, skipping
// weekends and England and Wales bank holidays (Easter, early May, spring,
// summer, Christmas, Boxing Day and New Year substitutes).
func TestPanelPapers(t *testing.T) {
	const nms14 = "Fostering National Minimum Standards 2011, standard 14"
	panel := func(meets string) PanelItem { return PanelItem{ID: 7, PanelName: "Fostering panel", MeetsOn: d(meets)} }
	sent := func(meets, sentOn string) PanelItem {
		p := panel(meets)
		p.PapersSentOn = d(sentOn)
		return p
	}
	run(t, []scenario{
		{name: "MondayAfterEasterDueTheThursdayBeforeGoodFriday", h: onAgenda("awaiting_panel", panel("2026-04-13")), today: "2026-04-02",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-04-02", status: DueSoon, source: srcNMS14,
				reason: "At least 5 working days before the panel on 13 Apr 2026 — " + nms14}},
		{name: "PanelWithoutADateHasNoPapersDeadline", h: onAgenda("awaiting_panel", PanelItem{ID: 7, PanelName: "Fostering panel"}),
			want: expect{kind: PanelPapers, ref: 7, absent: true}},
		{name: "OverdueOnGoodFriday", h: onAgenda("awaiting_panel", panel("2026-04-13")), today: "2026-04-03",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-04-02", status: Overdue, reason: "the panel on 13 Apr 2026", partial: true}},
		{name: "TuesdayAfterEasterWeekUnaffected", h: onAgenda("awaiting_panel", panel("2026-04-14")), today: "2026-04-01",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-04-07", status: DueSoon, reason: "the panel on 14 Apr 2026", partial: true}},
		{name: "JanuaryPanelDueOnChristmasEve2026", h: onAgenda("awaiting_panel", panel("2027-01-05")), today: "2026-12-24",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-12-24", status: DueSoon, reason: "the panel on 5 Jan 2027", partial: true}},
		{name: "JanuaryPanelOverdueOnChristmasDay", h: onAgenda("awaiting_panel", panel("2027-01-05")), today: "2026-12-25",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-12-24", status: Overdue, reason: "the panel on 5 Jan 2027", partial: true}},
		{name: "JanuaryPanelAcrossNewYear2026", h: onAgenda("awaiting_panel", panel("2026-01-07")), today: "2025-12-01",
			want: expect{kind: PanelPapers, ref: 7, due: "2025-12-30", status: DueSoon, reason: "the panel on 7 Jan 2026", partial: true}},
		{name: "JanuaryPanelAcrossSaturdayChristmas2027", h: onAgenda("awaiting_panel", panel("2028-01-05")), today: "2027-10-01",
			want: expect{kind: PanelPapers, ref: 7, due: "2027-12-24", status: OK, reason: "the panel on 5 Jan 2028", partial: true}},
		{name: "AcrossEarlyMayBankHoliday", h: onAgenda("awaiting_panel", panel("2026-05-07")), today: "2026-04-30",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-04-29", status: Overdue, reason: "the panel on 7 May 2026", partial: true}},
		{name: "AcrossSpringBankHoliday", h: onAgenda("awaiting_panel", panel("2026-05-29")), today: "2026-05-21",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-05-21", status: DueSoon, reason: "the panel on 29 May 2026", partial: true}},
		{name: "SentEarlyOverChristmasIsMet", h: onAgenda("awaiting_panel", sent("2027-01-05", "2026-12-23")), today: "2027-01-04",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-12-24", standing: Met, status: OK,
				reason: "Sent on 23 Dec 2026, 6 working days before the panel on 5 Jan 2027 — " + nms14}},
		{name: "SentOnChristmasEveIsOnTime", h: onAgenda("awaiting_panel", sent("2027-01-05", "2026-12-24")), today: "2027-01-04",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-12-24", standing: Met, status: OK,
				reason: "Sent on 24 Dec 2026, 5 working days before the panel on 5 Jan 2027 — " + nms14}},
		{name: "SentOnASundayAfterTheDeadlineIsLateAndCountsFour", h: onAgenda("awaiting_panel", sent("2027-01-05", "2026-12-27")), today: "2027-01-04",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-12-24", standing: Met, status: OK,
				reason: "Sent on 27 Dec 2026, 4 working days before the panel on 5 Jan 2027: late, they were due by 24 Dec 2026 — " + nms14}},
		{name: "SentAfterChristmasIsLate", h: onAgenda("awaiting_panel", sent("2027-01-05", "2026-12-29")), today: "2027-01-04",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-12-24", standing: Met, status: OK,
				reason: "Sent on 29 Dec 2026, 4 working days before the panel on 5 Jan 2027: late, they were due by 24 Dec 2026 — " + nms14}},
		{name: "SentOnTheMondayForASaturdayPanelCountsFive", h: onAgenda("awaiting_panel", sent("2026-01-17", "2026-01-12")), today: "2026-01-13",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-01-12", standing: Met, status: OK,
				reason: "Sent on 12 Jan 2026, 5 working days before the panel on 17 Jan 2026 — " + nms14}},
		{name: "SentOnThePanelDayIsLate", h: onAgenda("awaiting_panel", sent("2026-04-14", "2026-04-14")), today: "2026-04-14",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-04-07", standing: Met, status: OK,
				reason: "Sent on 14 Apr 2026, 0 working days before the panel on 14 Apr 2026: late, they were due by 7 Apr 2026 — " + nms14}},
		{name: "OnHoldStillNeedsPapers", h: with(onAgenda("awaiting_panel", panel("2026-04-14")), func(h *Household) { h.Status = "on_hold" }), today: "2026-04-08",
			want: expect{kind: PanelPapers, ref: 7, due: "2026-04-07", status: Overdue, reason: "the panel on 14 Apr 2026", partial: true}},
		{name: "DecidedReviewNeedsNoPapers", h: onAgenda("decided", panel("2026-04-14")),
			want: expect{kind: PanelPapers, ref: 7, absent: true}},
		{name: "EndedHouseholdNeedsNoPapers", h: with(onAgenda("awaiting_panel", panel("2026-04-14")), func(h *Household) { h.Status = "terminated"; h.EndedOn = d("2026-04-01") }),
			want: expect{kind: PanelPapers, ref: 7, absent: true}},
	})
}

// TestADMDecision: NMS 14 — the agency decision maker decides within 7
// working days of the panel's recommendation, skipping weekends and bank
// holidays; a later recommendation (a review heard again) restarts it.
func TestADMDecision(t *testing.T) {
	const nms14 = "Fostering National Minimum Standards 2011, standard 14"
	recommended := func(id int, name, on string) PanelItem {
		return PanelItem{ID: id, PanelName: name, MeetsOn: d(on), PapersSentOn: d(on).AddDays(-10), RecommendedOn: d(on)}
	}
	run(t, []scenario{
		{name: "OrdinaryWeeks", h: onAgenda("awaiting_panel", recommended(7, "January panel", "2026-01-12")), today: "2026-01-21",
			want: expect{kind: ADMDecision, ref: 5, due: "2026-01-21", status: DueSoon, source: srcNMS14,
				reason: "Within 7 working days of the recommendation of January panel on 12 Jan 2026 — " + nms14}},
		{name: "OverdueTheDayAfter", h: onAgenda("awaiting_panel", recommended(7, "January panel", "2026-01-12")), today: "2026-01-22",
			want: expect{kind: ADMDecision, ref: 5, due: "2026-01-21", status: Overdue, reason: "on 12 Jan 2026", partial: true}},
		{name: "OverEaster2026", h: onAgenda("awaiting_panel", recommended(7, "April panel", "2026-04-02")), today: "2026-04-10",
			want: expect{kind: ADMDecision, ref: 5, due: "2026-04-15", status: DueSoon,
				reason: "Within 7 working days of the recommendation of April panel on 2 Apr 2026 — " + nms14}},
		{name: "OverChristmas2025FromAFriday", h: onAgenda("awaiting_panel", recommended(7, "December panel", "2025-12-19")), today: "2026-01-03",
			want: expect{kind: ADMDecision, ref: 5, due: "2026-01-02", status: Overdue, reason: "December panel on 19 Dec 2025", partial: true}},
		{name: "OverChristmas2026", h: onAgenda("awaiting_panel", recommended(7, "December panel", "2026-12-22")), today: "2027-01-05",
			want: expect{kind: ADMDecision, ref: 5, due: "2027-01-05", status: DueSoon, reason: "December panel on 22 Dec 2026", partial: true}},
		{name: "OverSaturdayChristmasAndNewYear2027", h: onAgenda("awaiting_panel", recommended(7, "December panel", "2027-12-23")), today: "2028-01-05",
			want: expect{kind: ADMDecision, ref: 5, due: "2028-01-06", status: DueSoon, reason: "December panel on 23 Dec 2027", partial: true}},
		{name: "OverEarlyMayBankHoliday", h: onAgenda("awaiting_panel", recommended(7, "April panel", "2026-04-30")), today: "2026-05-13",
			want: expect{kind: ADMDecision, ref: 5, due: "2026-05-12", status: Overdue, reason: "April panel on 30 Apr 2026", partial: true}},
		{name: "OverSummerBankHoliday", h: onAgenda("awaiting_panel", recommended(7, "August panel", "2026-08-28")), today: "2026-09-09",
			want: expect{kind: ADMDecision, ref: 5, due: "2026-09-09", status: DueSoon, reason: "August panel on 28 Aug 2026", partial: true}},
		{name: "LatestRecommendationCounts", h: onAgenda("awaiting_panel", recommended(7, "March panel", "2026-03-10"), recommended(8, "April panel", "2026-04-14")), today: "2026-04-24",
			want: expect{kind: ADMDecision, ref: 5, due: "2026-04-23", status: Overdue,
				reason: "Within 7 working days of the recommendation of April panel on 14 Apr 2026 — " + nms14}},
		{name: "DecisionDateRecordedEndsIt", h: with(onAgenda("awaiting_panel", recommended(7, "January panel", "2026-01-12")), func(h *Household) { h.Reviews[0].DecidedOn = d("2026-01-20") }),
			want: expect{kind: ADMDecision, ref: 5, absent: true}},
		{name: "NotBeforeARecommendation", h: onAgenda("awaiting_panel", PanelItem{ID: 7, PanelName: "January panel", MeetsOn: d("2026-01-12")}),
			want: expect{kind: ADMDecision, ref: 5, absent: true}},
		{name: "CancelledReviewNeedsNoDecision", h: onAgenda("cancelled", recommended(7, "January panel", "2026-01-12")),
			want: expect{kind: ADMDecision, ref: 5, absent: true}},
		{name: "SuspendedStillNeedsADecision", h: with(onAgenda("awaiting_panel", recommended(7, "January panel", "2026-01-12")), func(h *Household) { h.Status = "suspended" }), today: "2026-01-22",
			want: expect{kind: ADMDecision, ref: 5, due: "2026-01-21", status: Overdue, reason: "on 12 Jan 2026", partial: true}},
	})
}

// TestPapersWarning shows what an agenda says about an item's papers for a
// panel on Tuesday 22 December 2026, whose deadline is Tuesday 15th.
func TestPapersWarning(t *testing.T) {
	meets := d("2026-12-22")
	sent := func(s string) *civil.Date { x := d(s); return &x }
	for _, tc := range []struct {
		name  string
		sent  *civil.Date
		today string
		want  string
	}{
		{"OnTime", sent("2026-12-14"), "2026-12-16", ""},
		{"OnTheDeadline", sent("2026-12-15"), "2026-12-16", ""},
		{"Late", sent("2026-12-18"), "2026-12-18", "Papers were sent on 18 Dec 2026, 2 working days before the panel: NMS 14 asks for at least 5; they were due by 15 Dec 2026"},
		{"NotYetSent", nil, "2026-12-01", "Papers not yet sent: they must go out by 15 Dec 2026"},
		{"OverdueUnsent", nil, "2026-12-16", "Papers have not been sent and were due by 15 Dec 2026"},
		{"PanelPastUnsent", nil, "2026-12-23", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := PapersWarning(meets, tc.sent, d(tc.today))
			if (tc.want == "") != (got == "") || !strings.HasPrefix(got, tc.want) {
				t.Errorf("PapersWarning = %q, want %q", got, tc.want)
			}
		})
	}
}
