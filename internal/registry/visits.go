package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// VisitFields are a visit's editable fields, checked and typed.
type VisitFields struct {
	Kind         visit.Kind
	VisitedOn    civil.Date
	VisitorID    *int
	ChildrenSeen bool
	Note         string
}

// values lists the fields as the audit trail records them.
func (f VisitFields) values() map[string]any {
	return map[string]any{
		"kind": string(f.Kind), "visited_on": f.VisitedOn.String(), "visitor_id": intValue(f.VisitorID),
		"children_seen": f.ChildrenSeen, "note": f.Note,
	}
}

func visitFieldsOf(r *ent.Visit) VisitFields {
	return VisitFields{Kind: r.Kind, VisitedOn: r.VisitedOn, VisitorID: r.VisitorID, ChildrenSeen: r.ChildrenSeen, Note: r.Note}
}

// VisitScope narrows a visit query to the visits the viewer may see: those
// of live households they may see.
func (v Viewer) VisitScope() []predicate.Visit {
	return []predicate.Visit{visit.HasHouseholdWith(append(v.HouseholdScope(), household.ArchivedAtIsNil())...)}
}

// MaySeeVisitNotes reports whether the viewer may read what a supervising
// social worker wrote about a visit: the fostering service's staff, not
// the carers it is about (they see that the visit happened).
func (v Viewer) MaySeeVisitNotes() bool { return v.IsStaff() }

// HouseholdForRecords reads a household the viewer may see, to list its
// visits or placements; any other is "not found".
func HouseholdForRecords(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.Household, error) {
	return visibleHousehold(ctx, client, v, id)
}

// visibleVisit reads a visit the viewer may see, with its household.
func visibleVisit(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.Visit, error) {
	r, err := client.Visit.Query().Where(visit.ID(id)).Where(v.VisitScope()...).WithHousehold().Only(ctx)
	if ent.IsNotFound(err) || (err == nil && r.Edges.Household == nil) {
		return nil, Errorf(ENOTFOUND, "There is no visit %d, or you cannot see it.", id)
	}
	return r, err
}

// checkVisit adds to fields what is wrong against the rest of the
// registry: a visitor who is not an active member of the fostering team.
func checkVisit(ctx context.Context, tx *ent.Client, f VisitFields, fields map[string]string) error {
	if f.VisitorID == nil {
		return nil
	}
	ok, err := tx.User.Query().Where(user.ID(*f.VisitorID), user.Active(true),
		user.RoleIn(user.RoleSsw, user.RoleManager)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check visitor: %w", err)
	}
	if !ok {
		fields["visitor_id"] = "Choose an active supervising social worker or manager as the visitor"
	}
	return nil
}

// CreateVisit records a visit to a household the viewer may change; it is
// audited, and the household's visit dates move with it.
func CreateVisit(ctx context.Context, client *ent.Client, actor Actor, v Viewer, householdID int, f VisitFields) (*ent.Visit, error) {
	var r *ent.Visit
	err := InTx(ctx, client, func(tx *ent.Client) error {
		h, err := visibleHousehold(ctx, tx, v, householdID)
		if err != nil {
			return err
		}
		if !v.MayChangeHousehold(h.SswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker or a manager can record its visits.")
		}
		fields := map[string]string{}
		if err := checkVisit(ctx, tx, f, fields); err != nil {
			return err
		}
		if len(fields) > 0 {
			return Invalid(fields)
		}
		r, err = tx.Visit.Create().SetHouseholdID(householdID).SetKind(f.Kind).SetVisitedOn(f.VisitedOn).
			SetNillableVisitorID(f.VisitorID).SetChildrenSeen(f.ChildrenSeen).SetNote(f.Note).Save(ctx)
		if err != nil {
			return fmt.Errorf("create visit: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "visit", r.ID, created(f.values()))
	})
	return r, err
}

// UpdateVisit replaces a visit's fields, if the viewer may change the
// household and the version is the one they read; the change is audited
// field by field.
func UpdateVisit(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f VisitFields) (*ent.Visit, error) {
	var r *ent.Visit
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := changeableVisit(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		fields := map[string]string{}
		// The visitor must be active in the team only when the change names
		// a new one: a visit made by someone who has since left stays theirs
		// and can still be corrected.
		check := f
		if old.VisitorID != nil && f.VisitorID != nil && *old.VisitorID == *f.VisitorID {
			check.VisitorID = nil
		}
		if err := checkVisit(ctx, tx, check, fields); err != nil {
			return err
		}
		if len(fields) > 0 {
			return Invalid(fields)
		}
		changes := changed(visitFieldsOf(old).values(), f.values())
		if len(changes) == 0 {
			r = old
			return nil
		}
		u := tx.Visit.UpdateOneID(id).Where(visit.Version(version)).SetKind(f.Kind).SetVisitedOn(f.VisitedOn).
			SetChildrenSeen(f.ChildrenSeen).SetNote(f.Note)
		setOrClear(f.VisitorID, u.SetVisitorID, u.ClearVisitorID)
		r, err = u.Save(ctx)
		if ent.IsNotFound(err) {
			return stale("visit", version, version+1)
		}
		if err != nil {
			return fmt.Errorf("update visit: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "visit", id, changes)
	})
	return r, err
}

// ArchiveVisit archives a visit recorded in error (kept for the retention
// period), if the viewer may change the household and the version is the
// one they read.
func ArchiveVisit(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	return InTx(ctx, client, func(tx *ent.Client) error {
		if _, err := changeableVisit(ctx, tx, v, id, version); err != nil {
			return err
		}
		if err := tx.Visit.DeleteOneID(id).Where(visit.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "visit", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "visit", id, nil)
	})
}

// changeableVisit reads a visit the viewer may change, at the version they
// read.
func changeableVisit(ctx context.Context, tx *ent.Client, v Viewer, id, version int) (*ent.Visit, error) {
	old, err := visibleVisit(ctx, tx, v, id)
	if err != nil {
		return nil, err
	}
	if !v.MayChangeHousehold(old.Edges.Household.SswID) {
		return nil, Errorf(EFORBIDDEN, "Only the household's supervising social worker or a manager can change its visits.")
	}
	if old.Version != version {
		return nil, stale("visit", version, old.Version)
	}
	return old, nil
}

// ViewVisit reads one visit the viewer may see, and records that they saw
// it.
func ViewVisit(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.Visit, error) {
	r, err := visibleVisit(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	return r, Audit(ctx, client, actor, auditevent.ActionView, "visit", id, nil)
}
