package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/review"
)

// endApproval ends a household's approval on the date a termination
// decided at review r takes effect: the household is terminated (which
// starts the retention clock), its current terms end the day before, and
// its reviews still open are cancelled, since there is no approval left to
// review. Each change is audited.
func endApproval(ctx context.Context, tx *ent.Client, actor Actor, r *ent.Review) error {
	effective := *r.DeterminationEffectiveOn
	h, err := tx.Household.Get(ctx, r.HouseholdID)
	if err != nil {
		return fmt.Errorf("read household %d: %w", r.HouseholdID, err)
	}
	before := householdFieldsOf(h)
	after := before
	after.Status, after.EndedOn = household.StatusTerminated, &effective
	if err := tx.Household.UpdateOneID(h.ID).Where(household.Version(h.Version)).
		SetStatus(after.Status).SetEndedOn(effective).Exec(ctx); err != nil {
		if ent.IsNotFound(err) {
			return stale("household", h.Version, h.Version+1)
		}
		return fmt.Errorf("end approval of household %d: %w", h.ID, err)
	}
	if err := Audit(ctx, tx, actor, auditevent.ActionUpdate, "household", h.ID, changed(before.values(), after.values())); err != nil {
		return err
	}
	current, err := tx.ApprovalTerms.Query().Where(approvalterms.HouseholdID(h.ID), approvalterms.EffectiveToIsNil()).All(ctx)
	if err != nil {
		return fmt.Errorf("read current terms: %w", err)
	}
	for _, c := range current {
		if err := closeTerms(ctx, tx, actor, c, effective.AddDays(-1)); err != nil {
			return err
		}
	}
	open, err := tx.Review.Query().Where(review.HouseholdID(h.ID), review.StatusIn(openReviewStatuses...)).All(ctx)
	if err != nil {
		return fmt.Errorf("read open reviews: %w", err)
	}
	why := fmt.Sprintf("Approval terminated from %s (review %d)", effective, r.ID)
	for _, o := range open {
		if err := tx.Review.UpdateOneID(o.ID).Where(review.Version(o.Version)).
			SetStatus(review.StatusCancelled).SetCancelledReason(why).Exec(ctx); err != nil {
			return fmt.Errorf("cancel review %d: %w", o.ID, err)
		}
		if err := Audit(ctx, tx, actor, auditevent.ActionUpdate, "review", o.ID, changed(
			map[string]any{"status": string(o.Status), "cancelled_reason": o.CancelledReason},
			map[string]any{"status": string(review.StatusCancelled), "cancelled_reason": why})); err != nil {
			return err
		}
	}
	return nil
}
