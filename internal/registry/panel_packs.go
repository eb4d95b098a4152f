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
// in agenda order, for a viewer who may see the panel, all from one
// snapshot of the registry (InSnapshot); has render make the bundle; and
// only then audits each pack's download and the bundle's, together in one
// transaction: a bundle that could not be made is recorded nowhere, and
// one that was is recorded whole or, if the audit cannot be written, not
// sent. A panel the viewer may not see is "not found".
func DownloadPanelPacks(ctx context.Context, client *ent.Client, actor Actor, v Viewer, service string, id int, at time.Time,
	render func([]pack.Pack) error) (*ent.Panel, []pack.Pack, error) {
	var (
		p       *ent.Panel
		packs   []pack.Pack
		reviews []int // the review of each pack
	)
	err := InSnapshot(ctx, client, func(tx *ent.Client) error {
		var err error
		p, err = tx.Panel.Query().Where(panel.ID(id)).Where(v.PanelScope()...).Only(ctx)
		if ent.IsNotFound(err) {
			return Errorf(ENOTFOUND, "There is no panel %d, or you do not sit on it.", id)
		}
		if err != nil {
			return fmt.Errorf("read panel %d: %w", id, err)
		}
		items, err := tx.PanelItem.Query().Where(panelitem.PanelID(id)).
			WithReview(func(q *ent.ReviewQuery) {
				q.Where(v.PackScope()...).WithHousehold().WithReviewingOfficer().WithDecidedBy()
			}).
			Order(ent.Asc(panelitem.FieldPosition), ent.Asc(panelitem.FieldID)).All(ctx)
		if err != nil {
			return fmt.Errorf("read agenda of panel %d: %w", id, err)
		}
		for _, it := range items {
			r := it.Edges.Review
			if r == nil || r.Edges.Household == nil {
				continue
			}
			pk, err := assemblePack(ctx, tx, r, service, actor.Label, at)
			if err != nil {
				return err
			}
			packs, reviews = append(packs, pk), append(reviews, r.ID)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if err := render(packs); err != nil {
		return nil, nil, err
	}
	err = InTx(ctx, client, func(tx *ent.Client) error {
		for i, pk := range packs {
			if err := Audit(ctx, tx, actor, auditevent.ActionDownload, "review_pack", reviews[i],
				audit.Changes{"reference": {New: pk.Reference}, "panel_id": {New: id}}); err != nil {
				return err
			}
		}
		return Audit(ctx, tx, actor, auditevent.ActionDownload, "panel_packs", id, audit.Changes{"packs": {New: len(packs)}})
	})
	if err != nil {
		return nil, nil, err
	}
	return p, packs, nil
}
