package registry

import (
	"context"
	"fmt"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/pack"
)

// DownloadPanelPacks assembles the pack of every item on a panel's agenda,
// in agenda order, for a viewer who may see the panel; each pack's
// download is audited, and the bundle once more with its size. A panel the
// viewer may not see is "not found".
func DownloadPanelPacks(ctx context.Context, client *ent.Client, actor Actor, v Viewer, service string, id int, at time.Time) (*ent.Panel, []pack.Pack, error) {
	p, err := client.Panel.Query().Where(panel.ID(id)).Where(v.PanelScope()...).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, Errorf(ENOTFOUND, "There is no panel %d, or you do not sit on it.", id)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read panel %d: %w", id, err)
	}
	items, err := client.PanelItem.Query().Where(panelitem.PanelID(id)).
		WithReview(func(q *ent.ReviewQuery) {
			q.Where(v.PackScope()...).WithHousehold().WithReviewingOfficer().WithDecidedBy()
		}).
		Order(ent.Asc(panelitem.FieldPosition), ent.Asc(panelitem.FieldID)).All(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read agenda of panel %d: %w", id, err)
	}
	var packs []pack.Pack
	for _, it := range items {
		r := it.Edges.Review
		if r == nil || r.Edges.Household == nil {
			continue
		}
		pk, err := assemblePack(ctx, client, r, service, actor.Label, at)
		if err != nil {
			return nil, nil, err
		}
		packs = append(packs, pk)
		if err := Audit(ctx, client, actor, auditevent.ActionDownload, "review_pack", r.ID,
			audit.Changes{"reference": {New: pk.Reference}, "panel_id": {New: id}}); err != nil {
			return nil, nil, err
		}
	}
	return p, packs, Audit(ctx, client, actor, auditevent.ActionDownload, "panel_packs", id,
		audit.Changes{"packs": {New: len(packs)}})
}
