package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/internal/audit"
)

// MovePanelItem moves agenda item id one place earlier (by -1) or later
// (by +1) on its panel's agenda, if the version is the one the viewer
// read. The agenda is numbered 1, 2, 3… again in its new order, and each
// item whose place changed is audited. Moving the first item earlier, or
// the last later, changes nothing.
func MovePanelItem(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version, by int) error {
	if by != -1 && by != 1 {
		return Errorf(EINVALID, "An agenda item moves one place earlier or later.")
	}
	return InTx(ctx, client, func(tx *ent.Client) error {
		old, _, err := visiblePanelItem(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !v.MayManagePanels() {
			return Errorf(EFORBIDDEN, "Only managers and administrators arrange panel agendas.")
		}
		if old.Version != version {
			return stale("panel item", version, old.Version)
		}
		items, err := tx.PanelItem.Query().Where(panelitem.PanelID(old.PanelID)).
			Order(ent.Asc(panelitem.FieldPosition), ent.Asc(panelitem.FieldID)).All(ctx)
		if err != nil {
			return fmt.Errorf("read the agenda: %w", err)
		}
		at := -1
		for i, it := range items {
			if it.ID == id {
				at = i
			}
		}
		to := at + by
		if at < 0 || to < 0 || to >= len(items) {
			return nil
		}
		items[at], items[to] = items[to], items[at]
		for i, it := range items {
			if it.Position == i+1 {
				continue
			}
			if err := tx.PanelItem.UpdateOneID(it.ID).SetPosition(i + 1).Exec(ctx); err != nil {
				return fmt.Errorf("renumber the agenda: %w", err)
			}
			change := audit.Changes{"position": audit.Change{Old: it.Position, New: i + 1}}
			if err := Audit(ctx, tx, actor, auditevent.ActionUpdate, "panel_item", it.ID, change); err != nil {
				return err
			}
		}
		return nil
	})
}
