package server

import (
	"context"
	"slices"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/internal/civil"
)

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
func (q householdQuery) approvalRows(ctx context.Context, client *ent.Client) ([]*ent.Household, error) {
	n := q.limit + 1
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
func (q householdQuery) approvedAfter() predicate.Household {
	on, ref := *q.after.on, q.after.ref
	beyond := household.ApprovedOnGT(on)
	if q.desc {
		beyond = household.ApprovedOnLT(on)
	}
	return household.Or(beyond, household.And(household.ApprovedOn(on), household.ReferenceGT(ref)))
}

// compareApprovals orders approved households as q.order does.
func (q householdQuery) compareApprovals(a, b *ent.Household) int {
	c := a.ApprovedOn.Compare(*b.ApprovedOn)
	if q.desc {
		c = -c
	}
	if c != 0 {
		return c
	}
	return strings.Compare(a.Reference, b.Reference)
}
