package compliance

import (
	"fmt"

	"github.com/hearth-registry/hearth/internal/civil"
)

// carerChecks covers one carer's health assessment, DBS check and TSD
// standards.
func carerChecks(h Household, c Carer, p Policy) []Item {
	s := Subject{Kind: ForCarer, ID: c.ID, Name: c.Name}
	return []Item{health(h, c, s, p), carerDBS(h, c, s, p), tsd(h, c, s)}
}

// health: an assessment at approval, renewed at the service's interval
// (CoramBAAF sets no statutory one). A pending assessment is not yet one.
func health(h Household, c Carer, s Subject, p Policy) Item {
	var last civil.Date
	for _, a := range c.Health {
		if a.Outcome != "pending" {
			last = latest(last, a.AssessedOn)
		}
	}
	it := Item{Kind: HealthAssessment, Subject: s, What: "Health assessment", Source: srcPolicy}
	every := plural(p.HealthRenewalMonths, "month", "months")
	switch {
	case !last.IsZero():
		it.DueOn = last.AddMonths(p.HealthRenewalMonths)
		it.Reason = fmt.Sprintf("Renewed every %s; last assessed on %s — %s (no statutory interval)", every, on(last), srcPolicy)
	case h.ApprovedOn.IsZero():
		return unknownApproval(HealthAssessment, s, it.What)
	default:
		it.DueOn = h.ApprovedOn
		it.Reason = fmt.Sprintf("None recorded: one is needed at approval on %s, then every %s — %s", on(h.ApprovedOn), every, srcPolicy)
	}
	return it
}

// carerDBS: an enhanced check with the children's barred list at approval,
// renewed at the service's interval.
func carerDBS(h Household, c Carer, s Subject, p Policy) Item {
	last := lastIssued(c.DBS)
	it := Item{Kind: DBSCheck, Subject: s, What: "DBS check", Source: srcPolicy}
	every := plural(p.DBSRenewalMonths, "month", "months")
	switch {
	case !last.IsZero():
		it.DueOn = last.AddMonths(p.DBSRenewalMonths)
		it.Reason = fmt.Sprintf("Renewed every %s; the last certificate was issued on %s — %s", every, on(last), srcPolicy)
	case h.ApprovedOn.IsZero():
		return unknownApproval(DBSCheck, s, it.What)
	default:
		it.DueOn = h.ApprovedOn
		it.Reason = fmt.Sprintf("None recorded: an enhanced check with the children's barred list is needed at approval on %s — %s", on(h.ApprovedOn), srcPolicy)
	}
	return it
}

// tsd: the Training, Support and Development standards within 12 months of
// approval, or 18 for a connected-person (family and friends) carer.
func tsd(h Household, c Carer, s Subject) Item {
	it := Item{Kind: TSDStandards, Subject: s, What: "TSD standards", Source: srcNMS20}
	if !c.TSDCompletedOn.IsZero() {
		it.Standing = Met
		it.DueOn = c.TSDCompletedOn
		it.Reason = fmt.Sprintf("Evidenced on %s — %s", on(c.TSDCompletedOn), srcNMS20)
		return it
	}
	if h.ApprovedOn.IsZero() {
		return unknownApproval(TSDStandards, s, it.What)
	}
	months, who := 12, ""
	if c.ConnectedPerson || h.hasCategory("connected_person") {
		months, who = 18, ", as a connected-person carer"
	}
	it.DueOn = h.ApprovedOn.AddMonths(months)
	it.Reason = fmt.Sprintf("Within %d months of approval on %s%s — %s", months, on(h.ApprovedOn), who, srcNMS20)
	return it
}

// memberDBS: every household member aged 18 or over needs a check, due on
// their 18th birthday (or on moving in, or at approval, if later), then
// renewed. Someone who moves out before it falls due needs none. With no
// date of birth the safe reading is that they may be an adult.
func memberDBS(h Household, m Member, p Policy) []Item {
	s := Subject{Kind: ForMember, ID: m.ID, Name: m.Name}
	it := Item{Kind: DBSCheck, Subject: s, What: "DBS check", Source: srcPolicy}
	last := lastIssued(m.DBS)
	switch {
	case !last.IsZero():
		it.DueOn = last.AddMonths(p.DBSRenewalMonths)
		it.Reason = fmt.Sprintf("Renewed every %s; the last certificate was issued on %s — %s",
			plural(p.DBSRenewalMonths, "month", "months"), on(last), srcPolicy)
	case m.DateOfBirth.IsZero():
		it.DueOn = latest(m.MovedInOn, h.ApprovedOn)
		if it.DueOn.IsZero() {
			return []Item{unknownApproval(DBSCheck, s, it.What)}
		}
		it.Reason = fmt.Sprintf("Date of birth not recorded, so treated as an adult: a check is needed for every member aged 18 or over; record the date of birth or the check — %s", srcPolicy)
	default:
		// Nothing falls due before the household was approved, as with an
		// unknown date of birth: an adult already living there then is
		// checked at approval, not on an 18th birthday years before it (which
		// also left someone who moved out before approval overdue for ever).
		adult := eighteenth(m.DateOfBirth)
		it.DueOn = latest(latest(adult, m.MovedInOn), h.ApprovedOn)
		switch it.DueOn {
		case adult:
			it.Reason = fmt.Sprintf("Every household member aged 18 or over needs a check: 18 on %s%s — %s",
				on(adult), leapBirthday(m.DateOfBirth), srcPolicy)
		case m.MovedInOn:
			it.Reason = fmt.Sprintf("Every household member aged 18 or over needs a check: an adult when moving in on %s — %s",
				on(m.MovedInOn), srcPolicy)
		default:
			it.Reason = fmt.Sprintf("Every household member aged 18 or over needs a check: an adult at approval on %s — %s",
				on(h.ApprovedOn), srcPolicy)
		}
	}
	if !m.MovedOutOn.IsZero() && !m.MovedOutOn.After(it.DueOn) {
		it.Standing = NotApplicable
		it.Reason = fmt.Sprintf("Moved out on %s, before a check fell due", on(m.MovedOutOn))
	}
	return []Item{it}
}

func leapBirthday(dob civil.Date) string {
	if dob.Month() == 2 && dob.Day() == 29 {
		return " (born on 29 Feb, so 18 on 1 Mar in a year without one: Family Law Reform Act 1969, s 9)"
	}
	return ""
}

func lastIssued(checks []DBS) (last civil.Date) {
	for _, d := range checks {
		last = latest(last, d.IssuedOn)
	}
	return last
}

func (h Household) hasCategory(c string) bool {
	for _, x := range h.Categories {
		if x == c {
			return true
		}
	}
	return false
}
