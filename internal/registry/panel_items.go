package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// PanelItemFields are the editable fields of a review on a panel's agenda,
// checked and typed. A nil Position puts a new item last and leaves an
// existing one where it is.
type PanelItemFields struct {
	ReviewID                    int
	Position                    *int
	PapersSentOn, RecommendedOn *civil.Date
	Recommendation              *panelitem.Recommendation
	Minute                      string
}

// values lists the fields as the audit trail records them.
func (f PanelItemFields) values() map[string]any {
	return map[string]any{"review_id": f.ReviewID, "position": intValue(f.Position),
		"papers_sent_on": dateValue(f.PapersSentOn), "recommended_on": dateValue(f.RecommendedOn),
		"recommendation": auditEnum(f.Recommendation), "minute": f.Minute}
}

func panelItemFieldsOf(i *ent.PanelItem) PanelItemFields {
	return PanelItemFields{ReviewID: i.ReviewID, Position: &i.Position, PapersSentOn: i.PapersSentOn,
		RecommendedOn: i.RecommendedOn, Recommendation: i.Recommendation, Minute: i.Minute}
}

// CheckPanelItem adds to fields what is wrong with f on panel p: a review
// that does not exist or is already on the agenda, papers sent after the
// meeting.
func CheckPanelItem(ctx context.Context, client *ent.Client, v Viewer, p *ent.Panel, itemID int, f PanelItemFields, fields map[string]string) error {
	if _, err := VisibleReview(ctx, client, v, f.ReviewID); ErrorCode(err) == ENOTFOUND {
		fields["review_id"] = "Choose a review in the registry"
	} else if err != nil {
		return err
	}
	taken, err := client.PanelItem.Query().Where(panelitem.PanelID(p.ID), panelitem.ReviewID(f.ReviewID), panelitem.IDNEQ(itemID)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check panel item: %w", err)
	}
	if taken {
		fields["review_id"] = "This review is already on the panel's agenda"
	}
	if f.PapersSentOn != nil && f.PapersSentOn.After(p.MeetsOn) {
		fields["papers_sent_on"] = "The date the papers were sent must be the same as or before the date the panel meets, " + p.MeetsOn.Long()
	}
	if f.RecommendedOn != nil && f.RecommendedOn.Before(p.MeetsOn) {
		fields["recommended_on"] = "The date of the panel's recommendation must be the same as or after the date the panel meets, " + p.MeetsOn.Long()
	}
	return nil
}

// CreatePanelItem puts a review on a panel's agenda and audits it.
func CreatePanelItem(ctx context.Context, client *ent.Client, actor Actor, v Viewer, panelID int, f PanelItemFields) (*ent.PanelItem, error) {
	var item *ent.PanelItem
	err := InTx(ctx, client, func(tx *ent.Client) error {
		p, err := VisiblePanel(ctx, tx, v, panelID)
		if err != nil {
			return err
		}
		if !v.MayManagePanels() {
			return Errorf(EFORBIDDEN, "Only managers and administrators arrange panel agendas.")
		}
		if err := invalidIfAny(func(fields map[string]string) error {
			return CheckPanelItem(ctx, tx, v, p, 0, f, fields)
		}); err != nil {
			return err
		}
		if f.Position == nil {
			n, err := tx.PanelItem.Query().Where(panelitem.PanelID(panelID)).Count(ctx)
			if err != nil {
				return fmt.Errorf("count panel items: %w", err)
			}
			n++
			f.Position = &n
		}
		item, err = tx.PanelItem.Create().SetPanelID(panelID).SetReviewID(f.ReviewID).SetPosition(*f.Position).
			SetNillablePapersSentOn(f.PapersSentOn).SetNillableRecommendedOn(f.RecommendedOn).
			SetNillableRecommendation(f.Recommendation).SetMinute(f.Minute).Save(ctx)
		if err != nil {
			return fmt.Errorf("create panel item: %w", err)
		}
		item.Edges.Panel = p
		values := created(f.values())
		values["panel_id"] = audit.Change{New: panelID}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "panel_item", item.ID, values)
	})
	return item, err
}

// UpdatePanelItem replaces an agenda item's fields, if the version is the
// one the viewer read; the change is audited field by field.
func UpdatePanelItem(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f PanelItemFields) (*ent.PanelItem, error) {
	var item *ent.PanelItem
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, p, err := visiblePanelItem(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !v.MayManagePanels() {
			return Errorf(EFORBIDDEN, "Only managers and administrators arrange panel agendas.")
		}
		if old.Version != version {
			return stale("panel item", version, old.Version)
		}
		if err := invalidIfAny(func(fields map[string]string) error {
			return CheckPanelItem(ctx, tx, v, p, id, f, fields)
		}); err != nil {
			return err
		}
		if f.Position == nil {
			f.Position = &old.Position
		}
		changes := changed(panelItemFieldsOf(old).values(), f.values())
		if len(changes) == 0 {
			item = old
			item.Edges.Panel = p
			return nil
		}
		u := tx.PanelItem.UpdateOneID(id).Where(panelitem.Version(version)).SetReviewID(f.ReviewID).
			SetPosition(*f.Position).SetMinute(f.Minute)
		setOrClear(f.PapersSentOn, u.SetPapersSentOn, u.ClearPapersSentOn)
		setOrClear(f.RecommendedOn, u.SetRecommendedOn, u.ClearRecommendedOn)
		setOrClear(f.Recommendation, u.SetRecommendation, u.ClearRecommendation)
		item, err = u.Save(ctx)
		if ent.IsNotFound(err) {
			return stale("panel item", version, version+1)
		}
		if err != nil {
			return fmt.Errorf("update panel item: %w", err)
		}
		item.Edges.Panel = p
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "panel_item", id, changes)
	})
	return item, err
}

// ArchivePanelItem takes a review off a panel's agenda (archiving the
// item), if the version is the one the viewer read.
func ArchivePanelItem(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
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
		if err := tx.PanelItem.DeleteOneID(id).Where(panelitem.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "panel item", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "panel_item", id, nil)
	})
}

// ViewPanelItem reads one agenda item the viewer may see, and records that
// they saw it: its minute is about a family.
func ViewPanelItem(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.PanelItem, error) {
	item, p, err := visiblePanelItem(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	item.Edges.Panel = p
	return item, Audit(ctx, client, actor, auditevent.ActionView, "panel_item", id, nil)
}

// visiblePanelItem reads a live agenda item of a panel the viewer may see,
// and the panel.
func visiblePanelItem(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.PanelItem, *ent.Panel, error) {
	notFound := Errorf(ENOTFOUND, "There is no panel item %d, or you cannot see it.", id)
	item, err := client.PanelItem.Query().Where(panelitem.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, notFound
	}
	if err != nil {
		return nil, nil, err
	}
	p, err := VisiblePanel(ctx, client, v, item.PanelID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil, notFound
	}
	return item, p, err
}
