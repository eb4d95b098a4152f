package compliance

import (
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
