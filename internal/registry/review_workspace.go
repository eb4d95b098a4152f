package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/internal/civil"
)

// workspacePanels is how many panels the review workspace offers to put
// a review before, from two months back.
const workspacePanels = 12

// ReviewWorkspace is what the review workspace shows beside the review:
// the views given, the agendas it has been on, the panels it could go
// before, and its reviewing officer.
type ReviewWorkspace struct {
	Given   []*ent.Contribution
	Items   []*ent.PanelItem // each with its panel
	Panels  []*ent.Panel
	Officer *ent.User
}

// ReadReviewWorkspace reads the workspace of review r, which the viewer
// has already been allowed to see (ViewReview), within the viewer's scope
// for views and panels, as of the day on.
func ReadReviewWorkspace(ctx context.Context, client *ent.Client, v Viewer, r *ent.Review, on civil.Date) (ReviewWorkspace, error) {
	var w ReviewWorkspace
	var err error
	if w.Given, err = client.Contribution.Query().Where(contribution.ReviewID(r.ID)).Where(v.ContributionScope()...).
		Order(ent.Asc(contribution.FieldReceivedOn), ent.Asc(contribution.FieldID)).All(ctx); err != nil {
		return w, fmt.Errorf("read the views given: %w", err)
	}
	if w.Items, err = client.PanelItem.Query().Where(panelitem.ReviewID(r.ID)).WithPanel().
		Order(ent.Asc(panelitem.FieldID)).All(ctx); err != nil {
		return w, fmt.Errorf("read the review's agenda items: %w", err)
	}
	if w.Panels, err = client.Panel.Query().Where(panel.MeetsOnGTE(on.AddDays(-60))).Where(v.PanelScope()...).
		Order(ent.Asc(panel.FieldMeetsOn)).Limit(workspacePanels).All(ctx); err != nil {
		return w, fmt.Errorf("read the panels: %w", err)
	}
	if r.ReviewingOfficerID != nil {
		if w.Officer, err = client.User.Get(ctx, *r.ReviewingOfficerID); err != nil && !ent.IsNotFound(err) {
			return w, fmt.Errorf("read the reviewing officer: %w", err)
		}
	}
	return w, nil
}

// LatestAgendaItem is the latest agenda item of review id, or nil when it
// has never been on a panel's agenda.
func LatestAgendaItem(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.PanelItem, error) {
	if _, err := VisibleReview(ctx, client, v, id); err != nil {
		return nil, err
	}
	item, err := client.PanelItem.Query().Where(panelitem.ReviewID(id)).Order(ent.Desc(panelitem.FieldID)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the review's agenda item: %w", err)
	}
	return item, nil
}
