package registry

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
)

// PanelFields are a panel's editable fields, checked and typed.
type PanelFields struct {
	Name, Location string
	MeetsOn        civil.Date
	ChairID        *int
	MemberIDs      []int
}

// values lists the fields as the audit trail records them.
func (f PanelFields) values() map[string]any {
	members := slices.Clone(f.MemberIDs)
	slices.Sort(members)
	ids := make([]string, len(members))
	for i, id := range members {
		ids[i] = strconv.Itoa(id)
	}
	return map[string]any{"name": f.Name, "location": f.Location, "meets_on": f.MeetsOn.String(),
		"chair_id": intValue(f.ChairID), "member_ids": strings.Join(ids, ",")}
}

func panelFieldsOf(ctx context.Context, client *ent.Client, p *ent.Panel) (PanelFields, error) {
	members, err := client.Panel.QueryMembers(p).IDs(ctx)
	if err != nil {
		return PanelFields{}, fmt.Errorf("read panel members: %w", err)
	}
	return PanelFields{Name: p.Name, Location: p.Location, MeetsOn: p.MeetsOn, ChairID: p.ChairID, MemberIDs: members}, nil
}

// CheckPanel adds to fields what is wrong with f against the rest of the
// registry: a chair or member who is not an active user. Who already sat
// on the panel (was) may have left since; only people added must be active.
func CheckPanel(ctx context.Context, client *ent.Client, f, was PanelFields, fields map[string]string) error {
	wanted := slices.Clone(f.MemberIDs)
	if f.ChairID != nil {
		wanted = append(wanted, *f.ChairID)
	}
	active, err := client.User.Query().Where(user.IDIn(wanted...), user.Active(true)).IDs(ctx)
	if err != nil {
		return fmt.Errorf("check panel members: %w", err)
	}
	active = append(active, was.MemberIDs...)
	for i, id := range f.MemberIDs {
		if !slices.Contains(active, id) {
			fields[fmt.Sprintf("member_ids[%d]", i)] = "Choose active users as the panel's members"
		}
	}
	if f.ChairID != nil && !slices.Contains(active, *f.ChairID) && intValue(f.ChairID) != intValue(was.ChairID) {
		fields["chair_id"] = "Choose an active user as the panel's chair"
	}
	return nil
}

// CreatePanel arranges a panel meeting and audits it.
func CreatePanel(ctx context.Context, client *ent.Client, actor Actor, v Viewer, f PanelFields) (*ent.Panel, error) {
	if !v.MayManagePanels() {
		return nil, Errorf(EFORBIDDEN, "Only managers and administrators arrange panels.")
	}
	var p *ent.Panel
	err := InTx(ctx, client, func(tx *ent.Client) error {
		if err := invalidIfAny(func(fields map[string]string) error { return CheckPanel(ctx, tx, f, PanelFields{}, fields) }); err != nil {
			return err
		}
		var err error
		p, err = tx.Panel.Create().SetName(f.Name).SetMeetsOn(f.MeetsOn).SetLocation(f.Location).
			SetNillableChairID(f.ChairID).AddMemberIDs(f.MemberIDs...).Save(ctx)
		if err != nil {
			return fmt.Errorf("create panel: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "panel", p.ID, created(f.values()))
	})
	return p, err
}

// UpdatePanel replaces a panel's fields and members, if the version is the
// one the viewer read; the change is audited field by field.
func UpdatePanel(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f PanelFields) (*ent.Panel, error) {
	var p *ent.Panel
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := VisiblePanel(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !v.MayManagePanels() {
			return Errorf(EFORBIDDEN, "Only managers and administrators arrange panels.")
		}
		if old.Version != version {
			return stale("panel", version, old.Version)
		}
		was, err := panelFieldsOf(ctx, tx, old)
		if err != nil {
			return err
		}
		if err := invalidIfAny(func(fields map[string]string) error { return CheckPanel(ctx, tx, f, was, fields) }); err != nil {
			return err
		}
		changes := changed(was.values(), f.values())
		if len(changes) == 0 {
			p = old
			return nil
		}
		u := tx.Panel.UpdateOneID(id).Where(panel.Version(version)).SetName(f.Name).SetMeetsOn(f.MeetsOn).
			SetLocation(f.Location).ClearMembers().AddMemberIDs(f.MemberIDs...)
		setOrClear(f.ChairID, u.SetChairID, u.ClearChairID)
		p, err = u.Save(ctx)
		if ent.IsNotFound(err) {
			return stale("panel", version, version+1)
		}
		if err != nil {
			return fmt.Errorf("update panel: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "panel", id, changes)
	})
	return p, err
}

// ArchivePanel archives a panel with nothing on its agenda, if the version
// is the one the viewer read.
func ArchivePanel(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	return InTx(ctx, client, func(tx *ent.Client) error {
		old, err := VisiblePanel(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !v.MayManagePanels() {
			return Errorf(EFORBIDDEN, "Only managers and administrators arrange panels.")
		}
		if old.Version != version {
			return stale("panel", version, old.Version)
		}
		items, err := tx.PanelItem.Query().Where(panelitem.PanelID(id)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("check panel items: %w", err)
		}
		if items {
			return Errorf(ECONFLICT, "Panel %d has reviews on its agenda: remove them before archiving it.", id)
		}
		if err := tx.Panel.DeleteOneID(id).Where(panel.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "panel", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "panel", id, nil)
	})
}

// VisiblePanel reads a live panel the viewer may see; any other is "not
// found", so a panel member learns nothing of panels they do not sit on.
func VisiblePanel(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.Panel, error) {
	p, err := client.Panel.Query().Where(panel.ID(id)).Where(v.PanelScope()...).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, Errorf(ENOTFOUND, "There is no panel %d, or you cannot see it.", id)
	}
	return p, err
}

// PanelMembers lists the ids of each panel's members, by panel id.
func PanelMembers(ctx context.Context, client *ent.Client, panels ...*ent.Panel) (map[int][]int, error) {
	out := map[int][]int{}
	ids := make([]int, len(panels))
	for i, p := range panels {
		ids[i], out[p.ID] = p.ID, []int{}
	}
	rows, err := client.Panel.Query().Where(panel.IDIn(ids...)).WithMembers(func(q *ent.UserQuery) {
		q.Select(user.FieldID).Order(ent.Asc(user.FieldID))
	}).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read panel members: %w", err)
	}
	for _, p := range rows {
		for _, m := range p.Edges.Members {
			out[p.ID] = append(out[p.ID], m.ID)
		}
	}
	return out, nil
}
