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
