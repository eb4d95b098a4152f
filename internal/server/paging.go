package server

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Every list answers 50 rows a page unless asked, and at most 200.
const (
	defaultPageSize = 50
	maxPageSize     = 200
)

// page is one page of a list, with the cursor for the next.
type page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// list is a whole list: one the service keeps short (tokens, accounts,
// the course catalogue), not paged.
type list[T any] struct {
	Items []T `json:"items"`
}

// listLimit reads limit: 50 unless asked, at most 200.
func listLimit(c fiber.Ctx, fields map[string]string) int {
	v := c.Query("limit")
	if v == "" {
		return defaultPageSize
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxPageSize {
		fields["limit"] = "limit must be a whole number from 1 to " + strconv.Itoa(maxPageSize)
		return defaultPageSize
	}
	return n
}

// datedPosition is where a page ends in a list ordered by a date (a
// review's due date, a visit's day, a panel's meeting, …) and then by id,
// which keeps the order stable however many records share a date.
type datedPosition struct {
	on civil.Date
	id int
}

// position is the registry's form of a page's end, nil for the first page.
func (p *datedPosition) position() *registry.Position {
	if p == nil {
		return nil
	}
	return &registry.Position{On: p.on, ID: p.id}
}

// String writes the position as a cursor: the date, a dot, the id.
func (p datedPosition) String() string { return p.on.String() + "." + strconv.Itoa(p.id) }

// readDatedPage reads limit and cursor for a list ordered by date and id,
// naming either when it is wrong.
func readDatedPage(c fiber.Ctx, fields map[string]string) (int, *datedPosition) {
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
	return limit, &datedPosition{on: d, id: n}
}

// pageOf cuts rows, read with limit+1 so that a further row says another
// page follows, to a page of JSON whose cursor is the last row shown.
func pageOf[R, J any](rows []R, limit int, cursor func(R) string, to func(R) J) page[J] {
	out := page[J]{Items: make([]J, 0, min(len(rows), limit))}
	if len(rows) > limit {
		rows = rows[:limit]
		out.NextCursor = cursor(rows[len(rows)-1])
	}
	for _, r := range rows {
		out.Items = append(out.Items, to(r))
	}
	return out
}

// datedPageOf is pageOf for a list ordered by date and id.
func datedPageOf[R, J any](rows []R, limit int, at func(R) datedPosition, to func(R) J) page[J] {
	return pageOf(rows, limit, func(r R) string { return at(r).String() }, to)
}

// filterProblem is the error for a list's wrong parameters, or nil.
func filterProblem(fields map[string]string) error {
	if len(fields) == 0 {
		return nil
	}
	return &registry.Error{Code: registry.EINVALID, Message: "There is a problem with the filters.", Fields: fields}
}
