package server

import (
	"context"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	"entgo.io/ent/dialect/sql"
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// householdQuery is the household list's filters, order and page.
type householdQuery struct {
	where    []predicate.Household
	statuses []household.Status
	// narrow says a filter (one worker's caseload, a search) already picks
	// few households, which its own index finds faster than a status.
	narrow bool
	order  []household.OrderOption
	desc   bool
	limit  int
	// byApproval orders by approval date (households never approved
	// last), continuing after the approval cursor when one was given.
	byApproval bool
	after      *approvalCursor
}

// parseHouseholdQuery reads the list's parameters, naming every one that is
// wrong: status (one or more), ssw_id (or "none"), q (a reference,
// postcode or carers' names, every word in any order), approved_from and approved_to, sort, limit,
// cursor.
func parseHouseholdQuery(c fiber.Ctx, v registry.Viewer, dialect string) (householdQuery, error) {
	q := householdQuery{where: v.HouseholdScope()}
	fields := map[string]string{}
	onlyParams(c, fields, "status", "ssw_id", "q", "approved_from", "approved_to", "sort", "limit", "cursor")
	q.limit = listLimit(c, fields)
	for _, st := range splitList(c.Query("status")) {
		if household.StatusValidator(household.Status(st)) != nil {
			fields["status"] = "status must be one or more of assessment, approved, on_hold, suspended, resigned, terminated, refused, withdrawn"
			break
		}
		if !slices.Contains(q.statuses, household.Status(st)) {
			q.statuses = append(q.statuses, household.Status(st))
		}
	}
	q.narrow = c.Query("ssw_id") != "" || strings.TrimSpace(c.Query("q")) != ""
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
		q.where = append(q.where, registry.SearchHouseholds(dialect, text))
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
		fields["sort"] = "sort must be reference, -reference, approved_on or -approved_on"
	}
	q.desc = strings.HasPrefix(sort, "-")
	q.byApproval = strings.TrimPrefix(sort, "-") == "approved_on"
	if v := c.Query("cursor"); v != "" {
		ref, err := base64.RawURLEncoding.DecodeString(v)
		switch {
		case err != nil || len(ref) == 0:
			fields["cursor"] = "cursor must be the next_cursor of an earlier page"
		case q.byApproval:
			if q.after = parseApprovalCursor(string(ref)); q.after == nil {
				fields["cursor"] = "cursor must be the next_cursor of an earlier page"
			}
		case q.desc:
			q.where = append(q.where, household.ReferenceLT(string(ref)))
		default:
			q.where = append(q.where, household.ReferenceGT(string(ref)))
		}
	}
	if len(fields) > 0 {
		return q, filterProblem(fields)
	}
	return q, nil
}

// rows reads one page and one more row, so the caller knows whether a next
// page exists.
func (q householdQuery) rows(ctx context.Context, client *ent.Client) ([]*ent.Household, error) {
	if q.byApproval {
		return q.approvalRows(ctx, client)
	}
	return q.read(ctx, client, q.where, q.order, q.compareReferences, q.limit+1)
}

// read reads up to n households matching where in order. Several
// statuses are read one by one, each in order straight from its index,
// and merged (compare is the same order): asking for all of them at once
// made the database sort every matching household to return fifty.
func (q householdQuery) read(ctx context.Context, client *ent.Client, where []predicate.Household,
	order []household.OrderOption, compare func(a, b *ent.Household) int, n int) ([]*ent.Household, error) {
	if len(q.statuses) <= 1 || q.narrow {
		if len(q.statuses) > 0 {
			where = append(slices.Clone(where), household.StatusIn(q.statuses...))
		}
		return client.Household.Query().Where(where...).Order(order...).Limit(n).All(ctx)
	}
	var out []*ent.Household
	for _, st := range q.statuses {
		rows, err := client.Household.Query().Where(where...).Where(household.StatusEQ(st)).
			Order(order...).Limit(n).All(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	slices.SortFunc(out, compare)
	return out[:min(len(out), n)], nil
}

func (q householdQuery) compareReferences(a, b *ent.Household) int {
	if q.desc {
		return strings.Compare(b.Reference, a.Reference)
	}
	return strings.Compare(a.Reference, b.Reference)
}

// cursorAfter is the cursor of the page that follows h.
func (q householdQuery) cursorAfter(h *ent.Household) string {
	if q.byApproval {
		return base64.RawURLEncoding.EncodeToString([]byte(approvalCursorOf(h)))
	}
	return base64.RawURLEncoding.EncodeToString([]byte(h.Reference))
}

// householdOrder is how each sort orders the list. References are unique,
// so paging on them never skips or repeats a household. By approval date,
// the reference breaks ties (and orders the households never approved,
// which come last: see approvalRows).
var householdOrder = map[string][]household.OrderOption{
	"reference":    {household.ByReference()},
	"-reference":   {household.ByReference(sql.OrderDesc())},
	"approved_on":  {household.ByApprovedOn(), household.ByReference()},
	"-approved_on": {household.ByApprovedOn(sql.OrderDesc()), household.ByReference()},
}
