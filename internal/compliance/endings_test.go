package compliance

import "testing"

// TestResignation: reg 28 — approval ends 28 days after the carer's written
// notice is received; until then the household stays approved and its
// reviews stay due.
func TestResignation(t *testing.T) {
	const reg28 = "Fostering Services (England) Regulations 2011, reg 28"
	notice := func(received string) Household {
		return with(approvedHousehold("2015-06-01"), func(h *Household) { h.ResignationReceivedOn = d(received) })
	}
	run(t, []scenario{
		{name: "DueSoonOnThe28thDay", h: notice("2026-12-15"), today: "2027-01-12",
			want: expect{kind: ApprovalEnds, due: "2027-01-12", status: DueSoon, source: srcReg28,
				reason: "28 days after the written notice of resignation received on 15 Dec 2026; record the end of approval — " + reg28}},
		{name: "OverdueTheDayAfter", h: notice("2026-12-15"), today: "2027-01-13",
			want: expect{kind: ApprovalEnds, due: "2027-01-12", status: Overdue, reason: "received on 15 Dec 2026", partial: true}},
		{name: "ReceivedOn1FebInALeapYearEndsOn29Feb", h: notice("2024-02-01"), today: "2024-02-29",
			want: expect{kind: ApprovalEnds, due: "2024-02-29", status: DueSoon, reason: "received on 1 Feb 2024", partial: true}},
		{name: "ReceivedOn1FebInAnOrdinaryYearEndsOn1Mar", h: notice("2025-02-01"), today: "2025-03-01",
			want: expect{kind: ApprovalEnds, due: "2025-03-01", status: DueSoon, reason: "received on 1 Feb 2025", partial: true}},
		{name: "ReceivedOn31JanInALeapYearEndsOn28Feb", h: notice("2024-01-31"), today: "2024-02-29",
			want: expect{kind: ApprovalEnds, due: "2024-02-28", status: Overdue, reason: "received on 31 Jan 2024", partial: true}},
		{name: "CalendarDaysNotWorkingDaysOverChristmas", h: notice("2026-12-01"), today: "2026-12-29",
			want: expect{kind: ApprovalEnds, due: "2026-12-29", status: DueSoon, reason: "received on 1 Dec 2026", partial: true}},
		{name: "OnHoldHouseholdCanResign", h: with(notice("2026-12-15"), func(h *Household) { h.Status = "on_hold" }), today: "2027-01-13",
			want: expect{kind: ApprovalEnds, due: "2027-01-12", status: Overdue, reason: "received on 15 Dec 2026", partial: true}},
		{name: "ReviewsStillDueDuringTheNotice", h: with(notice("2026-05-20"), func(h *Household) {
			h.Reviews = []Review{heldReview(5, "annual", "2025-06-01")}
		}), today: "2026-06-02",
			want: expect{kind: AnnualReview, due: "2026-06-01", status: Overdue, reason: "on 1 Jun 2025", partial: true}},
		{name: "NoNoticeNoItem", h: approvedHousehold("2015-06-01"),
			want: expect{kind: ApprovalEnds, absent: true}},
		{name: "OnceResignedOnlyRetention", h: with(notice("2026-01-01"), func(h *Household) { h.Status = "resigned"; h.EndedOn = d("2026-01-29") }),
			want: expect{kind: ApprovalEnds, absent: true}},
	})
}

// decidedReview is household FH-0001 with review 9 decided on decided with
// outcome, the carer's agreement, and the notice (or none).
func decidedReview(outcome string, agreed bool, decided, notice string) Household {
	return with(approvedHousehold("2015-06-01"), func(h *Household) {
		h.Reviews = []Review{{ID: 9, Kind: "annual", Status: "decided", DueOn: d("2026-11-01"), MeetingOn: d("2026-10-01"),
			DecidedOn: dateOrZero(decided), Outcome: outcome, CarerAgreed: agreed, NoticeSentOn: dateOrZero(notice)}}
	})
}

// TestDeterminationNotice: reg 28 — a qualifying determination (approval
// terminated, or terms revised without the carer's agreement) needs written
// notice with reasons, due when it is made.
func TestDeterminationNotice(t *testing.T) {
	const reg28 = "Fostering Services (England) Regulations 2011, reg 28"
	run(t, []scenario{
		{name: "TerminationDueSoonOnTheDayDecided", h: decidedReview("approval_terminated", false, "2026-10-20", ""), today: "2026-10-20",
			want: expect{kind: DeterminationNotice, ref: 9, due: "2026-10-20", status: DueSoon, source: srcReg28,
				reason: "The determination of 20 Oct 2026 (approval terminated) is a qualifying determination: the carer must be sent written notice with reasons — " + reg28}},
		{name: "OverdueTheDayAfter", h: decidedReview("approval_terminated", false, "2026-10-20", ""), today: "2026-10-21",
			want: expect{kind: DeterminationNotice, ref: 9, due: "2026-10-20", status: Overdue, reason: "(approval terminated)", partial: true}},
		{name: "RevisionWithoutAgreement", h: decidedReview("terms_revised", false, "2026-10-20", ""), today: "2026-10-21",
			want: expect{kind: DeterminationNotice, ref: 9, due: "2026-10-20", status: Overdue,
				reason: "The determination of 20 Oct 2026 (terms revised) is a qualifying determination", partial: true}},
		{name: "NoDecisionDateFallsBackToTheReviewsDueDate", h: decidedReview("approval_terminated", false, "", ""), today: "2026-11-01",
			want: expect{kind: DeterminationNotice, ref: 9, due: "2026-11-01", status: DueSoon, reason: "The determination of 1 Nov 2026", partial: true}},
		{name: "OnHoldStillNeedsNotice", h: with(decidedReview("approval_terminated", false, "2026-10-20", ""), func(h *Household) { h.Status = "on_hold" }), today: "2026-10-21",
			want: expect{kind: DeterminationNotice, ref: 9, due: "2026-10-20", status: Overdue, reason: "qualifying determination", partial: true}},
		{name: "NoneOnceNoticeSent", h: decidedReview("approval_terminated", false, "2026-10-20", "2026-10-22"),
			want: expect{kind: DeterminationNotice, ref: 9, absent: true}},
		{name: "NoneForAnAgreedRevision", h: decidedReview("terms_revised", true, "2026-10-20", ""),
			want: expect{kind: DeterminationNotice, ref: 9, absent: true}},
		{name: "NoneForContinuedApproval", h: decidedReview("approval_continues", false, "2026-10-20", ""),
			want: expect{kind: DeterminationNotice, ref: 9, absent: true}},
		{name: "NoneBeforeTheDecision", h: with(decidedReview("approval_terminated", false, "", ""), func(h *Household) { h.Reviews[0].Status = "awaiting_panel" }),
			want: expect{kind: DeterminationNotice, ref: 9, absent: true}},
	})
}

// TestRepresentationsWindow: reg 28 — after notice of a qualifying
// determination the carer has 28 calendar days to make representations or
// apply to the Independent Review Mechanism; then the determination is
// recorded.
func TestRepresentationsWindow(t *testing.T) {
	const reg28 = "Fostering Services (England) Regulations 2011, reg 28"
	run(t, []scenario{
		{name: "DueSoonOnThe28thDay", h: decidedReview("approval_terminated", false, "2026-12-20", "2026-12-31"), today: "2027-01-28",
			want: expect{kind: RepresentationsWindow, ref: 9, due: "2027-01-28", status: DueSoon, source: srcReg28,
				reason: "The carer has 28 days from the notice sent on 31 Dec 2026 to make representations or apply to the Independent Review Mechanism; then record the determination (approval terminated) — " + reg28}},
		{name: "OverdueTheDayAfter", h: decidedReview("approval_terminated", false, "2026-12-20", "2026-12-31"), today: "2027-01-29",
			want: expect{kind: RepresentationsWindow, ref: 9, due: "2027-01-28", status: Overdue, reason: "notice sent on 31 Dec 2026", partial: true}},
		{name: "NoticeOn1FebInALeapYear", h: decidedReview("approval_terminated", false, "2024-01-30", "2024-02-01"), today: "2024-03-01",
			want: expect{kind: RepresentationsWindow, ref: 9, due: "2024-02-29", status: Overdue, reason: "notice sent on 1 Feb 2024", partial: true}},
		{name: "NoticeOn1FebInAnOrdinaryYear", h: decidedReview("approval_terminated", false, "2025-01-30", "2025-02-01"), today: "2025-03-01",
			want: expect{kind: RepresentationsWindow, ref: 9, due: "2025-03-01", status: DueSoon, reason: "notice sent on 1 Feb 2025", partial: true}},
		{name: "RevisionWithoutAgreement", h: decidedReview("terms_revised", false, "2026-10-20", "2026-10-21"), today: "2026-11-19",
			want: expect{kind: RepresentationsWindow, ref: 9, due: "2026-11-18", status: Overdue, reason: "then record the determination (terms revised)", partial: true}},
		{name: "SuspendedStillRuns", h: with(decidedReview("approval_terminated", false, "2026-12-20", "2026-12-31"), func(h *Household) { h.Status = "suspended" }), today: "2027-01-29",
			want: expect{kind: RepresentationsWindow, ref: 9, due: "2027-01-28", status: Overdue, reason: "notice sent on 31 Dec 2026", partial: true}},
		{name: "NoneForAnAgreedRevision", h: decidedReview("terms_revised", true, "2026-10-20", "2026-10-21"),
			want: expect{kind: RepresentationsWindow, ref: 9, absent: true}},
		{name: "NoneOnceTheRevisedTermsAreRecorded", h: with(decidedReview("terms_revised", false, "2026-10-20", "2026-10-21"), func(h *Household) { h.TermsFromReviews = []int{9} }),
			want: expect{kind: RepresentationsWindow, ref: 9, absent: true}},
		{name: "NoneOnceTheTerminationIsRecorded", h: with(decidedReview("approval_terminated", false, "2026-12-20", "2026-12-31"), func(h *Household) {
			h.Status = "terminated"
			h.EndedOn = d("2027-01-29")
		}), want: expect{kind: RepresentationsWindow, ref: 9, absent: true}},
	})
}

// TestRecordRetention: reg 32 — records are kept at least 10 years from the
// end of approval, 3 years for a refused or withdrawn application; the
// period runs to the same day, or 28 Feb when it started on 29 Feb.
func TestRecordRetention(t *testing.T) {
	const reg32 = "Fostering Services (England) Regulations 2011, reg 32"
	ended := func(status, on string) Household {
		return with(approvedHousehold("2005-06-01"), func(h *Household) { h.Status = status; h.EndedOn = dateOrZero(on) })
	}
	run(t, []scenario{
		{name: "TerminatedTenYears", h: ended("terminated", "2016-06-01"), today: "2026-06-01",
			want: expect{kind: RecordRetention, due: "2026-06-01", status: DueSoon, source: srcReg32,
				reason: "Kept at least 10 years from 1 Jun 2016, the date approval ended; nothing else is due — " + reg32}},
		{name: "TerminatedPastTheTenYears", h: ended("terminated", "2016-06-01"), today: "2026-06-02",
			want: expect{kind: RecordRetention, due: "2026-06-01", status: Overdue, reason: "from 1 Jun 2016", partial: true}},
		{name: "TerminatedLongBefore", h: ended("terminated", "2016-06-01"), today: "2026-01-01",
			want: expect{kind: RecordRetention, due: "2026-06-01", status: OK, reason: "from 1 Jun 2016", partial: true}},
		{name: "EndedOn29FebRunsTo28Feb", h: ended("terminated", "2016-02-29"), today: "2026-02-28",
			want: expect{kind: RecordRetention, due: "2026-02-28", status: DueSoon, reason: "Kept at least 10 years from 29 Feb 2016, the date approval ended", partial: true}},
		{name: "ResignedTenYears", h: ended("resigned", "2020-03-31"), today: "2030-04-01",
			want: expect{kind: RecordRetention, due: "2030-03-31", status: Overdue,
				reason: "Kept at least 10 years from 31 Mar 2020, the date approval ended; nothing else is due — " + reg32}},
		{name: "RefusedThreeYears", h: with(ended("refused", "2023-06-30"), func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-06-30",
			want: expect{kind: RecordRetention, due: "2026-06-30", status: DueSoon,
				reason: "Kept at least 3 years from 30 Jun 2023, the date the application was refused; nothing else is due — " + reg32}},
		{name: "RefusedOn29FebRunsTo28Feb", h: with(ended("refused", "2024-02-29"), func(h *Household) { h.ApprovedOn = civilZero }), today: "2027-03-01",
			want: expect{kind: RecordRetention, due: "2027-02-28", status: Overdue, reason: "Kept at least 3 years from 29 Feb 2024", partial: true}},
		{name: "WithdrawnThreeYears", h: with(ended("withdrawn", "2024-01-15"), func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-01-15",
			want: expect{kind: RecordRetention, due: "2027-01-15", status: OK,
				reason: "Kept at least 3 years from 15 Jan 2024, the date the application was withdrawn; nothing else is due — " + reg32}},
		{name: "ResignedWithoutAnEndDate", h: ended("resigned", ""), today: "2026-01-01",
			want: expect{kind: RecordRetention, standing: NotApplicable, status: NotApplicableNow,
				reason: "Records are kept 10 years from the date approval ended, which is not recorded: record it to start the retention period — " + reg32}},
		{name: "RefusedWithoutAnEndDate", h: ended("refused", ""), today: "2026-01-01",
			want: expect{kind: RecordRetention, standing: NotApplicable, status: NotApplicableNow,
				reason: "Records are kept 3 years from the date the application was refused, which is not recorded: record it to start the retention period — " + reg32}},
		{name: "NoneWhileApproved", h: approvedHousehold("2005-06-01"),
			want: expect{kind: RecordRetention, absent: true}},
		{name: "NoneWhileOnHold", h: with(approvedHousehold("2005-06-01"), func(h *Household) { h.Status = "on_hold"; h.EndedOn = d("2016-06-01") }),
			want: expect{kind: RecordRetention, absent: true}},
	})
}

// TestEndedHouseholdsHaveOnlyRetention: once approval has ended (or the
// application was refused or withdrawn), nothing is due but retention,
// however much else the record holds: reviews, panels, notices, members
// turning 18, lapsed training and checks.
func TestEndedHouseholdsHaveOnlyRetention(t *testing.T) {
	busy := approvedHousehold("2015-06-01")
	busy.Categories = []string{"short_term", "parent_and_child"}
	busy.ResignationReceivedOn = d("2025-12-01")
	busy.Members = []Member{{ID: 20, Name: "Ngozi Àdìgún", DateOfBirth: d("2008-12-15")}, {ID: 21, Name: "Zoë Ward"}}
	busy.Visits = []Visit{{Kind: "supervisory", VisitedOn: d("2025-11-01")}, {Kind: "unannounced", VisitedOn: d("2025-06-01")}}
	busy.Reviews = []Review{
		heldReview(4, "first", "2016-05-20"),
		{ID: 5, Kind: "annual", Status: "awaiting_panel", MeetingOn: d("2025-11-10"),
			PanelItems: []PanelItem{{ID: 7, PanelName: "December panel", MeetsOn: d("2025-12-09"), RecommendedOn: d("2025-12-09")}}},
		{ID: 6, Kind: "post_allegation", Status: "scheduled", DueOn: d("2026-01-31"), AllegationConcludedOn: d("2025-12-01")},
		{ID: 8, Kind: "annual", Status: "decided", MeetingOn: d("2025-01-10"), DecidedOn: d("2025-02-01"), Outcome: "approval_terminated"},
	}
	p := DefaultPolicy()
	p.Courses = testCourses()
	for _, row := range []struct {
		status, endedOn, due, reason string
	}{
		{"terminated", "2026-01-05", "2036-01-05", "Kept at least 10 years from 5 Jan 2026, the date approval ended; nothing else is due — Fostering Services (England) Regulations 2011, reg 32"},
		{"resigned", "2025-12-29", "2035-12-29", "Kept at least 10 years from 29 Dec 2025, the date approval ended; nothing else is due — Fostering Services (England) Regulations 2011, reg 32"},
		{"refused", "2024-02-29", "2027-02-28", "Kept at least 3 years from 29 Feb 2024, the date the application was refused; nothing else is due — Fostering Services (England) Regulations 2011, reg 32"},
		{"withdrawn", "2025-03-31", "2028-03-31", "Kept at least 3 years from 31 Mar 2025, the date the application was withdrawn; nothing else is due — Fostering Services (England) Regulations 2011, reg 32"},
	} {
		t.Run(row.status, func(t *testing.T) {
			h := busy
			h.Status, h.EndedOn = row.status, d(row.endedOn)
			items := Assess(h, p)
			if len(items) != 1 {
				t.Fatalf("want only the retention item, got %d: %+v", len(items), items)
			}
			it := items[0]
			if it.Kind != RecordRetention || it.Standing != Open || it.DueOn.String() != row.due || it.Reason != row.reason || it.Source != srcReg32 {
				t.Errorf("got %s %v due %s, %q (%s); want record_retention open due %s, %q", it.Kind, it.Standing, it.DueOn, it.Reason, it.Source, row.due, row.reason)
			}
			if got := it.StatusOn(d(row.due), p.WarningDays); got != DueSoon {
				t.Errorf("status on %s = %s, want due_soon", row.due, got)
			}
		})
	}
	t.Run("assessment", func(t *testing.T) {
		h := busy
		h.Status, h.ApprovedOn = "assessment", civilZero
		items := Assess(h, p)
		if len(items) != 1 || items[0].Standing != NotApplicable || OpenItems(items) != nil {
			t.Fatalf("want one not-applicable item while in assessment, got %+v", items)
		}
	})
}
