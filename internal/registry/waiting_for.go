package registry

import (
	"context"
	"fmt"
	"slices"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// Waiting is a review that waits for the viewer to act: what they are to
// do, and by when, if a rule sets a date.
type Waiting struct {
	Review    *ent.Review
	Household *ent.Household
	What      string
	By        *civil.Date
}

// waitingShown bounds the list: a person's own work fits in it.
const waitingShown = 50

// WaitingFor is the reviews waiting for the viewer, most urgent first:
// for the agency decision maker, those ready for a decision (the panel
// has recommended, due within 7 working days of it (NMS 14), or the
// report is written and no panel is needed); for a reviewing officer, the
// open reviews they are assigned. Anyone else has none.
func WaitingFor(ctx context.Context, client *ent.Client, v Viewer) ([]Waiting, error) {
	q := client.Review.Query().Where(v.ReviewScope()...).WithHousehold().
		WithPanelItems(func(q *ent.PanelItemQuery) { q.Where(panelitem.RecommendedOnNotNil()).WithPanel() })
	switch {
	case v.Role == user.RoleAdm:
		q.Where(review.Or(
			review.And(review.StatusEQ(review.StatusAwaitingPanel), review.HasPanelItemsWith(panelitem.RecommendedOnNotNil())),
			review.And(review.StatusEQ(review.StatusReportWritten), review.PanelRequired(false))))
	case v.Role == user.RoleReviewingOfficer && v.UserID != 0:
		q.Where(review.ReviewingOfficerID(v.UserID), review.StatusNotIn(review.StatusDecided, review.StatusCancelled))
	default:
		return nil, nil
	}
	rows, err := q.Order(ent.Asc(review.FieldDueOn), ent.Asc(review.FieldID)).Limit(waitingShown).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the reviews waiting: %w", err)
	}
	var out []Waiting
	for _, r := range rows {
		w := Waiting{Review: r, Household: r.Edges.Household}
		switch {
		case v.Role == user.RoleReviewingOfficer:
			w.What, w.By = "Chair the review meeting and write your report", &r.DueOn
		case r.Status == review.StatusReportWritten:
			w.What = "Decide: the report is written and no panel is needed"
		default:
			var last *ent.PanelItem
			for _, pi := range r.Edges.PanelItems {
				if last == nil || pi.RecommendedOn.After(*last.RecommendedOn) {
					last = pi
				}
			}
			by := compliance.AddWorkingDays(*last.RecommendedOn, 7)
			w.What, w.By = "Decide: "+last.Edges.Panel.Name+" recommended on "+last.RecommendedOn.Long(), &by
		}
		out = append(out, w)
	}
	slices.SortStableFunc(out, func(a, b Waiting) int {
		switch {
		case a.By == nil && b.By == nil:
			return 0
		case a.By == nil:
			return 1
		case b.By == nil:
			return -1
		}
		return a.By.Compare(*b.By)
	})
	return out, nil
}
