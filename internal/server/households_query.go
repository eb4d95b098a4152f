package server

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// householdQuery is the household list's filters, order and page.
type householdQuery struct {
	where []predicate.Household
	order []household.OrderOption
	desc  bool
	limit int
}

// parseHouseholdQuery reads the list's parameters, naming every one that is
// wrong: status (one or more), ssw_id (or "none"), q (a reference,
// postcode or carer's name), approved_from and approved_to, sort, limit,
// cursor.
func parseHouseholdQuery(c fiber.Ctx, v registry.Viewer) (householdQuery, error) {
	q := householdQuery{where: v.HouseholdScope()}
	fields := map[string]string{}
	onlyParams(c, fields, "status", "ssw_id", "q", "approved_from", "approved_to", "sort", "limit", "cursor")
	q.limit = listLimit(c, fields)
	var statuses []household.Status
	for _, st := range splitList(c.Query("status")) {
		if household.StatusValidator(household.Status(st)) != nil {
			fields["status"] = "status must be one or more of assessment, approved, on_hold, suspended, resigned, terminated, refused, withdrawn"
			break
		}
		statuses = append(statuses, household.Status(st))
	}
	if len(statuses) > 0 {
		q.where = append(q.where, household.StatusIn(statuses...))
	}
	switch ssw := c.Query("ssw_id"); {
	case ssw == "none":
		q.where = append(q.where, household.SswIDIsNil())
	case ssw != "":
		id, err := strconv.Atoi(ssw)
		if err != nil || id < 1 {
			fields["ssw_id"] = `ssw_id must be the id of a supervising social worker, or "none"`
		} else {
			q.where = append(q.where, household.SswID(id))
		}
	}
	if text := strings.TrimSpace(c.Query("q")); text != "" {
		if len(text) > 100 {
			fields["q"] = "q must be at most 100 characters"
		}
		upper := strings.ToUpper(text)
		q.where = append(q.where, household.Or(household.ReferenceHasPrefix(upper), household.PostcodeHasPrefix(upper),
			household.HasCarersWith(carer.Or(carer.FirstNameContainsFold(text), carer.LastNameContainsFold(text)))))
	}
	for name, add := range map[string]func(civil.Date) predicate.Household{
		"approved_from": household.ApprovedOnGTE, "approved_to": household.ApprovedOnLTE,
	} {
		if v := c.Query(name); v != "" {
			d, err := civil.Parse(v)
			if err != nil {
				fields[name] = name + " must be a date in the form 2026-03-14"
				continue
			}
			q.where = append(q.where, add(d))
		}
	}
	sort := c.Query("sort", "reference")
	if q.order = householdOrder[sort]; q.order == nil {
		fields["sort"] = "sort must be reference or -reference"
	}
	q.desc = strings.HasPrefix(sort, "-")
	if v := c.Query("cursor"); v != "" {
		ref, err := base64.RawURLEncoding.DecodeString(v)
		switch {
		case err != nil || len(ref) == 0:
			fields["cursor"] = "cursor must be the next_cursor of an earlier page"
		case q.desc:
			q.where = append(q.where, household.ReferenceLT(string(ref)))
		default:
			q.where = append(q.where, household.ReferenceGT(string(ref)))
		}
	}
	if len(fields) > 0 {
		return q, &registry.Error{Code: registry.EINVALID, Message: "There is a problem with the filters.", Fields: fields}
	}
	return q, nil
}

// cursorAfter is the cursor of the page that follows h.
func (q householdQuery) cursorAfter(h *ent.Household) string {
	return base64.RawURLEncoding.EncodeToString([]byte(h.Reference))
}
