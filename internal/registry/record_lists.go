package registry

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// Position is where a page of dated records ended: the last record's date
// and id, so the next page starts after it however many share the date.
type Position struct {
	On civil.Date
	ID int
}

// HouseholdVisits reads a page of the visits to a household the viewer
// may see, latest first, of one kind when kind is set: up to limit of them
// after the position after, when set. The viewer sees only the visits
// their role may (a carer never an unannounced one's notes).
func HouseholdVisits(ctx context.Context, client *ent.Client, v Viewer, householdID int, kind *visit.Kind, after *Position, limit int) ([]*ent.Visit, error) {
	if _, err := visibleHousehold(ctx, client, v, householdID); err != nil {
		return nil, err
	}
	q := client.Visit.Query().Where(visit.HouseholdID(householdID)).Where(v.VisitScope()...)
	if kind != nil {
		q.Where(visit.KindEQ(*kind))
	}
	if after != nil {
		q.Where(visit.Or(visit.VisitedOnLT(after.On), visit.And(visit.VisitedOn(after.On), visit.IDLT(after.ID))))
	}
	rows, err := q.Order(visit.ByVisitedOn(sql.OrderDesc()), visit.ByID(sql.OrderDesc())).Limit(limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the household's visits: %w", err)
	}
	return rows, nil
}

// HouseholdTermsHistory reads a page of a household's terms of approval,
// earliest first, as they took effect: up to limit after the position
// after, when set.
func HouseholdTermsHistory(ctx context.Context, client *ent.Client, v Viewer, householdID int, after *Position, limit int) ([]*ent.ApprovalTerms, error) {
	if _, err := visibleHousehold(ctx, client, v, householdID); err != nil {
		return nil, err
	}
	q := client.ApprovalTerms.Query().Where(approvalterms.HouseholdID(householdID))
	if after != nil {
		q.Where(approvalterms.Or(approvalterms.EffectiveFromGT(after.On),
			approvalterms.And(approvalterms.EffectiveFrom(after.On), approvalterms.IDGT(after.ID))))
	}
	rows, err := q.Order(approvalterms.ByEffectiveFrom(), approvalterms.ByID()).Limit(limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the household's terms of approval: %w", err)
	}
	return rows, nil
}

// DueItemsOfSSW reads the open due items of the households a supervising
// social worker supervises, soonest first, at most limit of them: what
// their calendar feed shows.
func DueItemsOfSSW(ctx context.Context, client *ent.Client, sswID, limit int) ([]*ent.DueItem, error) {
	items, err := client.DueItem.Query().Where(dueitem.SswID(sswID)).
		Order(ent.Asc(dueitem.FieldDueOn), ent.Asc(dueitem.FieldID)).Limit(limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the social worker's due items: %w", err)
	}
	return items, nil
}
