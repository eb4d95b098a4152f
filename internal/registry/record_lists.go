package registry

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/placement"
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

// ReviewContributions reads a page of the views given for a review the
// viewer may see, in the order they were received, those the viewer may
// see: up to limit after the position after, when set.
func ReviewContributions(ctx context.Context, client *ent.Client, v Viewer, reviewID int, after *Position, limit int) ([]*ent.Contribution, error) {
	if _, err := VisibleReview(ctx, client, v, reviewID); err != nil {
		return nil, err
	}
	q := client.Contribution.Query().Where(contribution.ReviewID(reviewID)).Where(v.ContributionScope()...)
	if after != nil {
		q.Where(contribution.Or(contribution.ReceivedOnGT(after.On),
			contribution.And(contribution.ReceivedOn(after.On), contribution.IDGT(after.ID))))
	}
	rows, err := q.Order(contribution.ByReceivedOn(), contribution.ByID()).Limit(limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the views given: %w", err)
	}
	return rows, nil
}

// HouseholdPlacements reads a page of a household's placements the viewer
// may see, latest started first: up to limit after the position after.
func HouseholdPlacements(ctx context.Context, client *ent.Client, v Viewer, householdID int, after *Position, limit int) ([]*ent.Placement, error) {
	if _, err := PlacementHousehold(ctx, client, v, householdID); err != nil {
		return nil, err
	}
	q := client.Placement.Query().Where(placement.HouseholdID(householdID)).Where(v.PlacementScope()...)
	if after != nil {
		q.Where(placement.Or(placement.StartedOnLT(after.On), placement.And(placement.StartedOn(after.On), placement.IDLT(after.ID))))
	}
	rows, err := q.Order(placement.ByStartedOn(sql.OrderDesc()), placement.ByID(sql.OrderDesc())).Limit(limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the household's placements: %w", err)
	}
	return rows, nil
}

// PanelPage reads a page of the panels the viewer may see, by meeting
// date, from from to to (inclusive) when they are set: up to limit after
// the position after.
func PanelPage(ctx context.Context, client *ent.Client, v Viewer, from, to *civil.Date, after *Position, limit int) ([]*ent.Panel, error) {
	q := client.Panel.Query().Where(v.PanelScope()...)
	if from != nil {
		q.Where(panel.MeetsOnGTE(*from))
	}
	if to != nil {
		q.Where(panel.MeetsOnLTE(*to))
	}
	if after != nil {
		q.Where(panel.Or(panel.MeetsOnGT(after.On), panel.And(panel.MeetsOn(after.On), panel.IDGT(after.ID))))
	}
	rows, err := q.Order(panel.ByMeetsOn(), panel.ByID()).Limit(limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the panels: %w", err)
	}
	return rows, nil
}

// AgendaPage reads a page of the agenda of a panel the viewer may see, in
// order: up to limit after the item at position pos with id id (id 0 for
// the first page). The panel comes with it.
func AgendaPage(ctx context.Context, client *ent.Client, v Viewer, panelID, pos, id, limit int) (*ent.Panel, []*ent.PanelItem, error) {
	p, err := VisiblePanel(ctx, client, v, panelID)
	if err != nil {
		return nil, nil, err
	}
	q := client.PanelItem.Query().Where(panelitem.PanelID(panelID))
	if id != 0 {
		q.Where(panelitem.Or(panelitem.PositionGT(pos), panelitem.And(panelitem.Position(pos), panelitem.IDGT(id))))
	}
	rows, err := q.Order(panelitem.ByPosition(), panelitem.ByID()).Limit(limit).All(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read the agenda: %w", err)
	}
	return p, rows, nil
}
