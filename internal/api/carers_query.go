package api

import (
	"encoding/base64"
	"strconv"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// idOrderPage is a page of a list kept in id order (a household's carers and
// members, a person's checks): the ids only grow, so paging never skips or
// repeats a record.
type idOrderPage struct{ after, limit int }

// parseIDOrderPage reads a list's limit and cursor, the only parameters such a
// list takes, naming every one that is wrong.
func parseIDOrderPage(c fiber.Ctx) (idOrderPage, error) {
	fields := map[string]string{}
	httpx.OnlyParams(c, fields, "limit", "cursor")
	p := idOrderPage{limit: httpx.ListLimit(c, fields)}
	if v := c.Query("cursor"); v != "" {
		raw, err := base64.RawURLEncoding.DecodeString(v)
		id, convErr := strconv.Atoi(string(raw))
		if err != nil || convErr != nil || id < 1 {
			fields["cursor"] = "cursor must be the next_cursor of an earlier page"
		}
		p.after = id
	}
	if len(fields) > 0 {
		return p, httpx.FilterProblem(fields)
	}
	return p, nil
}

// fetch is what to ask the registry for: one row more than the page, to
// know whether another page follows.
func (p idOrderPage) fetch() registry.Page { return registry.Page{After: p.after, Limit: p.limit + 1} }

// idOrderPageOf turns the rows fetched for p into a page of JSON, with the cursor
// of the next page when there is one.
func idOrderPageOf[E, J any](rows []E, p idOrderPage, id func(E) int, toJSON func(E) J) httpx.Page[J] {
	return httpx.PageOf(rows, p.limit, func(r E) string {
		return base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(id(r))))
	}, toJSON)
}
