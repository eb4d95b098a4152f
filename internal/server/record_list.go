package server

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// datedCursor is a position in a list ordered newest first by a date, then
// by id: the last row of the page shown. Ids are unique, so paging on the
// pair never skips or repeats a row.
type datedCursor struct {
	on civil.Date
	id int
}

func (p datedCursor) String() string { return p.on.String() + "." + strconv.Itoa(p.id) }

// parseDatedPage reads limit and cursor, and names every parameter the
// list does not take, into fields.
func parseDatedPage(c fiber.Ctx, fields map[string]string, known ...string) (int, *datedCursor) {
	onlyParams(c, fields, append(known, "limit", "cursor")...)
	limit := listLimit(c, fields)
	v := c.Query("cursor")
	if v == "" {
		return limit, nil
	}
	date, id, _ := strings.Cut(v, ".")
	d, err := civil.Parse(date)
	n, nerr := strconv.Atoi(id)
	if err != nil || nerr != nil || n < 1 {
		fields["cursor"] = "cursor must be the next_cursor of an earlier page"
		return limit, nil
	}
	return limit, &datedCursor{on: d, id: n}
}

// listFilterProblem is the answer to a list asked with wrong parameters.
func listFilterProblem(fields map[string]string) error {
	return &registry.Error{Code: registry.EINVALID, Message: "There is a problem with the filters.", Fields: fields}
}

// recordPageOf cuts rows to a page of at most limit, converted by show, with
// the cursor of the next page if there is one (rows holds one more than
// limit when there is).
func recordPageOf[R, T any](rows []R, limit int, show func(R) T, cursor func(R) string) page[T] {
	out := page[T]{Items: make([]T, 0, min(len(rows), limit))}
	if len(rows) > limit {
		rows = rows[:limit]
		out.NextCursor = cursor(rows[len(rows)-1])
	}
	for _, r := range rows {
		out.Items = append(out.Items, show(r))
	}
	return out
}
