package server

import (
	"strconv"

	"entgo.io/ent/dialect/sql"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// reviewQuery is a review list's filters and page.
type reviewQuery struct {
	where []predicate.Review
	limit int
	order []review.OrderOption
}

// reviewOrders are the sorts a review list takes: by due date, soonest
// first (the default, for the team's work) or latest first (for history),
// then by id so that equal dates keep one order across pages.
var reviewOrders = map[string][]review.OrderOption{
	"due_on":  {review.ByDueOn(), review.ByID()},
	"-due_on": {review.ByDueOn(sql.OrderDesc()), review.ByID(sql.OrderDesc())},
}

// parseReviewQuery reads a review list's parameters, naming every one that
// is wrong: status and kind (one or more each), due_before and due_after
// (exclusive), reviewing_officer_id (or "none"), sort (due_on or -due_on),
// limit, cursor.
func parseReviewQuery(c fiber.Ctx, v registry.Viewer) (reviewQuery, error) {
	q := reviewQuery{where: v.ReviewScope()}
	fields := map[string]string{}
	onlyParams(c, fields, "status", "kind", "due_before", "due_after", "reviewing_officer_id", "sort", "limit", "cursor")
	sort := c.Query("sort", "due_on")
	if q.order = reviewOrders[sort]; q.order == nil {
		fields["sort"] = "sort must be due_on or -due_on"
	}
	var after *datedPosition
	q.limit, after = readDatedPage(c, fields)
	switch {
	case after == nil:
	case sort == "-due_on":
		q.where = append(q.where, review.Or(review.DueOnLT(after.on), review.And(review.DueOn(after.on), review.IDLT(after.id))))
	default:
		q.where = append(q.where, review.Or(review.DueOnGT(after.on), review.And(review.DueOn(after.on), review.IDGT(after.id))))
	}
	var statuses []review.Status
	for _, st := range splitList(c.Query("status")) {
		if review.StatusValidator(review.Status(st)) != nil {
			fields["status"] = "status must be one or more of scheduled, gathering_views, report_written, awaiting_panel, decided, cancelled"
		}
		statuses = append(statuses, review.Status(st))
	}
	if len(statuses) > 0 {
		q.where = append(q.where, review.StatusIn(statuses...))
	}
	var kinds []review.Kind
	for _, k := range splitList(c.Query("kind")) {
		if review.KindValidator(review.Kind(k)) != nil {
			fields["kind"] = "kind must be one or more of first, annual, post_allegation, change_of_circumstances"
		}
		kinds = append(kinds, review.Kind(k))
	}
	if len(kinds) > 0 {
		q.where = append(q.where, review.KindIn(kinds...))
	}
	for name, add := range map[string]func(civil.Date) predicate.Review{"due_before": review.DueOnLT, "due_after": review.DueOnGT} {
		if v := c.Query(name); v != "" {
			d, err := civil.Parse(v)
			if err != nil {
				fields[name] = name + " must be a date in the form 2026-03-14"
				continue
			}
			q.where = append(q.where, add(d))
		}
	}
	switch officer := c.Query("reviewing_officer_id"); {
	case officer == "none":
		q.where = append(q.where, review.ReviewingOfficerIDIsNil())
	case officer != "":
		id, err := strconv.Atoi(officer)
		if err != nil || id < 1 {
			fields["reviewing_officer_id"] = `reviewing_officer_id must be the id of a reviewing officer, or "none"`
		} else {
			q.where = append(q.where, review.ReviewingOfficerID(id))
		}
	}
	return q, filterProblem(fields)
}

// reviewPosition is where a review sits in a list.
func reviewPosition(r *ent.Review) datedPosition { return datedPosition{on: r.DueOn, id: r.ID} }
