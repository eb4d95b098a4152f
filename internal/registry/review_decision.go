package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// RepresentationDays is how long a carer has, from the written notice of a
// qualifying determination, to make representations to the service or
// apply to the Independent Review Mechanism (reg 28(9), reg 29).
const RepresentationDays = 28

// Decision is the agency decision maker's decision on a review.
type Decision struct {
	DecidedOn           civil.Date
	Outcome             review.Outcome
	Reasons             string
	CarerAgreedToChange *bool
	NoticeSentOn        *civil.Date
	// Terms are the revised terms, for an outcome of terms_revised.
	Terms *ProposedTerms
}

// ProposedTerms are terms of approval a review proposes or decides.
type ProposedTerms struct {
	Categories       []string
	NumberOfChildren int
	AgeFrom, AgeTo   int
	Notes            string
}

// Qualifying reports whether d is a qualifying determination: a
// termination, or a change of terms the carer did not agree to. It takes
// effect only after the carer's time for representations.
func (d Decision) Qualifying() bool {
	return d.Outcome == review.OutcomeApprovalTerminated ||
		(d.Outcome == review.OutcomeTermsRevised && (d.CarerAgreedToChange == nil || !*d.CarerAgreedToChange))
}

// RepresentationsUntil is the last day a carer given notice of a
// qualifying determination on r may make representations, or nil when r
// is not one or no notice is recorded.
func RepresentationsUntil(r *ent.Review) *civil.Date {
	if r.Status != review.StatusDecided || r.NoticeSentOn == nil || r.Outcome == nil {
		return nil
	}
	d := Decision{Outcome: *r.Outcome, CarerAgreedToChange: r.CarerAgreedToChange}
	if !d.Qualifying() {
		return nil
	}
	until := r.NoticeSentOn.AddDays(RepresentationDays)
	return &until
}

// DecideReview records the decision maker's decision on a review, and in
// the same transaction applies it: approval continuing or terms revised
// schedules the next review; terms revised with the carer's agreement
// closes the current terms and opens the new ones from the decision date.
// A qualifying determination changes nothing yet: the carer is given
// notice and time, and ConfirmDetermination applies it afterwards.
func DecideReview(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, d Decision) (*ent.Review, error) {
	var r *ent.Review
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := reviewToDecide(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		recommended, err := decidable(ctx, tx, old)
		if err != nil {
			return err
		}
		if err := invalidIfAny(func(fields map[string]string) error { return checkDecision(old, d, recommended, fields) }); err != nil {
			return err
		}
		f := ReviewFieldsOf(old)
		f.Status, f.DecidedOn, f.Outcome, f.DecisionReasons = review.StatusDecided, &d.DecidedOn, &d.Outcome, d.Reasons
		f.CarerAgreedToChange, f.NoticeSentOn, f.decidedByID = d.CarerAgreedToChange, d.NoticeSentOn, nil
		if v.UserID != 0 {
			f.decidedByID = &v.UserID
		}
		if t := d.Terms; t != nil {
			f.ProposedCategories, f.ProposedNumberOfChildren = t.Categories, &t.NumberOfChildren
			f.ProposedAgeFrom, f.ProposedAgeTo, f.ProposedTermsNote = &t.AgeFrom, &t.AgeTo, t.Notes
		}
		r, err = f.apply(tx.Review.UpdateOneID(id).Where(review.Version(version))).Save(ctx)
		if ent.IsNotFound(err) {
			return stale("review", version, version+1)
		}
		if err != nil {
			return fmt.Errorf("decide review: %w", err)
		}
		if err := Audit(ctx, tx, actor, auditevent.ActionUpdate, "review", id, changed(ReviewFieldsOf(old).values(), f.values())); err != nil {
			return err
		}
		if d.Outcome == review.OutcomeTermsRevised && !d.Qualifying() {
			if err := reviseTerms(ctx, tx, actor, r, d.DecidedOn, "with the carer's agreement"); err != nil {
				return err
			}
		}
		if d.Outcome == review.OutcomeApprovalTerminated {
			return nil
		}
		return scheduleNextReview(ctx, tx, actor, r)
	})
	return r, err
}

// reviewToDecide reads review id for the decision maker, as of version.
func reviewToDecide(ctx context.Context, tx *ent.Client, v Viewer, id, version int) (*ent.Review, error) {
	r, err := VisibleReview(ctx, tx, v, id)
	if err != nil {
		return nil, err
	}
	if !v.MayDecideReviews() {
		return nil, Errorf(EFORBIDDEN, "Only the agency decision maker records a review's decision and makes it take effect.")
	}
	if r.Version != version {
		return nil, stale("review", version, r.Version)
	}
	return r, nil
}

// decidable refuses a decision on a review not ready for one (409, naming
// its status): the report must be written, and a review that must go to
// panel must have been there and had the panel's recommendation.
// It answers the date of the panel's latest recommendation, nil when
// no panel is needed, for the decision's own date to follow.
func decidable(ctx context.Context, tx *ent.Client, r *ent.Review) (*civil.Date, error) {
	switch {
	case r.Status == review.StatusAwaitingPanel:
	case r.Status == review.StatusReportWritten && !r.PanelRequired:
		return nil, nil
	case r.Status == review.StatusReportWritten:
		return nil, Errorf(ECONFLICT, "Review %d is report_written and must go to panel before it is decided: move it to awaiting_panel and put it on a panel's agenda.", r.ID)
	default:
		return nil, Errorf(ECONFLICT, "Review %d is %s: a decision is recorded once the report is written%s.", r.ID, r.Status, panelNote(r))
	}
	recommended, err := lastRecommendation(ctx, tx, r.ID)
	if err != nil {
		return nil, err
	}
	if recommended == nil {
		return nil, Errorf(ECONFLICT, "Review %d is awaiting panel and the panel has not yet made its recommendation: the decision follows it (NMS 14).", r.ID)
	}
	return recommended, nil
}

func panelNote(r *ent.Review) string {
	if r.PanelRequired {
		return " and the panel has made its recommendation"
	}
	return ""
}

// lastRecommendation is the date of the panel's latest recommendation on
// review id, or nil when no panel has recommended.
func lastRecommendation(ctx context.Context, tx *ent.Client, id int) (*civil.Date, error) {
	item, err := tx.PanelItem.Query().Where(panelitem.ReviewID(id), panelitem.RecommendedOnNotNil()).
		Order(ent.Desc(panelitem.FieldRecommendedOn)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the panel's recommendation: %w", err)
	}
	return item.RecommendedOn, nil
}

// checkDecision names what is missing or wrong in a decision on r, whose
// panel recommended on recommended (nil: no panel has): the decision
// follows the review meeting and the panel's recommendation (NMS 14), and
// the written notice follows the decision.
func checkDecision(r *ent.Review, d Decision, recommended *civil.Date, fields map[string]string) error {
	if r.MeetingOn != nil && d.DecidedOn.Before(*r.MeetingOn) {
		fields["decided_on"] = "The date of the decision must be the same as or after the date of the review meeting, " + r.MeetingOn.Long()
	}
	if recommended != nil && d.DecidedOn.Before(*recommended) {
		fields["decided_on"] = "The date of the decision must be the same as or after the panel's recommendation, " + recommended.Long()
	}
	if d.Outcome == review.OutcomeTermsRevised {
		if d.Terms == nil {
			fields["terms"] = "Enter the revised terms of approval"
		}
		if d.CarerAgreedToChange == nil {
			fields["carer_agreed_to_change"] = "Choose whether the carers agreed to the change: a change without their agreement is a qualifying determination"
		}
	}
	if d.Qualifying() && d.NoticeSentOn == nil {
		fields["notice_sent_on"] = fmt.Sprintf("Enter the date written notice was sent: the carers must be given written notice and %d days to make representations", RepresentationDays)
	}
	if d.NoticeSentOn != nil && d.NoticeSentOn.Before(d.DecidedOn) {
		fields["notice_sent_on"] = "The date written notice was sent must be the same as or after the date of the decision"
	}
	return nil
}

// ConfirmDetermination makes a qualifying determination take effect on
// effective, once the carer's time for representations has passed: a
// termination ends the household's approval and cancels its open reviews;
// a revision closes the current terms and opens the decided ones.
func ConfirmDetermination(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, effective civil.Date) (*ent.Review, error) {
	var r *ent.Review
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := reviewToDecide(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		until := RepresentationsUntil(old)
		switch {
		case until == nil:
			return Errorf(ECONFLICT, "Review %d is %s and has no qualifying determination with notice given to confirm.", id, old.Status)
		case old.DeterminationEffectiveOn != nil:
			return Errorf(ECONFLICT, "Review %d's determination already took effect on %s.", id, old.DeterminationEffectiveOn)
		case !effective.After(*until):
			return Invalid(map[string]string{"effective_on": fmt.Sprintf(
				"The date the determination takes effect must be after %s: the carers have %d days from the notice on %s to make representations or apply to the Independent Review Mechanism",
				until.Long(), RepresentationDays, old.NoticeSentOn.Long())})
		}
		r, err = tx.Review.UpdateOneID(id).Where(review.Version(version)).SetDeterminationEffectiveOn(effective).Save(ctx)
		if ent.IsNotFound(err) {
			return stale("review", version, version+1)
		}
		if err != nil {
			return fmt.Errorf("confirm determination: %w", err)
		}
		if err := Audit(ctx, tx, actor, auditevent.ActionUpdate, "review", id, audit.Changes{
			"determination_effective_on": {New: effective.String()}}); err != nil {
			return err
		}
		if *r.Outcome == review.OutcomeTermsRevised {
			return reviseTerms(ctx, tx, actor, r, effective, "a qualifying determination, after the time for representations")
		}
		return endApproval(ctx, tx, actor, r)
	})
	return r, err
}

// reviseTerms closes the household's current terms the day before on and
// opens the terms review r decided.
func reviseTerms(ctx context.Context, tx *ent.Client, actor Actor, r *ent.Review, on civil.Date, how string) error {
	if r.ProposedNumberOfChildren == nil || r.ProposedAgeFrom == nil || r.ProposedAgeTo == nil || len(r.ProposedCategories) == 0 {
		return Errorf(ECONFLICT, "Review %d revised the terms but does not hold the revised terms.", r.ID)
	}
	current, err := tx.ApprovalTerms.Query().Where(approvalterms.HouseholdID(r.HouseholdID), approvalterms.EffectiveToIsNil()).All(ctx)
	if err != nil {
		return fmt.Errorf("read current terms: %w", err)
	}
	for _, c := range current {
		if !c.EffectiveFrom.Before(on) {
			return Errorf(ECONFLICT, "The household's current terms took effect on %s, not before %s: correct them before revising.", c.EffectiveFrom, on)
		}
		if err := closeTerms(ctx, tx, actor, c, on.AddDays(-1)); err != nil {
			return err
		}
	}
	f := TermsFields{Categories: r.ProposedCategories, NumberOfChildren: *r.ProposedNumberOfChildren,
		AgeFrom: *r.ProposedAgeFrom, AgeTo: *r.ProposedAgeTo, Notes: r.ProposedTermsNote, EffectiveFrom: on, ReviewID: &r.ID,
		Decision: fmt.Sprintf("Revised at review %d by the agency decision maker on %s, %s", r.ID, r.DecidedOn, how)}
	t, err := tx.ApprovalTerms.Create().SetHouseholdID(r.HouseholdID).SetCategories(f.Categories).
		SetNumberOfChildren(f.NumberOfChildren).SetAgeFrom(f.AgeFrom).SetAgeTo(f.AgeTo).SetNotes(f.Notes).
		SetDecision(f.Decision).SetEffectiveFrom(on).SetReviewID(r.ID).Save(ctx)
	if err != nil {
		return fmt.Errorf("open revised terms: %w", err)
	}
	return Audit(ctx, tx, actor, auditevent.ActionCreate, "approval_terms", t.ID, created(f.values()))
}
