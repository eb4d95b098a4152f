package registry

import (
	"context"
	"fmt"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// ReviewFields are a review's editable fields, checked and typed. Who
// decided is not among them: it is whoever records the decision.
type ReviewFields struct {
	Kind                             review.Kind
	DueOn                            civil.Date
	MeetingOn, AllegationConcludedOn *civil.Date
	Status                           review.Status
	PanelRequired                    bool
	ReviewingOfficerID               *int
	Report, ProposedTermsNote        string
	Recommendation                   *review.Recommendation
	ProposedCategories               []string
	ProposedNumberOfChildren         *int
	ProposedAgeFrom, ProposedAgeTo   *int
	DecidedOn, NoticeSentOn          *civil.Date
	Outcome                          *review.Outcome
	DecisionReasons, CancelledReason string
	CarerAgreedToChange              *bool
	// RescheduleReason says why the review was moved to another date; it
	// is kept in the audit trail with the change of due_on.
	RescheduleReason string
	decidedByID      *int
}

// values lists the fields as the audit trail records them.
func (f ReviewFields) values() map[string]any {
	return map[string]any{
		"kind": string(f.Kind), "due_on": f.DueOn.String(), "meeting_on": dateValue(f.MeetingOn),
		"allegation_concluded_on": dateValue(f.AllegationConcludedOn), "status": string(f.Status),
		"panel_required": f.PanelRequired, "reviewing_officer_id": intValue(f.ReviewingOfficerID),
		"report": f.Report, "recommendation": auditEnum(f.Recommendation),
		"proposed_categories":         strings.Join(f.ProposedCategories, ","),
		"proposed_number_of_children": intValue(f.ProposedNumberOfChildren),
		"proposed_age_from":           intValue(f.ProposedAgeFrom), "proposed_age_to": intValue(f.ProposedAgeTo),
		"proposed_terms_note": f.ProposedTermsNote, "decided_on": dateValue(f.DecidedOn),
		"outcome": auditEnum(f.Outcome), "decision_reasons": f.DecisionReasons,
		"carer_agreed_to_change": auditBool(f.CarerAgreedToChange), "notice_sent_on": dateValue(f.NoticeSentOn),
		"cancelled_reason": f.CancelledReason, "decided_by_id": intValue(f.decidedByID),
	}
}

// ReviewFieldsOf is review r's fields as they stand, for a change of a
// few of them.
func ReviewFieldsOf(r *ent.Review) ReviewFields {
	return ReviewFields{Kind: r.Kind, DueOn: r.DueOn, MeetingOn: r.MeetingOn, AllegationConcludedOn: r.AllegationConcludedOn,
		Status: r.Status, PanelRequired: r.PanelRequired, ReviewingOfficerID: r.ReviewingOfficerID, Report: r.Report,
		ProposedTermsNote: r.ProposedTermsNote, Recommendation: r.Recommendation, ProposedCategories: r.ProposedCategories,
		ProposedNumberOfChildren: r.ProposedNumberOfChildren, ProposedAgeFrom: r.ProposedAgeFrom, ProposedAgeTo: r.ProposedAgeTo,
		DecidedOn: r.DecidedOn, NoticeSentOn: r.NoticeSentOn, Outcome: r.Outcome, DecisionReasons: r.DecisionReasons,
		CancelledReason: r.CancelledReason, CarerAgreedToChange: r.CarerAgreedToChange,
		decidedByID: r.DecidedByID}
}

// withDecider is f as it will be saved: a first review always goes to
// panel (reg 28), and a decision is recorded as the viewer's when it
// changes.
func (f ReviewFields) withDecider(old *ent.Review, v Viewer) ReviewFields {
	f.PanelRequired = f.PanelRequired || f.Kind == review.KindFirst
	if old != nil {
		f.decidedByID = old.DecidedByID
	}
	if old == nil || !sameDay(old.DecidedOn, f.DecidedOn) || auditEnum(old.Outcome) != auditEnum(f.Outcome) {
		f.decidedByID = nil
		if f.Outcome != nil && v.UserID != 0 {
			f.decidedByID = &v.UserID
		}
	}
	return f
}

// CheckReview adds to fields what is wrong with a new review f: a meeting
// after today for a written report, or a reviewing officer who is not an
// active one.
func CheckReview(ctx context.Context, client *ent.Client, f ReviewFields, fields map[string]string) error {
	checkMeetingHeld(f, fields)
	if f.ReviewingOfficerID == nil {
		return nil
	}
	ok, err := client.User.Query().Where(user.ID(*f.ReviewingOfficerID), user.Active(true),
		user.RoleEQ(user.RoleReviewingOfficer)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check reviewing officer: %w", err)
	}
	if !ok {
		fields["reviewing_officer_id"] = "Choose an active reviewing officer"
	}
	return nil
}

// CreateReview schedules a review of a household and audits it.
func CreateReview(ctx context.Context, client *ent.Client, actor Actor, v Viewer, householdID int, f ReviewFields) (*ent.Review, error) {
	var r *ent.Review
	err := InTx(ctx, client, func(tx *ent.Client) error {
		h, err := visibleHousehold(ctx, tx, v, householdID)
		if err != nil {
			return err
		}
		if !v.MayChangeHousehold(h.SswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker or a manager can schedule its reviews.")
		}
		f = f.withDecider(nil, v)
		values := f.values()
		if refused := v.ReviewChangesRefused(&ent.Review{}, h.SswID, created(values)); len(refused) > 0 {
			return reviewRefused(refused)
		}
		if err := invalidIfAny(func(fields map[string]string) error { return CheckReview(ctx, tx, f, fields) }); err != nil {
			return err
		}
		r, err = tx.Review.Create().SetHouseholdID(householdID).SetKind(f.Kind).SetDueOn(f.DueOn).
			SetNillableMeetingOn(f.MeetingOn).SetNillableAllegationConcludedOn(f.AllegationConcludedOn).
			SetStatus(f.Status).SetPanelRequired(f.PanelRequired).SetNillableReviewingOfficerID(f.ReviewingOfficerID).
			SetReport(f.Report).SetNillableRecommendation(f.Recommendation).SetProposedCategories(f.ProposedCategories).
			SetNillableProposedNumberOfChildren(f.ProposedNumberOfChildren).SetNillableProposedAgeFrom(f.ProposedAgeFrom).
			SetNillableProposedAgeTo(f.ProposedAgeTo).SetProposedTermsNote(f.ProposedTermsNote).
			SetNillableDecidedByID(f.decidedByID).SetNillableDecidedOn(f.DecidedOn).SetNillableOutcome(f.Outcome).
			SetDecisionReasons(f.DecisionReasons).SetNillableCarerAgreedToChange(f.CarerAgreedToChange).
			SetNillableNoticeSentOn(f.NoticeSentOn).SetCancelledReason(f.CancelledReason).Save(ctx)
		if err != nil {
			return fmt.Errorf("create review: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "review", r.ID, created(values))
	})
	return r, err
}

// UpdateReview replaces a review's fields, if the viewer may make each
// change and the version is the one they read; the change is audited field
// by field.
func UpdateReview(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f ReviewFields) (*ent.Review, error) {
	var r *ent.Review
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := VisibleReview(ctx, tx, v, id)
		if err != nil {
			return err
		}
		sswID := old.Edges.Household.SswID
		if !v.MayWriteReview(old, sswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker, a manager, the review's own reviewing officer or the decision maker can change this review.")
		}
		if old.Version != version {
			return stale("review", version, old.Version)
		}
		f = f.withDecider(old, v)
		changes := changed(ReviewFieldsOf(old).values(), f.values())
		// The lifecycle first: "review 12 is decided" says more than which
		// fields the viewer may not touch.
		if err := reviewStepConflict(old, f, changes); err != nil {
			return err
		}
		if refused := v.ReviewChangesRefused(old, sswID, changes); len(refused) > 0 {
			return reviewRefused(refused)
		}
		if err := reviewStepNeeds(ctx, tx, old, f, changes); err != nil {
			return err
		}
		if _, moved := changes["due_on"]; moved {
			changes["reschedule_reason"] = audit.Change{New: f.RescheduleReason}
		}
		// A reviewing officer who has since left still wrote this review:
		// only a newly assigned one must be active.
		if _, reassigned := changes["reviewing_officer_id"]; reassigned {
			if err := invalidIfAny(func(fields map[string]string) error { return CheckReview(ctx, tx, f, fields) }); err != nil {
				return err
			}
		}
		if len(changes) == 0 {
			r = old
			return nil
		}
		r, err = f.apply(tx.Review.UpdateOneID(id).Where(review.Version(version))).Save(ctx)
		if ent.IsNotFound(err) {
			return stale("review", version, version+1)
		}
		if err != nil {
			return fmt.Errorf("update review: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "review", id, changes)
	})
	return r, err
}

// apply sets every field of f on u: an update replaces the whole review.
func (f ReviewFields) apply(u *ent.ReviewUpdateOne) *ent.ReviewUpdateOne {
	u.SetKind(f.Kind).SetDueOn(f.DueOn).SetStatus(f.Status).SetPanelRequired(f.PanelRequired).SetReport(f.Report).
		SetProposedTermsNote(f.ProposedTermsNote).SetDecisionReasons(f.DecisionReasons).SetCancelledReason(f.CancelledReason)
	setOrClear(f.MeetingOn, u.SetMeetingOn, u.ClearMeetingOn)
	setOrClear(f.AllegationConcludedOn, u.SetAllegationConcludedOn, u.ClearAllegationConcludedOn)
	setOrClear(f.ReviewingOfficerID, u.SetReviewingOfficerID, u.ClearReviewingOfficerID)
	setOrClear(f.Recommendation, u.SetRecommendation, u.ClearRecommendation)
	setOrClear(f.ProposedNumberOfChildren, u.SetProposedNumberOfChildren, u.ClearProposedNumberOfChildren)
	setOrClear(f.ProposedAgeFrom, u.SetProposedAgeFrom, u.ClearProposedAgeFrom)
	setOrClear(f.ProposedAgeTo, u.SetProposedAgeTo, u.ClearProposedAgeTo)
	setOrClear(f.decidedByID, u.SetDecidedByID, u.ClearDecidedByID)
	setOrClear(f.DecidedOn, u.SetDecidedOn, u.ClearDecidedOn)
	setOrClear(f.Outcome, u.SetOutcome, u.ClearOutcome)
	setOrClear(f.CarerAgreedToChange, u.SetCarerAgreedToChange, u.ClearCarerAgreedToChange)
	setOrClear(f.NoticeSentOn, u.SetNoticeSentOn, u.ClearNoticeSentOn)
	if len(f.ProposedCategories) == 0 {
		return u.ClearProposedCategories()
	}
	return u.SetProposedCategories(f.ProposedCategories)
}

// ArchiveReview archives a review, if the viewer may change its household
// and the version is the one they read. A review still on a panel's agenda
// stays: take it off the agenda first.
func ArchiveReview(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	return InTx(ctx, client, func(tx *ent.Client) error {
		old, err := VisibleReview(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !v.MayChangeHousehold(old.Edges.Household.SswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker or a manager can archive its reviews.")
		}
		if old.Version != version {
			return stale("review", version, old.Version)
		}
		onPanel, err := tx.PanelItem.Query().Where(panelitem.ReviewID(id)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("check panel items: %w", err)
		}
		if onPanel {
			return Errorf(ECONFLICT, "Review %d is on a panel's agenda: remove it from the panel before archiving it.", id)
		}
		if err := tx.Review.DeleteOneID(id).Where(review.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "review", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "review", id, nil)
	})
}

// ViewReview reads one review the viewer may see, and records that they
// saw it.
func ViewReview(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.Review, error) {
	r, err := VisibleReview(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	return r, Audit(ctx, client, actor, auditevent.ActionView, "review", id, nil)
}

// VisibleReview reads a live review the viewer may see, with its household;
// any other is "not found", so that guessing ids reveals nothing.
func VisibleReview(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.Review, error) {
	r, err := client.Review.Query().Where(review.ID(id)).Where(v.ReviewScope()...).WithHousehold().Only(ctx)
	if ent.IsNotFound(err) || (err == nil && r.Edges.Household == nil) {
		return nil, Errorf(ENOTFOUND, "There is no review %d, or you cannot see it.", id)
	}
	return r, err
}

// reviewRefused names the changes the viewer may not make.
func reviewRefused(names []string) error {
	fields := map[string]string{}
	for _, n := range names {
		fields[n] = "You cannot change this on this review"
	}
	e := Errorf(EFORBIDDEN, "You cannot make that change to this review: managers assign reviewing officers, a reviewing officer writes the report of the reviews assigned to them, and only the agency decision maker records the decision.")
	e.Fields = fields
	return e
}

// checked runs a check against the registry and reports what it found as
// one invalid-input error.
func invalidIfAny(check func(fields map[string]string) error) error {
	fields := map[string]string{}
	if err := check(fields); err != nil {
		return err
	}
	if len(fields) > 0 {
		return Invalid(fields)
	}
	return nil
}

func auditEnum[T ~string](v *T) any {
	if v == nil {
		return nil
	}
	return string(*v)
}

func auditBool(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func sameDay(a, b *civil.Date) bool { return dateValue(a) == dateValue(b) }

// KeepsReviewingOfficer reports whether review id already has officer as
// its reviewing officer: one who has since left still wrote the review
// they were assigned, so keeping them is not checked again. A review that
// cannot be read is the update's to answer for.
func KeepsReviewingOfficer(ctx context.Context, client *ent.Client, id, officer int) bool {
	old, err := client.Review.Get(ctx, id)
	return err == nil && old.ReviewingOfficerID != nil && *old.ReviewingOfficerID == officer
}
