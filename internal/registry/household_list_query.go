package registry

import (
	"context"
	"encoding/base64"
	"slices"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/internal/civil"
)

// HouseholdFilter is what the households list asks for, already read from
// the request: the page (GET /households) and the API (GET
// /api/v1/households) ask in the same terms.
type HouseholdFilter struct {
	Statuses []household.Status
	// SSWID keeps one supervising social worker's households; NoSSW those
	// with none.
	SSWID int
	NoSSW bool
	// Text is a reference, a postcode or carers' names, every word in any
	// order.
	Text                     string
	ApprovedFrom, ApprovedTo *civil.Date
	// Sort is reference, -reference, approved_on or -approved_on.
	Sort string
	// Cursor is the next_cursor of an earlier page, as sent.
	Cursor string
	Limit  int
}

// HouseholdSortKnown says whether sort is one of the list's orders.
func HouseholdSortKnown(sort string) bool { return householdOrder[sort] != nil }

// NewHouseholdQuery builds the list's query within the viewer's scope. It
// answers false when the cursor is not one this list wrote (the filter is
// otherwise taken as checked by the caller).
func NewHouseholdQuery(v Viewer, dialect string, f HouseholdFilter) (HouseholdQuery, bool) {
	q := HouseholdQuery{where: v.HouseholdScope(), Limit: f.Limit}
	for _, st := range f.Statuses {
		if !slices.Contains(q.statuses, st) {
			q.statuses = append(q.statuses, st)
		}
	}
	q.narrow = f.SSWID != 0 || f.NoSSW || strings.TrimSpace(f.Text) != ""
	switch {
	case f.NoSSW:
		q.where = append(q.where, household.SswIDIsNil())
	case f.SSWID != 0:
		q.where = append(q.where, household.SswID(f.SSWID))
	}
	if text := strings.TrimSpace(f.Text); text != "" {
		q.where = append(q.where, SearchHouseholds(dialect, text))
	}
	if f.ApprovedFrom != nil {
		q.where = append(q.where, household.ApprovedOnGTE(*f.ApprovedFrom))
	}
	if f.ApprovedTo != nil {
		q.where = append(q.where, household.ApprovedOnLTE(*f.ApprovedTo))
	}
	sort := f.Sort
	if sort == "" {
		sort = "reference"
	}
	q.order = householdOrder[sort]
	q.desc = strings.HasPrefix(sort, "-")
	q.byApproval = strings.TrimPrefix(sort, "-") == "approved_on"
	if f.Cursor != "" {
		ref, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		switch {
		case err != nil || len(ref) == 0:
			return q, false
		case q.byApproval:
			if q.after = parseApprovalCursor(string(ref)); q.after == nil {
				return q, false
			}
		case q.desc:
			q.where = append(q.where, household.ReferenceLT(string(ref)))
		default:
			q.where = append(q.where, household.ReferenceGT(string(ref)))
		}
	}
	return q, true
}

// HouseholdQuery is the household list's filters, order and page, built by
// NewHouseholdQuery.
type HouseholdQuery struct {
	where    []predicate.Household
	statuses []household.Status
	// narrow says a filter (one worker's caseload, a search) already picks
	// few households, which its own index finds faster than a status.
	narrow bool
	order  []household.OrderOption
	desc   bool
	Limit  int
	// byApproval orders by approval date (households never approved
	// last), continuing after the approval cursor when one was given.
	byApproval bool
	after      *approvalCursor
}

// Rows reads one page and one more row, so the caller knows whether a next
// page exists.
func (q HouseholdQuery) Rows(ctx context.Context, client *ent.Client) ([]*ent.Household, error) {
	if q.byApproval {
		return q.approvalRows(ctx, client)
	}
	return q.read(ctx, client, q.where, q.order, q.compareReferences, q.Limit+1)
}

// read reads up to n households matching where in order. Several
// statuses are read one by one, each in order straight from its index,
// and merged (compare is the same order): asking for all of them at once
// made the database sort every matching household to return fifty.
func (q HouseholdQuery) read(ctx context.Context, client *ent.Client, where []predicate.Household,
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

func (q HouseholdQuery) compareReferences(a, b *ent.Household) int {
	if q.desc {
		return strings.Compare(b.Reference, a.Reference)
	}
	return strings.Compare(a.Reference, b.Reference)
}

// CursorAfter is the cursor of the page that follows h.
func (q HouseholdQuery) CursorAfter(h *ent.Household) string {
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

// approvalCursor is where a list by approval date continues: after the
// household approved on on (nil: among those never approved) with
// reference ref.
type approvalCursor struct {
	on  *civil.Date
	ref string
}

// approvalCursorOf writes h's place as "2024-02-29|FH-0042", or
// "|FH-0042" for a household never approved.
func approvalCursorOf(h *ent.Household) string {
	on := ""
	if h.ApprovedOn != nil {
		on = h.ApprovedOn.String()
	}
	return on + "|" + h.Reference
}

// parseApprovalCursor reads what approvalCursorOf wrote, or returns nil.
func parseApprovalCursor(s string) *approvalCursor {
	on, ref, ok := strings.Cut(s, "|")
	if !ok || ref == "" {
		return nil
	}
	if on == "" {
		return &approvalCursor{ref: ref}
	}
	d, err := civil.Parse(on)
	if err != nil {
		return nil
	}
	return &approvalCursor{on: &d, ref: ref}
}

// approvalRows reads a page by approval date, earliest or latest first,
// then the households never approved by reference. The two are read
// apart, each from its own index in its own order: the databases place
// missing dates differently (SQLite first, PostgreSQL last), and sorting
// them last in one query would sort every household.
func (q HouseholdQuery) approvalRows(ctx context.Context, client *ent.Client) ([]*ent.Household, error) {
	n := q.Limit + 1
	var out []*ent.Household
	if q.after == nil || q.after.on != nil {
		where := append(slices.Clone(q.where), household.ApprovedOnNotNil())
		if q.after != nil {
			where = append(where, q.approvedAfter())
		}
		rows, err := q.read(ctx, client, where, q.order, q.compareApprovals, n)
		if err != nil {
			return nil, err
		}
		out = rows
	}
	if len(out) < n {
		where := append(slices.Clone(q.where), household.ApprovedOnIsNil())
		if q.after != nil && q.after.on == nil {
			where = append(where, household.ReferenceGT(q.after.ref))
		}
		byReference := func(a, b *ent.Household) int { return strings.Compare(a.Reference, b.Reference) }
		rows, err := q.read(ctx, client, where, []household.OrderOption{household.ByReference()}, byReference, n-len(out))
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// approvedAfter matches the approved households after the cursor.
func (q HouseholdQuery) approvedAfter() predicate.Household {
	on, ref := *q.after.on, q.after.ref
	beyond := household.ApprovedOnGT(on)
	if q.desc {
		beyond = household.ApprovedOnLT(on)
	}
	return household.Or(beyond, household.And(household.ApprovedOn(on), household.ReferenceGT(ref)))
}

// compareApprovals orders approved households as q.order does.
func (q HouseholdQuery) compareApprovals(a, b *ent.Household) int {
	c := a.ApprovedOn.Compare(*b.ApprovedOn)
	if q.desc {
		c = -c
	}
	if c != 0 {
		return c
	}
	return strings.Compare(a.Reference, b.Reference)
}
