package registry

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/civil"
)

// ReviewFilter chooses a page of a review list: of one household or all,
// of some statuses and kinds, due between two dates (exclusive), of one
// reviewing officer or of none, soonest due first or (Latest) latest
// first; up to Limit after the position After.
type ReviewFilter struct {
	Household           int
	Statuses            []review.Status
	Kinds               []review.Kind
	DueBefore, DueAfter *civil.Date
	Officer             int
	NoOfficer           bool
	Latest              bool
	After               *Position
	Limit               int
}

// Reviews reads the page of reviews f chooses among those the viewer may
// see; a household the viewer may not see is not found.
func Reviews(ctx context.Context, client *ent.Client, v Viewer, f ReviewFilter) ([]*ent.Review, error) {
	q := client.Review.Query().Where(v.ReviewScope()...)
	if f.Household != 0 {
		if err := HouseholdVisible(ctx, client, v, f.Household); err != nil {
			return nil, err
		}
		q.Where(review.HouseholdID(f.Household))
	}
	if len(f.Statuses) > 0 {
		q.Where(review.StatusIn(f.Statuses...))
	}
	if len(f.Kinds) > 0 {
		q.Where(review.KindIn(f.Kinds...))
	}
	if f.DueBefore != nil {
		q.Where(review.DueOnLT(*f.DueBefore))
	}
	if f.DueAfter != nil {
		q.Where(review.DueOnGT(*f.DueAfter))
	}
	switch {
	case f.NoOfficer:
		q.Where(review.ReviewingOfficerIDIsNil())
	case f.Officer != 0:
		q.Where(review.ReviewingOfficerID(f.Officer))
	}
	// Then by id, so that equal dates keep one order across pages.
	order := []review.OrderOption{review.ByDueOn(), review.ByID()}
	if f.Latest {
		order = []review.OrderOption{review.ByDueOn(sql.OrderDesc()), review.ByID(sql.OrderDesc())}
	}
	switch a := f.After; {
	case a == nil:
	case f.Latest:
		q.Where(review.Or(review.DueOnLT(a.On), review.And(review.DueOn(a.On), review.IDLT(a.ID))))
	default:
		q.Where(review.Or(review.DueOnGT(a.On), review.And(review.DueOn(a.On), review.IDGT(a.ID))))
	}
	rows, err := q.Order(order...).Limit(f.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the reviews: %w", err)
	}
	return rows, nil
}
