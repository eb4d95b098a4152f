package server

import (
	"strconv"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// trainingQuery is a training list's filters and page. Lists are in the
// order the records were made, newest first: the primary key orders two
// million rows without a sort.
type trainingQuery struct {
	where []predicate.TrainingRecord
	limit int
}

// parseTrainingQuery reads a training list's parameters, naming every one
// that is wrong: course_id, carer_id (when serviceWide), expired (true or
// false, as of today), expires_before, limit, cursor (the id of the last
// record shown).
func parseTrainingQuery(c fiber.Ctx, v registry.Viewer, serviceWide bool) (trainingQuery, error) {
	q := trainingQuery{where: v.TrainingScope()}
	fields := map[string]string{}
	known := []string{"course_id", "expired", "expires_before", "limit", "cursor"}
	if serviceWide {
		known = append(known, "carer_id")
	}
	onlyParams(c, fields, known...)
	q.limit = listLimit(c, fields)
	if id, ok := queryRecordID(c, "course_id", fields); ok {
		q.where = append(q.where, trainingrecord.CourseID(id))
	}
	if id, ok := queryRecordID(c, "carer_id", fields); ok && serviceWide {
		q.where = append(q.where, trainingrecord.CarerID(id))
	}
	switch c.Query("expired") {
	case "":
	case "true":
		q.where = append(q.where, trainingrecord.ExpiresOnLT(today()))
	case "false":
		q.where = append(q.where, trainingrecord.Or(trainingrecord.ExpiresOnIsNil(), trainingrecord.ExpiresOnGTE(today())))
	default:
		fields["expired"] = "expired must be true or false"
	}
	if v := c.Query("expires_before"); v != "" {
		d, err := civil.Parse(v)
		if err != nil {
			fields["expires_before"] = "expires_before must be a date in the form 2026-03-14"
		} else {
			q.where = append(q.where, trainingrecord.ExpiresOnLT(d))
		}
	}
	if _, set := c.Queries()["cursor"]; set {
		if id, ok := queryRecordID(c, "cursor", fields); ok {
			q.where = append(q.where, trainingrecord.IDLT(id))
		} else {
			fields["cursor"] = "cursor must be the next_cursor of an earlier page"
		}
	}
	if len(fields) > 0 {
		return q, filterProblem(fields)
	}
	return q, nil
}

// queryRecordID reads a record id from the query string, naming it in fields
// when it is given but is not one.
func queryRecordID(c fiber.Ctx, name string, fields map[string]string) (int, bool) {
	v := c.Query(name)
	if v == "" {
		return 0, false
	}
	id, err := strconv.Atoi(v)
	if err != nil || id < 1 {
		fields[name] = name + " must be a record id, a whole number of 1 or more"
		return 0, false
	}
	return id, true
}
