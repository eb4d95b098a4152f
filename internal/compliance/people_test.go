package compliance

import "testing"

func TestCarerChecks(t *testing.T) {
	h := approvedHousehold("2025-01-31")
	carer := func(change func(*Carer)) Household {
		return with(h, func(h *Household) {
			c := h.Carers[0]
			change(&c)
			h.Carers = []Carer{c}
		})
	}
	run(t, []scenario{
		{name: "HealthRenewedEveryThreeYearsAtMonthEnd", h: carer(func(c *Carer) { c.Health = []Health{{AssessedOn: d("2023-05-31"), Outcome: "fit"}} }),
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2026-05-31",
				reason: "Renewed every 36 months; last assessed on 31 May 2023 — service policy (no statutory interval)"}},
		{name: "PendingHealthAssessmentDoesNotCount", h: carer(func(c *Carer) {
			c.Health = []Health{{AssessedOn: d("2023-05-31"), Outcome: "fit"}, {AssessedOn: d("2026-05-01"), Outcome: "pending"}}
		}), want: expect{kind: HealthAssessment, subject: ForCarer, due: "2026-05-31", reason: "31 May 2023", partial: true}},
		{name: "NoHealthAssessmentWasDueAtApproval", h: h,
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2025-01-31", reason: "None recorded: one is needed at approval on 31 Jan 2025", partial: true}},
		{name: "ServiceSetsHealthInterval", h: carer(func(c *Carer) { c.Health = []Health{{AssessedOn: d("2024-11-30"), Outcome: "fit"}} }),
			policy: func(p *Policy) { p.HealthRenewalMonths = 15 },
			want:   expect{kind: HealthAssessment, subject: ForCarer, due: "2026-02-28", reason: "Renewed every 15 months", partial: true}},
		{name: "CarerDBSRenewedFromTheLatestCertificate", h: carer(func(c *Carer) {
			c.DBS = []DBS{{IssuedOn: d("2020-01-10")}, {IssuedOn: d("2023-12-04")}}
		}), want: expect{kind: DBSCheck, subject: ForCarer, due: "2026-12-04",
			reason: "Renewed every 36 months; the last certificate was issued on 4 Dec 2023 — service policy"}},
		{name: "NoCarerDBSWasDueAtApproval", h: h,
			want: expect{kind: DBSCheck, subject: ForCarer, due: "2025-01-31", reason: "children's barred list is needed at approval", partial: true}},
		{name: "TSDWithinTwelveMonths", h: h,
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2026-01-31",
				reason: "Within 12 months of approval on 31 Jan 2025 — Fostering National Minimum Standards 2011, standard 20"}},
		{name: "TSDEighteenMonthsForConnectedPersonClampedToMonthEnd", h: with(approvedHousehold("2025-08-31"), func(h *Household) { h.Carers[0].ConnectedPerson = true }),
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2027-02-28", reason: "Within 18 months of approval on 31 Aug 2025, as a connected-person carer", partial: true}},
		{name: "TSDEighteenMonthsWhenApprovedAsConnectedPerson", h: with(h, func(h *Household) { h.Categories = []string{"connected_person"} }),
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2026-07-31", reason: "as a connected-person carer", partial: true}},
		{name: "TSDEvidenced", h: carer(func(c *Carer) { c.TSDCompletedOn = d("2025-10-02") }),
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2025-10-02", standing: Met,
				reason: "Evidenced on 2 Oct 2025 — Fostering National Minimum Standards 2011, standard 20"}},
	})
}

func TestMemberDBS(t *testing.T) {
	h := approvedHousehold("2019-09-01")
	member := func(m Member) Household {
		return with(h, func(h *Household) { m.ID, m.Name = 20, "Ngozi Àdìgún"; h.Members = []Member{m} })
	}
	run(t, []scenario{
		{name: "DueOnThe18thBirthday", h: member(Member{Relationship: "birth_child", DateOfBirth: d("2008-12-15")}),
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-12-15",
				reason: "Every household member aged 18 or over needs a check: 18 on 15 Dec 2026 — service policy"}},
		{name: "BornOn29FebTurns18On1Mar", h: member(Member{Relationship: "birth_child", DateOfBirth: d("2008-02-29")}),
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-03-01", reason: "born on 29 Feb, so 18 on 1 Mar", partial: true}},
		{name: "AdultMovingInIsDueOnMovingIn", h: member(Member{Relationship: "lodger", DateOfBirth: d("1990-04-01"), MovedInOn: d("2026-06-01")}),
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-06-01", reason: "an adult when moving in on 1 Jun 2026", partial: true}},
		{name: "RenewedFromTheLastCertificate", h: member(Member{Relationship: "adult_child", DateOfBirth: d("2000-01-01"), DBS: []DBS{{IssuedOn: d("2024-02-29")}}}),
			want: expect{kind: DBSCheck, subject: ForMember, due: "2027-02-28", reason: "issued on 29 Feb 2024", partial: true}},
		{name: "NoDateOfBirthIsTreatedAsAnAdult", h: member(Member{Relationship: "relative"}),
			want: expect{kind: DBSCheck, subject: ForMember, due: "2019-09-01", reason: "Date of birth not recorded, so treated as an adult", partial: true}},
		{name: "MovedOutBeforeTurning18NeedsNone", h: member(Member{Relationship: "birth_child", DateOfBirth: d("2008-12-15"), MovedOutOn: d("2026-09-01")}),
			want: expect{kind: DBSCheck, subject: ForMember, standing: NotApplicable, due: "2026-12-15",
				reason: "Moved out on 1 Sep 2026, before a check fell due"}},
		{name: "MovingOutAfterTurning18StillNeedsOne", h: member(Member{Relationship: "birth_child", DateOfBirth: d("2008-12-15"), MovedOutOn: d("2027-09-01")}),
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-12-15", reason: "18 on 15 Dec 2026", partial: true}},
	})
}

// withCarers is h with its carers replaced.
func withCarers(h Household, carers ...Carer) Household {
	return with(h, func(h *Household) { h.Carers = carers })
}

// TestHealthAssessment: policy (CoramBAAF sets no statutory interval) — one
// at approval, renewed every 36 months from the last assessment that is not
// pending, clamped to a shorter month's end.
func TestHealthAssessment(t *testing.T) {
	h := approvedHousehold("2025-01-31")
	assessed := func(hs ...Health) Household { return withCarers(h, Carer{ID: 10, Name: "Siân Jones", Health: hs}) }
	run(t, []scenario{
		{name: "OKTheDayBeforeTheWindow", h: assessed(Health{AssessedOn: d("2023-05-31"), Outcome: "fit"}), today: "2026-03-31",
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2026-05-31", status: OK, source: srcPolicy,
				reason: "Renewed every 36 months; last assessed on 31 May 2023 — service policy (no statutory interval)"}},
		{name: "DueSoonAtTheWindowsEdge", h: assessed(Health{AssessedOn: d("2023-05-31"), Outcome: "fit"}), today: "2026-04-01",
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2026-05-31", status: DueSoon, reason: "31 May 2023", partial: true}},
		{name: "OverdueTheDayAfter", h: assessed(Health{AssessedOn: d("2023-05-31"), Outcome: "fit"}), today: "2026-06-01",
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2026-05-31", status: Overdue, reason: "31 May 2023", partial: true}},
		{name: "AssessedOn29FebRenewedBy28Feb", h: assessed(Health{AssessedOn: d("2024-02-29"), Outcome: "fit"}), today: "2027-02-28",
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2027-02-28", status: DueSoon, reason: "last assessed on 29 Feb 2024", partial: true}},
		{name: "FitWithConditionsCounts", h: assessed(Health{AssessedOn: d("2024-03-01"), Outcome: "fit_with_conditions"}), today: "2027-03-02",
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2027-03-01", status: Overdue, reason: "last assessed on 1 Mar 2024", partial: true}},
		{name: "LatestOfSeveralWhateverTheOrder", h: assessed(Health{AssessedOn: d("2024-06-01"), Outcome: "fit"}, Health{AssessedOn: d("2022-01-01"), Outcome: "fit"}), today: "2026-01-01",
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2027-06-01", status: OK, reason: "last assessed on 1 Jun 2024", partial: true}},
		{name: "OnlyPendingIsDueAtApproval", h: assessed(Health{AssessedOn: d("2025-03-01"), Outcome: "pending"}), today: "2025-03-02",
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2025-01-31", status: Overdue,
				reason: "None recorded: one is needed at approval on 31 Jan 2025, then every 36 months — service policy"}},
		{name: "NoneIsDueSoonOnTheDayOfApproval", h: h, today: "2025-01-31",
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2025-01-31", status: DueSoon, reason: "None recorded", partial: true}},
		{name: "SixMonthPolicyClampedToFebruary", h: assessed(Health{AssessedOn: d("2025-08-31"), Outcome: "fit"}), policy: func(p *Policy) { p.HealthRenewalMonths = 6 }, today: "2026-03-01",
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2026-02-28", status: Overdue, reason: "Renewed every 6 months; last assessed on 31 Aug 2025", partial: true}},
		{name: "OnHoldStillDue", h: with(assessed(Health{AssessedOn: d("2023-05-31"), Outcome: "fit"}), func(h *Household) { h.Status = "on_hold" }), today: "2026-06-01",
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2026-05-31", status: Overdue, reason: "31 May 2023", partial: true}},
		{name: "NoApprovalDateAndNoneRecorded", h: with(h, func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-01-01",
			want: expect{kind: HealthAssessment, subject: ForCarer, standing: NotApplicable, status: NotApplicableNow, reason: "The date of approval is not recorded", partial: true}},
		{name: "NoApprovalDateButOneRecorded", h: with(assessed(Health{AssessedOn: d("2023-05-31"), Outcome: "fit"}), func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-06-01",
			want: expect{kind: HealthAssessment, subject: ForCarer, due: "2026-05-31", status: Overdue, reason: "31 May 2023", partial: true}},
		{name: "TerminatedNeedsNone", h: with(assessed(Health{AssessedOn: d("2020-05-31"), Outcome: "fit"}), func(h *Household) { h.Status = "terminated"; h.EndedOn = d("2025-06-01") }),
			want: expect{kind: HealthAssessment, subject: ForCarer, absent: true}},
	})
}

// TestCarerDBS: policy — an enhanced check with the children's barred list
// at approval, renewed every 36 months from the latest certificate, for
// each carer separately.
func TestCarerDBS(t *testing.T) {
	h := approvedHousehold("2025-01-31")
	checked := func(issued ...string) Household {
		var dbs []DBS
		for _, s := range issued {
			dbs = append(dbs, DBS{IssuedOn: d(s), Outcome: "clear"})
		}
		return withCarers(h, Carer{ID: 10, Name: "Siân Jones", DBS: dbs})
	}
	run(t, []scenario{
		{name: "DueSoonOnTheDay", h: checked("2023-12-04"), today: "2026-12-04",
			want: expect{kind: DBSCheck, subject: ForCarer, due: "2026-12-04", status: DueSoon, source: srcPolicy,
				reason: "Renewed every 36 months; the last certificate was issued on 4 Dec 2023 — service policy"}},
		{name: "OverdueTheDayAfter", h: checked("2023-12-04"), today: "2026-12-05",
			want: expect{kind: DBSCheck, subject: ForCarer, due: "2026-12-04", status: Overdue, reason: "issued on 4 Dec 2023", partial: true}},
		{name: "IssuedOn29FebRenewedBy28Feb", h: checked("2024-02-29"), today: "2027-03-01",
			want: expect{kind: DBSCheck, subject: ForCarer, due: "2027-02-28", status: Overdue, reason: "issued on 29 Feb 2024", partial: true}},
		{name: "IssuedOn29FebFourYearsKeeps29Feb", h: checked("2024-02-29"), policy: func(p *Policy) { p.DBSRenewalMonths = 48 }, today: "2028-02-29",
			want: expect{kind: DBSCheck, subject: ForCarer, due: "2028-02-29", status: DueSoon, reason: "Renewed every 48 months; the last certificate was issued on 29 Feb 2024", partial: true}},
		{name: "MonthEndClampedToFebruary", h: checked("2023-08-31"), policy: func(p *Policy) { p.DBSRenewalMonths = 30 }, today: "2026-03-01",
			want: expect{kind: DBSCheck, subject: ForCarer, due: "2026-02-28", status: Overdue, reason: "Renewed every 30 months", partial: true}},
		{name: "NoneIsDueAtApproval", h: h, today: "2025-01-31",
			want: expect{kind: DBSCheck, subject: ForCarer, due: "2025-01-31", status: DueSoon,
				reason: "None recorded: an enhanced check with the children's barred list is needed at approval on 31 Jan 2025 — service policy"}},
		{name: "EachCarerOnTheirOwnCertificate", h: withCarers(h,
			Carer{ID: 10, Name: "Siân Jones"},
			Carer{ID: 11, Name: "Łukasz Nowak", DBS: []DBS{{IssuedOn: d("2025-01-15"), Outcome: "clear"}}}), today: "2026-01-01",
			want: expect{kind: DBSCheck, subject: ForCarer, id: 11, due: "2028-01-15", status: OK, reason: "issued on 15 Jan 2025", partial: true}},
		{name: "TheOtherCarerStillDueAtApproval", h: withCarers(h,
			Carer{ID: 10, Name: "Siân Jones"},
			Carer{ID: 11, Name: "Łukasz Nowak", DBS: []DBS{{IssuedOn: d("2025-01-15"), Outcome: "clear"}}}), today: "2026-01-01",
			want: expect{kind: DBSCheck, subject: ForCarer, id: 10, due: "2025-01-31", status: Overdue, reason: "None recorded", partial: true}},
		{name: "SuspendedStillDue", h: with(checked("2023-12-04"), func(h *Household) { h.Status = "suspended" }), today: "2027-01-01",
			want: expect{kind: DBSCheck, subject: ForCarer, due: "2026-12-04", status: Overdue, reason: "issued on 4 Dec 2023", partial: true}},
		{name: "NoApprovalDateAndNoneRecorded", h: with(h, func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-01-01",
			want: expect{kind: DBSCheck, subject: ForCarer, standing: NotApplicable, status: NotApplicableNow, reason: "The date of approval is not recorded", partial: true}},
	})
}

// TestTSDStandards: NMS 20 — evidenced within 12 months of approval, or 18
// for a connected-person carer (flagged on the carer, or the household
// approved in that category); months run to the same day, or the month's
// last day when it has none.
func TestTSDStandards(t *testing.T) {
	h := approvedHousehold("2025-01-31")
	const nms20 = "Fostering National Minimum Standards 2011, standard 20"
	connected := func(h Household) Household { return with(h, func(h *Household) { h.Carers[0].ConnectedPerson = true }) }
	run(t, []scenario{
		{name: "DueSoonOnTheLastDay", h: h, today: "2026-01-31",
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2026-01-31", status: DueSoon, source: srcNMS20,
				reason: "Within 12 months of approval on 31 Jan 2025 — " + nms20}},
		{name: "OverdueTheDayAfter", h: h, today: "2026-02-01",
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2026-01-31", status: Overdue, reason: "Within 12 months", partial: true}},
		{name: "ApprovedOn29FebDueOn28Feb", h: approvedHousehold("2024-02-29"), today: "2025-03-01",
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2025-02-28", status: Overdue,
				reason: "Within 12 months of approval on 29 Feb 2024 — " + nms20}},
		{name: "ConnectedPersonApprovedOn29FebDueOn29Aug", h: connected(approvedHousehold("2024-02-29")), today: "2025-08-29",
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2025-08-29", status: DueSoon,
				reason: "Within 18 months of approval on 29 Feb 2024, as a connected-person carer — " + nms20}},
		{name: "ConnectedPersonFrom31AugReaches29FebInALeapYear", h: connected(approvedHousehold("2022-08-31")), today: "2024-03-01",
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2024-02-29", status: Overdue, reason: "Within 18 months of approval on 31 Aug 2022", partial: true}},
		{name: "ConnectedPersonFrom31AugClampedTo28Feb", h: connected(approvedHousehold("2023-08-31")), today: "2025-02-28",
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2025-02-28", status: DueSoon, reason: "as a connected-person carer", partial: true}},
		{name: "OnlyTheConnectedCarerGetsEighteenMonths", h: withCarers(h,
			Carer{ID: 10, Name: "Siân Jones"}, Carer{ID: 11, Name: "Ngozi Àdìgún", ConnectedPerson: true}), today: "2026-03-01",
			want: expect{kind: TSDStandards, subject: ForCarer, id: 11, due: "2026-07-31", status: OK, reason: "Within 18 months of approval on 31 Jan 2025, as a connected-person carer", partial: true}},
		{name: "TheOtherCarerKeepsTwelve", h: withCarers(h,
			Carer{ID: 10, Name: "Siân Jones"}, Carer{ID: 11, Name: "Ngozi Àdìgún", ConnectedPerson: true}), today: "2026-03-01",
			want: expect{kind: TSDStandards, subject: ForCarer, id: 10, due: "2026-01-31", status: Overdue, reason: "Within 12 months of approval on 31 Jan 2025 — " + nms20}},
		{name: "EvidencedIsMetLongAfter", h: withCarers(h, Carer{ID: 10, Name: "Siân Jones", TSDCompletedOn: d("2026-03-15")}), today: "2030-01-01",
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2026-03-15", standing: Met, status: OK, reason: "Evidenced on 15 Mar 2026 — " + nms20}},
		{name: "OnHoldStillDue", h: with(h, func(h *Household) { h.Status = "on_hold" }), today: "2026-02-01",
			want: expect{kind: TSDStandards, subject: ForCarer, due: "2026-01-31", status: Overdue, reason: "Within 12 months", partial: true}},
		{name: "NoApprovalDate", h: with(h, func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-02-01",
			want: expect{kind: TSDStandards, subject: ForCarer, standing: NotApplicable, status: NotApplicableNow, reason: "The date of approval is not recorded", partial: true}},
	})
}

// TestMemberDBSDated: policy — every member aged 18 or over: due on the
// 18th birthday (1 Mar for someone born on 29 Feb), on moving in as an
// adult, or at approval for someone already an adult then; never before
// the household was approved; none for someone gone before it fell due.
func TestMemberDBSDated(t *testing.T) {
	h := approvedHousehold("2019-09-01")
	member := func(m Member) Household {
		return with(h, func(h *Household) { m.ID, m.Name = 20, "Ngozi Àdìgún"; h.Members = []Member{m} })
	}
	child := Member{Relationship: "birth_child", DateOfBirth: d("2008-12-15")}
	leapling := Member{Relationship: "birth_child", DateOfBirth: d("2008-02-29")}
	run(t, []scenario{
		{name: "OKJustOutsideTheWindow", h: member(child), today: "2026-10-15",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-12-15", status: OK, source: srcPolicy,
				reason: "Every household member aged 18 or over needs a check: 18 on 15 Dec 2026 — service policy"}},
		{name: "DueSoonAtTheWindowsEdge", h: member(child), today: "2026-10-16",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-12-15", status: DueSoon, reason: "18 on 15 Dec 2026", partial: true}},
		{name: "DueSoonOnThe18thBirthday", h: member(child), today: "2026-12-15",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-12-15", status: DueSoon, reason: "18 on 15 Dec 2026", partial: true}},
		{name: "OverdueTheDayAfter", h: member(child), today: "2026-12-16",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-12-15", status: Overdue, reason: "18 on 15 Dec 2026", partial: true}},
		{name: "BornOn29FebNotOverdueOn28Feb", h: member(leapling), today: "2026-02-28",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-03-01", status: DueSoon,
				reason: "Every household member aged 18 or over needs a check: 18 on 1 Mar 2026 (born on 29 Feb, so 18 on 1 Mar in a year without one: Family Law Reform Act 1969, s 9) — service policy"}},
		{name: "BornOn29FebDueSoonOn1Mar", h: member(leapling), today: "2026-03-01",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-03-01", status: DueSoon, reason: "18 on 1 Mar 2026", partial: true}},
		{name: "BornOn29FebOverdueOn2Mar", h: member(leapling), today: "2026-03-02",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-03-01", status: Overdue, reason: "18 on 1 Mar 2026", partial: true}},
		{name: "BornOn31Dec", h: member(Member{Relationship: "birth_child", DateOfBirth: d("2008-12-31")}), today: "2027-01-01",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-12-31", status: Overdue, reason: "18 on 31 Dec 2026", partial: true}},
		{name: "AlreadyAnAdultAtApprovalIsDueAtApproval", h: member(Member{Relationship: "adult_child", DateOfBirth: d("1990-04-01")}), today: "2019-09-01",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2019-09-01", status: DueSoon,
				reason: "Every household member aged 18 or over needs a check: an adult at approval on 1 Sep 2019 — service policy"}},
		{name: "AdultWhoMovedInBeforeApprovalIsDueAtApproval", h: member(Member{Relationship: "lodger", DateOfBirth: d("1990-04-01"), MovedInOn: d("2015-01-01")}), today: "2019-09-02",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2019-09-01", status: Overdue, reason: "an adult at approval on 1 Sep 2019", partial: true}},
		{name: "AdultWhoLeftBeforeApprovalNeedsNone", h: member(Member{Relationship: "adult_child", DateOfBirth: d("1990-04-01"), MovedOutOn: d("2015-01-01")}), today: "2026-01-01",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2019-09-01", standing: NotApplicable, status: NotApplicableNow,
				reason: "Moved out on 1 Jan 2015, before a check fell due"}},
		{name: "AdultMovingInAfterApproval", h: member(Member{Relationship: "lodger", DateOfBirth: d("1990-04-01"), MovedInOn: d("2026-06-01")}), today: "2026-06-01",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-06-01", status: DueSoon,
				reason: "Every household member aged 18 or over needs a check: an adult when moving in on 1 Jun 2026 — service policy"}},
		{name: "ChildMovingInTurns18Later", h: member(Member{Relationship: "relative", DateOfBirth: d("2010-07-04"), MovedInOn: d("2026-06-01")}), today: "2026-06-01",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2028-07-04", status: OK, reason: "18 on 4 Jul 2028", partial: true}},
		{name: "NoDateOfBirthMovingInAfterApproval", h: member(Member{Relationship: "relative", MovedInOn: d("2026-06-01")}), today: "2026-06-02",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-06-01", status: Overdue,
				reason: "Date of birth not recorded, so treated as an adult: a check is needed for every member aged 18 or over; record the date of birth or the check — service policy"}},
		{name: "NoDateOfBirthMovedInBeforeApproval", h: member(Member{Relationship: "relative", MovedInOn: d("2018-01-01")}), today: "2019-09-01",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2019-09-01", status: DueSoon, reason: "Date of birth not recorded", partial: true}},
		{name: "NoDateOfBirthNoApprovalDateButMovedIn", h: with(member(Member{Relationship: "relative", MovedInOn: d("2026-01-05")}), func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-01-05",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-01-05", status: DueSoon, reason: "Date of birth not recorded", partial: true}},
		{name: "NoDateOfBirthNoDatesAtAll", h: with(member(Member{Relationship: "relative"}), func(h *Household) { h.ApprovedOn = civilZero }), today: "2026-01-05",
			want: expect{kind: DBSCheck, subject: ForMember, standing: NotApplicable, status: NotApplicableNow, reason: "The date of approval is not recorded", partial: true}},
		{name: "NoDateOfBirthMovedOutBeforeApproval", h: member(Member{Relationship: "relative", MovedInOn: d("2010-01-01"), MovedOutOn: d("2018-01-01")}), today: "2026-01-05",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2019-09-01", standing: NotApplicable, status: NotApplicableNow, reason: "Moved out on 1 Jan 2018, before a check fell due"}},
		{name: "MovingOutOnThe18thBirthdayNeedsNone", h: member(Member{Relationship: "birth_child", DateOfBirth: d("2008-12-15"), MovedOutOn: d("2026-12-15")}), today: "2027-01-01",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-12-15", standing: NotApplicable, status: NotApplicableNow, reason: "Moved out on 15 Dec 2026, before a check fell due"}},
		{name: "RenewedFromTheCheckAt18", h: member(Member{Relationship: "birth_child", DateOfBirth: d("2008-12-15"), DBS: []DBS{{IssuedOn: d("2026-12-10"), Outcome: "clear"}}}), today: "2029-12-10",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2029-12-10", status: DueSoon,
				reason: "Renewed every 36 months; the last certificate was issued on 10 Dec 2026 — service policy"}},
		{name: "NoRenewalAfterMovingOut", h: member(Member{Relationship: "birth_child", DateOfBirth: d("2000-12-15"), MovedOutOn: d("2027-01-01"), DBS: []DBS{{IssuedOn: d("2024-01-10"), Outcome: "clear"}}}), today: "2027-02-01",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2027-01-10", standing: NotApplicable, status: NotApplicableNow, reason: "Moved out on 1 Jan 2027, before a check fell due"}},
		{name: "OnHoldStillDueOnTheBirthday", h: with(member(child), func(h *Household) { h.Status = "on_hold" }), today: "2026-12-16",
			want: expect{kind: DBSCheck, subject: ForMember, due: "2026-12-15", status: Overdue, reason: "18 on 15 Dec 2026", partial: true}},
		{name: "EachMemberOnTheirOwnBirthday", h: with(h, func(h *Household) {
			h.Members = []Member{{ID: 20, Name: "Ngozi Àdìgún", DateOfBirth: d("2008-12-15")}, {ID: 21, Name: "Zoë Ward", DateOfBirth: d("2011-05-31")}}
		}), today: "2026-12-16",
			want: expect{kind: DBSCheck, subject: ForMember, id: 21, due: "2029-05-31", status: OK, reason: "18 on 31 May 2029", partial: true}},
		{name: "TerminatedNeedsNone", h: with(member(child), func(h *Household) { h.Status = "terminated"; h.EndedOn = d("2026-01-01") }),
			want: expect{kind: DBSCheck, subject: ForMember, absent: true}},
	})
}
