package api

import (
	"strconv"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// parseReviewQuery reads a review list's parameters, naming every one that
// is wrong: status and kind (one or more each), due_before and due_after
// (exclusive), reviewing_officer_id (or "none"), sort (due_on, soonest
// first, the default, for the team's work; or -due_on, latest first, for
// history), limit, cursor. The filter asks for one more review than the
// page's limit, to know whether another page follows.
func parseReviewQuery(c fiber.Ctx) (f registry.ReviewFilter, limit int, err error) {
	fields := map[string]string{}
	httpx.OnlyParams(c, fields, "status", "kind", "due_before", "due_after", "reviewing_officer_id", "sort", "limit", "cursor")
	switch c.Query("sort", "due_on") {
	case "due_on":
	case "-due_on":
		f.Latest = true
	default:
		fields["sort"] = "sort must be due_on or -due_on"
	}
	var after *httpx.DatedPosition
	limit, after = httpx.ReadDatedPage(c, fields)
	f.Limit, f.After = limit+1, after.Position()
	for _, st := range httpx.SplitList(c.Query("status")) {
		if review.StatusValidator(review.Status(st)) != nil {
			fields["status"] = "status must be one or more of scheduled, gathering_views, report_written, awaiting_panel, decided, cancelled"
		}
		f.Statuses = append(f.Statuses, review.Status(st))
	}
	for _, k := range httpx.SplitList(c.Query("kind")) {
		if review.KindValidator(review.Kind(k)) != nil {
			fields["kind"] = "kind must be one or more of first, annual, post_allegation, change_of_circumstances"
		}
		f.Kinds = append(f.Kinds, review.Kind(k))
	}
	for name, set := range map[string]**civil.Date{"due_before": &f.DueBefore, "due_after": &f.DueAfter} {
		if v := c.Query(name); v != "" {
			d, err := civil.Parse(v)
			if err != nil {
				fields[name] = name + " must be a date in the form 2026-03-14"
				continue
			}
			*set = &d
		}
	}
	switch officer := c.Query("reviewing_officer_id"); {
	case officer == "none":
		f.NoOfficer = true
	case officer != "":
		id, err := strconv.Atoi(officer)
		if err != nil || id < 1 {
			fields["reviewing_officer_id"] = `reviewing_officer_id must be the id of a reviewing officer, or "none"`
		} else {
			f.Officer = id
		}
	}
	return f, limit, httpx.FilterProblem(fields)
}

// reviewPosition is where a review sits in a list.
func reviewPosition(r *ent.Review) httpx.DatedPosition {
	return httpx.DatedPosition{On: r.DueOn, ID: r.ID}
}
