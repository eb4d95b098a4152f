package compliance

import "github.com/hearth-registry/hearth/internal/civil"

// Policy holds the service's own settings. Statutory periods (a year between
// reviews, 28 days' notice, 5 and 7 working days) are fixed in the rules;
// these are the ones each service chooses, with the defaults docs/design.md lists.
type Policy struct {
	// WarningDays: an open item is due soon this many days before its date.
	WarningDays int `json:"warning_days"`
	// HealthRenewalMonths: a carer's health assessment is renewed this often.
	HealthRenewalMonths int `json:"health_renewal_months"`
	// DBSRenewalMonths: carers' and adult members' DBS checks are renewed this often.
	DBSRenewalMonths int `json:"dbs_renewal_months"`
	// SupervisoryVisitDays: the longest gap between supervisory visits.
	SupervisoryVisitDays int `json:"supervisory_visit_days"`
	// PostAllegationReviewDays: a review follows the end of an allegation
	// investigation within this many days.
	PostAllegationReviewDays int `json:"post_allegation_review_days"`
	// NewCarerTrainingMonths: a mandatory course never taken is due this
	// many months after approval.
	NewCarerTrainingMonths int `json:"new_carer_training_months"`
	// Courses is the catalogue; its mandatory flags, validity and
	// categories decide the training items.
	Courses []Course `json:"-"`
}

// DefaultPolicy is the defaults of docs/design.md's table: 60 days' warning, health and DBS every
// 3 years, a supervisory visit at least every 6 weeks, a post-allegation
// review within 6 weeks, mandatory training within a year of approval.
func DefaultPolicy() Policy {
	return Policy{
		WarningDays:              60,
		HealthRenewalMonths:      36,
		DBSRenewalMonths:         36,
		SupervisoryVisitDays:     42,
		PostAllegationReviewDays: 42,
		NewCarerTrainingMonths:   12,
	}
}

// Course is one entry of the training catalogue.
type Course struct {
	ID             int
	Code           string
	Title          string
	Mandatory      bool
	ValidityMonths int      // 0: never expires
	AppliesTo      []string // approval categories; empty: every carer
}

// Sources, quoted in every reason so a reader can check the rule.
const (
	srcReg28      = "Fostering Services (England) Regulations 2011, reg 28"
	srcReg32      = "Fostering Services (England) Regulations 2011, reg 32"
	srcNMS14      = "Fostering National Minimum Standards 2011, standard 14"
	srcNMS20      = "Fostering National Minimum Standards 2011, standard 20"
	srcNMS21      = "Fostering National Minimum Standards 2011, standard 21.8"
	srcPolicy     = "service policy"
	srcProcedures = "service procedures"
)

// WarningDaysFor is how many days ahead an item of kind k counts as due
// soon: the service's window, except that a supervisory visit warns at most
// a third of its interval ahead. With the defaults (a visit every 42 days, a
// 60-day window) every household would otherwise show its next visit as due
// soon the day after the last one, and the real warnings would drown.
func (p Policy) WarningDaysFor(k Kind) int {
	if k == SupervisoryVisit && p.SupervisoryVisitDays > 0 {
		return min(p.WarningDays, max(1, p.SupervisoryVisitDays/3))
	}
	return p.WarningDays
}

// StatusOf is the item's status on today under this policy's windows.
func (p Policy) StatusOf(it Item, today civil.Date) Status {
	return it.StatusOn(today, p.WarningDaysFor(it.Kind))
}
