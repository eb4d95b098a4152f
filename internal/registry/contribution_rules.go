package registry

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/civil"
)

// takesViews refuses views, from anyone, for a review that has been
// decided or cancelled: the decision was made on the views gathered, and a
// view added or changed afterwards would read as if it had been before the
// decision maker.
func takesViews(r *ent.Review) error {
	switch r.Status {
	case review.StatusDecided:
		return Errorf(ECONFLICT, "Review %d has been decided, so views can no longer be added to it or changed: the decision was made on the views it had.", r.ID)
	case review.StatusCancelled:
		return Errorf(ECONFLICT, "Review %d was cancelled, so it takes no views.", r.ID)
	}
	return nil
}

// carersViewsStatus is when a carer may send views for their household's
// review: while the review is gathering them, the step the "My views"
// page offers.
const carersViewsStatus = review.StatusGatheringViews

// carersOwnViews checks and completes views a carer sends for review r.
// Who gave them, in what role and when come from the carer's account and
// the day, whatever the request says: a carer who names someone else, a
// role other than carer, or another day is refused (422, naming the
// field) rather than silently corrected, because the words would
// otherwise be filed as the carer's own when they meant them as another's.
// A name that differs only in case or spacing is the carer's, and is
// stored as the service records it.
func carersOwnViews(ctx context.Context, tx *ent.Client, v Viewer, r *ent.Review, f ContributionFields) (ContributionFields, error) {
	if r.Status != carersViewsStatus {
		return f, Errorf(ECONFLICT, "Review %d is not gathering views, so you cannot send views for it now.", r.ID)
	}
	me, err := tx.Carer.Query().Where(carer.UserID(v.UserID), carer.HouseholdID(r.HouseholdID)).Only(ctx)
	if ent.IsNotFound(err) {
		return f, Errorf(ENOTFOUND, "There is no review %d, or you cannot see it.", r.ID)
	}
	if err != nil {
		return f, fmt.Errorf("read the carer sending views: %w", err)
	}
	name, today := fullName(me.FirstName, me.LastName), civil.Today(time.Now())
	fields := map[string]string{}
	if f.Source != contribution.SourceCarer {
		fields["source"] = "Send your own views only: as a carer you cannot record views for someone else"
	}
	if !sameName(f.AuthorName, name) {
		fields["author_name"] = fmt.Sprintf("Enter your own name, %s: the views you send are recorded as yours", name)
	}
	if f.ReceivedOn != today {
		fields["received_on"] = fmt.Sprintf("Enter today's date, %s: views you send are dated the day you send them", today.Long())
	}
	if len(fields) > 0 {
		return f, Invalid(fields)
	}
	f.AuthorName, f.ReceivedOn = name, today
	return f, nil
}

// sameName reports whether two names are one, ignoring case and spacing.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// ReviewGatheringViews reads the review of household householdID that a
// carer may send views for (carersViewsStatus), the earliest due first, or
// nil when there is none.
func ReviewGatheringViews(ctx context.Context, client *ent.Client, v Viewer, householdID int) (*ent.Review, error) {
	r, err := client.Review.Query().Where(review.HouseholdID(householdID), review.StatusEQ(carersViewsStatus)).
		Where(v.ReviewScope()...).Order(ent.Asc(review.FieldDueOn)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the review gathering views: %w", err)
	}
	return r, nil
}
