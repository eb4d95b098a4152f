package httpx

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// ParseHouseholdQuery reads the list's parameters, naming every one that is
// wrong: status (one or more), ssw_id (or "none"), q (a reference,
// postcode or carers' names, every word in any order), approved_from and
// approved_to, sort, limit, cursor. The registry builds the query.
func ParseHouseholdQuery(c fiber.Ctx, v registry.Viewer, dialect string) (registry.HouseholdQuery, error) {
	var f registry.HouseholdFilter
	fields := map[string]string{}
	OnlyParams(c, fields, "status", "ssw_id", "q", "approved_from", "approved_to", "sort", "limit", "cursor")
	f.Limit = ListLimit(c, fields)
	for _, st := range SplitList(c.Query("status")) {
		if household.StatusValidator(household.Status(st)) != nil {
			fields["status"] = "status must be one or more of assessment, approved, on_hold, suspended, resigned, terminated, refused, withdrawn"
			break
		}
		f.Statuses = append(f.Statuses, household.Status(st))
	}
	switch ssw := c.Query("ssw_id"); {
	case ssw == "none":
		f.NoSSW = true
	case ssw != "":
		id, err := strconv.Atoi(ssw)
		if err != nil || id < 1 {
			fields["ssw_id"] = `ssw_id must be the id of a supervising social worker, or "none"`
		} else {
			f.SSWID = id
		}
	}
	if f.Text = strings.TrimSpace(c.Query("q")); len(f.Text) > 100 {
		fields["q"] = "Enter a search of 100 characters or fewer"
	}
	for name, into := range map[string]**civil.Date{"approved_from": &f.ApprovedFrom, "approved_to": &f.ApprovedTo} {
		if v := c.Query(name); v != "" {
			d, err := civil.Parse(v)
			if err != nil {
				fields[name] = name + " must be a date in the form 2026-03-14"
				continue
			}
			*into = &d
		}
	}
	if f.Sort = c.Query("sort", "reference"); !registry.HouseholdSortKnown(f.Sort) {
		fields["sort"] = "sort must be reference, -reference, approved_on or -approved_on"
	}
	f.Cursor = c.Query("cursor")
	q, ok := registry.NewHouseholdQuery(v, dialect, f)
	if !ok {
		fields["cursor"] = "cursor must be the next_cursor of an earlier page"
	}
	if len(fields) > 0 {
		return q, FilterProblem(fields)
	}
	return q, nil
}
