package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// openReviewStatuses are the statuses of a review not yet decided or
// cancelled.
var openReviewStatuses = []review.Status{review.StatusScheduled, review.StatusGatheringViews,
	review.StatusReportWritten, review.StatusAwaitingPanel}

// scheduleFirstReview schedules household h's first review when h is
// approved and has none: due within a year of approval, and to panel (reg
// 28). An approval date moved later does not move a review already
// scheduled; that is a reschedule, with its reason.
func scheduleFirstReview(ctx context.Context, tx *ent.Client, actor Actor, h *ent.Household) error {
	if h.Status != household.StatusApproved || h.ApprovedOn == nil {
		return nil
	}
	has, err := tx.Review.Query().Where(review.HouseholdID(h.ID), review.KindEQ(review.KindFirst)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("look for a first review: %w", err)
	}
	if has {
		return nil
	}
	return scheduleReview(ctx, tx, actor, h.ID, review.KindFirst, h.ApprovedOn.AddYears(1),
		"household approved on "+h.ApprovedOn.String())
}

// scheduleNextReview schedules the annual review after a decided one,
// due within a year of its meeting, unless the household already has an
// open annual review (scheduled by hand ahead of the decision).
func scheduleNextReview(ctx context.Context, tx *ent.Client, actor Actor, decided *ent.Review) error {
	has, err := tx.Review.Query().Where(review.HouseholdID(decided.HouseholdID), review.IDNEQ(decided.ID),
		review.KindEQ(review.KindAnnual), review.StatusIn(openReviewStatuses...)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("look for an open review: %w", err)
	}
	if has {
		return nil
	}
	held := decided.DecidedOn
	if decided.MeetingOn != nil {
		held = decided.MeetingOn
	}
	return scheduleReview(ctx, tx, actor, decided.HouseholdID, review.KindAnnual, held.AddYears(1),
		fmt.Sprintf("review %d decided", decided.ID))
}

// scheduleReview creates a scheduled review and audits why it was made.
func scheduleReview(ctx context.Context, tx *ent.Client, actor Actor, householdID int, kind review.Kind, due civil.Date, why string) error {
	f := ReviewFields{Kind: kind, DueOn: due, Status: review.StatusScheduled, PanelRequired: kind == review.KindFirst}
	r, err := tx.Review.Create().SetHouseholdID(householdID).SetKind(f.Kind).SetDueOn(f.DueOn).
		SetStatus(f.Status).SetPanelRequired(f.PanelRequired).Save(ctx)
	if err != nil {
		return fmt.Errorf("schedule %s review: %w", kind, err)
	}
	changes := created(f.values())
	changes["scheduled_because"] = audit.Change{New: why}
	return Audit(ctx, tx, actor, auditevent.ActionCreate, "review", r.ID, changes)
}
