package registry

import (
	"slices"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
)

// ReviewScope narrows a review query to the reviews the viewer may see:
// those of the households they may see.
func (v Viewer) ReviewScope() []predicate.Review {
	scope := v.HouseholdScope()
	if scope == nil {
		return nil
	}
	return []predicate.Review{review.HasHouseholdWith(scope...)}
}

// ContributionScope narrows a contribution query to the views the viewer
// may read: every one for staff; for a carer only the views they gave
// themselves, so that what a child or a social worker said about them is
// never shown to them; none for anyone else.
func (v Viewer) ContributionScope() []predicate.Contribution {
	if v.HouseholdScope() == nil {
		return nil
	}
	if v.Role == user.RoleCarer && v.UserID != 0 {
		return []predicate.Contribution{contribution.SourceEQ(contribution.SourceCarer), contribution.AuthorID(v.UserID)}
	}
	return []predicate.Contribution{contribution.IDLT(0)}
}

// SeesReviewNotes reports whether the viewer may read a review's free-text
// staff notes (the report in progress, notes on proposed terms, why it was
// cancelled): staff may, a carer sees the review's dates and decision only.
func (v Viewer) SeesReviewNotes() bool { return v.HouseholdScope() == nil }

// MayDecideReviews reports whether the viewer may record a review's
// decision: the agency decision maker, and administrators.
func (v Viewer) MayDecideReviews() bool { return v.Role == user.RoleAdm || v.Role == user.RoleAdmin }

// MayWriteReview reports whether the viewer may change anything on review
// r of a household supervised by sswID: whoever may change the household,
// the decision maker (the decision only), and the reviewing officer the
// review is assigned to (the report only). An API token with the reviewing
// officer's role has no caseload, so it writes any review's report.
func (v Viewer) MayWriteReview(r *ent.Review, sswID *int) bool {
	return v.MayChangeHousehold(sswID) || v.MayDecideReviews() || v.writesReportOf(r)
}

// MayGatherViews reports whether the viewer may record and correct the
// views gathered for review r: the household's social worker or a manager,
// and the review's reviewing officer. A carer adds their own views only.
func (v Viewer) MayGatherViews(r *ent.Review, sswID *int) bool {
	return v.MayChangeHousehold(sswID) || v.writesReportOf(r)
}

// MayChangeTerms reports whether the viewer may record a household's terms
// of approval: whoever may change the household, and the decision maker.
func (v Viewer) MayChangeTerms(sswID *int) bool {
	return v.MayChangeHousehold(sswID) || v.MayDecideReviews()
}

// MayManagePanels reports whether the viewer may arrange panels and their
// agendas: managers and administrators.
func (v Viewer) MayManagePanels() bool { return v.Role == user.RoleAdmin || v.Role == user.RoleManager }

// PanelScope narrows a panel query to the panels the viewer may see: every
// one for staff, those a panel member sits on or chairs, none otherwise.
func (v Viewer) PanelScope() []predicate.Panel {
	if v.HouseholdScope() == nil {
		return nil
	}
	if v.Role == user.RolePanelMember && v.UserID != 0 {
		return []predicate.Panel{panel.Or(panel.HasMembersWith(user.ID(v.UserID)), panel.ChairID(v.UserID))}
	}
	return []predicate.Panel{panel.IDLT(0)}
}

func (v Viewer) writesReportOf(r *ent.Review) bool {
	return v.Role == user.RoleReviewingOfficer &&
		(v.UserID == 0 || (r.ReviewingOfficerID != nil && *r.ReviewingOfficerID == v.UserID))
}

// reviewReportFields are what the reviewing officer writes.
var reviewReportFields = []string{"meeting_on", "report", "recommendation", "proposed_categories",
	"proposed_number_of_children", "proposed_age_from", "proposed_age_to", "proposed_terms_note"}

// reviewDecisionFields are the decision, recorded only by the decision maker.
var reviewDecisionFields = []string{"outcome", "decided_on", "decision_reasons", "decided_by_id"}

// reviewReportStatuses are the steps a reviewing officer moves a review
// through; later steps belong to the panel and the decision maker.
var reviewReportStatuses = []any{string(review.StatusScheduled), string(review.StatusGatheringViews), string(review.StatusReportWritten)}

// ReviewChangesRefused lists, in order, the changed fields of review r
// (of a household supervised by sswID) that the viewer may not make.
func (v Viewer) ReviewChangesRefused(r *ent.Review, sswID *int, changes audit.Changes) []string {
	var out []string
	for name, ch := range changes {
		if !v.mayChangeReviewField(r, sswID, name, ch) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func (v Viewer) mayChangeReviewField(r *ent.Review, sswID *int, name string, ch audit.Change) bool {
	decided := string(review.StatusDecided)
	switch {
	case name == "status" && (ch.Old == decided || ch.New == decided):
		return v.MayDecideReviews()
	case name == "carer_agreed_to_change" && v.MayDecideReviews():
		return true
	case slices.Contains(reviewDecisionFields, name):
		return v.MayDecideReviews()
	case name == "reviewing_officer_id":
		return v.MayAllocate()
	case v.MayChangeHousehold(sswID):
		return true
	case name == "status":
		return v.writesReportOf(r) && slices.Contains(reviewReportStatuses, ch.Old) && slices.Contains(reviewReportStatuses, ch.New)
	}
	return slices.Contains(reviewReportFields, name) && v.writesReportOf(r)
}
