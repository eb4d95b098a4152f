package registry

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// reviewSteps is the review lifecycle: from each status, the statuses a
// review may move to by an edit. A review is decided only by recording the
// decision (DecideReview), which also changes the approval terms and
// schedules the next review, so "decided" is never an edit's target. A
// report can go back for more views, and a review can be taken off a
// panel's agenda to be rewritten; decided and cancelled are final.
var reviewSteps = map[review.Status][]review.Status{
	review.StatusScheduled:      {review.StatusGatheringViews, review.StatusCancelled},
	review.StatusGatheringViews: {review.StatusReportWritten, review.StatusCancelled},
	review.StatusReportWritten:  {review.StatusAwaitingPanel, review.StatusGatheringViews, review.StatusCancelled},
	review.StatusAwaitingPanel:  {review.StatusReportWritten, review.StatusCancelled},
}

// correctableOnceDecided are the fields that may still be corrected on a
// decided review: when the written notice went, and the reasons as
// written. The outcome itself changed terms and scheduled the next
// review, so it is not edited afterwards.
var correctableOnceDecided = []string{"notice_sent_on", "decision_reasons"}

// reviewStepConflict refuses an edit of review old that the lifecycle
// does not allow, naming the review's current status (409).
func reviewStepConflict(old *ent.Review, f ReviewFields, changes audit.Changes) error {
	switch old.Status {
	case review.StatusCancelled:
		return Errorf(ECONFLICT, "Review %d was cancelled (%s) and cannot be changed.", old.ID, old.CancelledReason)
	case review.StatusDecided:
		var refused []string
		for name := range changes {
			// who decided follows the outcome; naming the outcome is enough
			if !slices.Contains(correctableOnceDecided, name) && name != "decided_by_id" {
				refused = append(refused, name)
			}
		}
		if len(refused) > 0 {
			slices.Sort(refused)
			return Errorf(ECONFLICT, "Review %d is decided: only %s can still be corrected, not %s.",
				old.ID, strings.Join(correctableOnceDecided, " and "), strings.Join(refused, ", "))
		}
		return nil
	}
	if f.Status == old.Status {
		return nil
	}
	if f.Status == review.StatusDecided {
		return Errorf(ECONFLICT, "Review %d is %s. A review is decided by recording the decision (POST /api/v1/reviews/%d/decision), which also updates the approval terms and schedules the next review.",
			old.ID, old.Status, old.ID)
	}
	if next := reviewSteps[old.Status]; !slices.Contains(next, f.Status) {
		return Errorf(ECONFLICT, "Review %d is %s and cannot move to %s; from %s it can move to %s.",
			old.ID, old.Status, f.Status, old.Status, statusList(next))
	}
	return nil
}

// reviewStepNeeds names the fields a step needs that are missing or wrong
// (422): a written report needs the meeting, held by today, the report
// and the recommendation; a cancellation needs its reason; a review moved
// to another date needs the reason it was moved. The API and the review
// workspace both show these words, so they say what to do, as a person
// would, and key them by the API's field names.
func reviewStepNeeds(ctx context.Context, tx *ent.Client, old *ent.Review, f ReviewFields, changes audit.Changes) error {
	return invalidIfAny(func(fields map[string]string) error {
		stepNeeds(f, old.Status, fields)
		if _, moved := changes["due_on"]; moved && f.RescheduleReason == "" {
			fields["reschedule_reason"] = fmt.Sprintf("Enter why the review is moved from %s to %s", old.DueOn.Long(), f.DueOn.Long())
		}
		checkMeetingHeld(f, fields)
		if _, moved := changes["meeting_on"]; moved {
			return checkMeetingAfterLast(ctx, tx, old, f, fields)
		}
		return nil
	})
}

// checkMeetingAfterLast refuses a review meeting dated on or before the
// household's previous review meeting: each review looks back over the
// time since the last one (its period), so a meeting before it would put
// the record's reviews out of order.
func checkMeetingAfterLast(ctx context.Context, tx *ent.Client, old *ent.Review, f ReviewFields, fields map[string]string) error {
	if f.MeetingOn == nil || fields["meeting_on"] != "" {
		return nil
	}
	prev, err := tx.Review.Query().Where(review.HouseholdID(old.HouseholdID), review.IDNEQ(old.ID), review.MeetingOnNotNil(),
		review.StatusNEQ(review.StatusCancelled), review.DueOnLT(old.DueOn)).Order(ent.Desc(review.FieldMeetingOn)).First(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the previous review meeting: %w", err)
	}
	if !f.MeetingOn.After(*prev.MeetingOn) {
		fields["meeting_on"] = "The date of the review meeting must be after the household's previous review meeting, " + prev.MeetingOn.Long()
	}
	return nil
}

// checkMeetingHeld refuses a meeting date after today for a review whose
// report is written: a meeting may be planned ahead, but the report comes
// after it.
func checkMeetingHeld(f ReviewFields, fields map[string]string) {
	held := []review.Status{review.StatusReportWritten, review.StatusAwaitingPanel, review.StatusDecided}
	if f.MeetingOn != nil && slices.Contains(held, f.Status) && f.MeetingOn.After(civil.Today(time.Now())) && fields["meeting_on"] == "" {
		fields["meeting_on"] = "The date of the review meeting must be today or in the past: the report is written after the meeting"
	}
}

// stepNeeds names what a review in f's status must have, when it has just
// moved there from was.
func stepNeeds(f ReviewFields, was review.Status, fields map[string]string) {
	if f.Status == was {
		return
	}
	switch f.Status {
	case review.StatusReportWritten:
		if f.MeetingOn == nil {
			fields["meeting_on"] = "Enter the date of the review meeting"
		}
		if f.Report == "" {
			fields["report"] = "Enter the report"
		}
		if f.Recommendation == nil {
			fields["recommendation"] = "Choose a recommendation"
		}
	case review.StatusCancelled:
		if f.CancelledReason == "" {
			fields["cancelled_reason"] = "Enter why the review is cancelled"
		}
	}
}

func statusList(ss []review.Status) string {
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = string(s)
	}
	return strings.Join(names, " or ")
}

// NextSteps are the statuses a review in status st can move to by an edit;
// a decision is recorded separately.
func NextSteps(st review.Status) []review.Status { return slices.Clone(reviewSteps[st]) }
