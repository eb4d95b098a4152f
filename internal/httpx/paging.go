package httpx

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
	MaxPageSize     = 200
)

// Page is one page of a list, with the cursor for the next.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// List is a whole list: one the service keeps short (tokens, accounts,
// the course catalogue), not paged.
type List[T any] struct {
	Items []T `json:"items"`
}

// ListLimit reads limit: 50 unless asked, at most 200.
func ListLimit(c fiber.Ctx, fields map[string]string) int {
	v := c.Query("limit")
	if v == "" {
		return defaultPageSize
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxPageSize {
		fields["limit"] = "limit must be a whole number from 1 to " + strconv.Itoa(MaxPageSize)
		return defaultPageSize
	}
	return n
}

// DatedPosition is where a page ends in a list ordered by a date (a
// review's due date, a visit's day, a panel's meeting, …) and then by id,
// which keeps the order stable however many records share a date.
type DatedPosition struct {
	On civil.Date
	ID int
}

// Position is the registry's form of a page's end, nil for the first page.
func (p *DatedPosition) Position() *registry.Position {
	if p == nil {
		return nil
	}
	return &registry.Position{On: p.On, ID: p.ID}
}

// String writes the position as a cursor: the date, a dot, the id.
func (p DatedPosition) String() string { return p.On.String() + "." + strconv.Itoa(p.ID) }

// ReadDatedPage reads limit and cursor for a list ordered by date and id,
// naming either when it is wrong.
func ReadDatedPage(c fiber.Ctx, fields map[string]string) (int, *DatedPosition) {
	limit := ListLimit(c, fields)
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
	return limit, &DatedPosition{On: d, ID: n}
}

// PageOf cuts rows, read with limit+1 so that a further row says another
// page follows, to a page of JSON whose cursor is the last row shown.
func PageOf[R, J any](rows []R, limit int, cursor func(R) string, to func(R) J) Page[J] {
	out := Page[J]{Items: make([]J, 0, min(len(rows), limit))}
	if len(rows) > limit {
		rows = rows[:limit]
		out.NextCursor = cursor(rows[len(rows)-1])
	}
	for _, r := range rows {
		out.Items = append(out.Items, to(r))
	}
	return out
}

// DatedPageOf is PageOf for a list ordered by date and id.
func DatedPageOf[R, J any](rows []R, limit int, at func(R) DatedPosition, to func(R) J) Page[J] {
	return PageOf(rows, limit, func(r R) string { return at(r).String() }, to)
}

// FilterProblem is the error for a list's wrong parameters, or nil.
func FilterProblem(fields map[string]string) error {
	if len(fields) == 0 {
		return nil
	}
	return &registry.Error{Code: registry.EINVALID, Message: "There is a problem with the filters.", Fields: fields}
}
