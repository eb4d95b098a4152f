package api

import (
	"strconv"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// parseTrainingQuery reads a training list's parameters, naming every one
// that is wrong: course_id, carer_id (when serviceWide), expired (true or
// false, as of today), expires_before, limit, cursor (the id of the last
// record shown). The filter asks for one more record than the page's
// limit, to know whether another page follows.
func parseTrainingQuery(c fiber.Ctx, serviceWide bool) (f registry.TrainingFilter, limit int, err error) {
	fields := map[string]string{}
	known := []string{"course_id", "expired", "expires_before", "limit", "cursor"}
	if serviceWide {
		known = append(known, "carer_id")
	}
	httpx.OnlyParams(c, fields, known...)
	limit = httpx.ListLimit(c, fields)
	f.Limit, f.On = limit+1, httpx.Today()
	if id, ok := queryRecordID(c, "course_id", fields); ok {
		f.Course = id
	}
	if id, ok := queryRecordID(c, "carer_id", fields); ok && serviceWide {
		f.Carer = id
	}
	switch c.Query("expired") {
	case "":
	case "true":
		f.Expired = new(true)
	case "false":
		f.Expired = new(false)
	default:
		fields["expired"] = "expired must be true or false"
	}
	if v := c.Query("expires_before"); v != "" {
		d, err := civil.Parse(v)
		if err != nil {
			fields["expires_before"] = "expires_before must be a date in the form 2026-03-14"
		} else {
			f.ExpiresBefore = &d
		}
	}
	if _, set := c.Queries()["cursor"]; set {
		if id, ok := queryRecordID(c, "cursor", fields); ok {
			f.Before = id
		} else {
			fields["cursor"] = "cursor must be the next_cursor of an earlier page"
		}
	}
	return f, limit, httpx.FilterProblem(fields)
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
