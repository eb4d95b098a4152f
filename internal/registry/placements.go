package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/placement"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/internal/civil"
)

// PlacementFields are a placement's editable fields, checked and typed.
type PlacementFields struct {
	ChildReference, PlacingAuthority string
	Category                         placement.Category
	StartedOn                        civil.Date
	EndedOn                          *civil.Date
	EndReason                        *placement.EndReason
}

// values lists the fields as the audit trail records them.
func (f PlacementFields) values() map[string]any {
	var reason any
	if f.EndReason != nil {
		reason = string(*f.EndReason)
	}
	return map[string]any{
		"child_reference": f.ChildReference, "placing_authority": f.PlacingAuthority, "category": string(f.Category),
		"started_on": f.StartedOn.String(), "ended_on": dateValue(f.EndedOn), "end_reason": reason,
	}
}

func placementFieldsOf(p *ent.Placement) PlacementFields {
	return PlacementFields{ChildReference: p.ChildReference, PlacingAuthority: p.PlacingAuthority, Category: p.Category,
		StartedOn: p.StartedOn, EndedOn: p.EndedOn, EndReason: p.EndReason}
}

// MaySeePlacements reports whether the viewer may see the children placed
// with households: the fostering service's staff. Carers may not, even
// their own household's: they know who lives with them, and the record of
// how placements ended is the service's.
func (v Viewer) MaySeePlacements() bool { return v.IsStaff() }

// PlacementScope narrows a placement query to the placements the viewer
// may see: those of live households they may see, and none for a carer.
func (v Viewer) PlacementScope() []predicate.Placement {
	if !v.MaySeePlacements() {
		return []predicate.Placement{placement.IDLT(0)}
	}
	return []predicate.Placement{placement.HasHouseholdWith(append(v.HouseholdScope(), household.ArchivedAtIsNil())...)}
}

// PlacementHousehold reads a household whose placements the viewer may
// see; any other is "not found", as is every household for a carer.
func PlacementHousehold(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.Household, error) {
	if !v.MaySeePlacements() {
		return nil, Errorf(ENOTFOUND, "There is no household %d, or you cannot see its placements.", id)
	}
	return visibleHousehold(ctx, client, v, id)
}

// visiblePlacement reads a placement the viewer may see, with its
// household.
func visiblePlacement(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.Placement, error) {
	p, err := client.Placement.Query().Where(placement.ID(id)).Where(v.PlacementScope()...).WithHousehold().Only(ctx)
	if ent.IsNotFound(err) || (err == nil && p.Edges.Household == nil) {
		return nil, Errorf(ENOTFOUND, "There is no placement %d, or you cannot see it.", id)
	}
	return p, err
}

// CreatePlacement records a child placed with a household the viewer may
// change, and audits it.
func CreatePlacement(ctx context.Context, client *ent.Client, actor Actor, v Viewer, householdID int, f PlacementFields) (*ent.Placement, error) {
	var p *ent.Placement
	err := InTx(ctx, client, func(tx *ent.Client) error {
		h, err := PlacementHousehold(ctx, tx, v, householdID)
		if err != nil {
			return err
		}
		if !v.MayChangeHousehold(h.SswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker or a manager can record its placements.")
		}
		p, err = tx.Placement.Create().SetHouseholdID(householdID).SetChildReference(f.ChildReference).
			SetPlacingAuthority(f.PlacingAuthority).SetCategory(f.Category).SetStartedOn(f.StartedOn).
			SetNillableEndedOn(f.EndedOn).SetNillableEndReason(f.EndReason).Save(ctx)
		if err != nil {
			return fmt.Errorf("create placement: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "placement", p.ID, created(f.values()))
	})
	return p, err
}

// UpdatePlacement replaces a placement's fields (to record its end, say),
// if the viewer may change the household and the version is the one they
// read; the change is audited field by field.
func UpdatePlacement(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f PlacementFields) (*ent.Placement, error) {
	var p *ent.Placement
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := changeablePlacement(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		changes := changed(placementFieldsOf(old).values(), f.values())
		if len(changes) == 0 {
			p = old
			return nil
		}
		u := tx.Placement.UpdateOneID(id).Where(placement.Version(version)).SetChildReference(f.ChildReference).
			SetPlacingAuthority(f.PlacingAuthority).SetCategory(f.Category).SetStartedOn(f.StartedOn)
		setOrClear(f.EndedOn, u.SetEndedOn, u.ClearEndedOn)
		setOrClear(f.EndReason, u.SetEndReason, u.ClearEndReason)
		p, err = u.Save(ctx)
		if ent.IsNotFound(err) {
			return stale("placement", version, version+1)
		}
		if err != nil {
			return fmt.Errorf("update placement: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "placement", id, changes)
	})
	return p, err
}

// ArchivePlacement archives a placement recorded in error (kept for the
// retention period), if the viewer may change the household and the
// version is the one they read. A placement that ended is updated with
// its end, not archived.
func ArchivePlacement(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	return InTx(ctx, client, func(tx *ent.Client) error {
		if _, err := changeablePlacement(ctx, tx, v, id, version); err != nil {
			return err
		}
		if err := tx.Placement.DeleteOneID(id).Where(placement.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "placement", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "placement", id, nil)
	})
}

// changeablePlacement reads a placement the viewer may change, at the
// version they read.
func changeablePlacement(ctx context.Context, tx *ent.Client, v Viewer, id, version int) (*ent.Placement, error) {
	old, err := visiblePlacement(ctx, tx, v, id)
	if err != nil {
		return nil, err
	}
	if !v.MayChangeHousehold(old.Edges.Household.SswID) {
		return nil, Errorf(EFORBIDDEN, "Only the household's supervising social worker or a manager can change its placements.")
	}
	if old.Version != version {
		return nil, stale("placement", version, old.Version)
	}
	return old, nil
}

// ViewPlacement reads one placement the viewer may see, and records that
// they saw it.
func ViewPlacement(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.Placement, error) {
	p, err := visiblePlacement(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	return p, Audit(ctx, client, actor, auditevent.ActionView, "placement", id, nil)
}
