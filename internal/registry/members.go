package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/internal/civil"
)

// MemberFields are a household member's editable fields, checked and
// typed.
type MemberFields struct {
	FirstName, LastName                string
	Relationship                       householdmember.Relationship
	DateOfBirth, MovedInOn, MovedOutOn *civil.Date
}

// values lists the fields as the audit trail records them.
func (f MemberFields) values() map[string]any {
	return map[string]any{
		"first_name": f.FirstName, "last_name": f.LastName, "relationship": string(f.Relationship),
		"date_of_birth": dateValue(f.DateOfBirth), "moved_in_on": dateValue(f.MovedInOn),
		"moved_out_on": dateValue(f.MovedOutOn),
	}
}

func memberFieldsOf(m *ent.HouseholdMember) MemberFields {
	return MemberFields{FirstName: m.FirstName, LastName: m.LastName, Relationship: m.Relationship,
		DateOfBirth: m.DateOfBirth, MovedInOn: m.MovedInOn, MovedOutOn: m.MovedOutOn}
}

// CreateMember adds someone living in a household the viewer may change,
// and audits it.
func CreateMember(ctx context.Context, client *ent.Client, actor Actor, v Viewer, householdID int, f MemberFields) (*ent.HouseholdMember, error) {
	var m *ent.HouseholdMember
	err := InTx(ctx, client, func(tx *ent.Client) error {
		h, err := householdToChange(ctx, tx, v, householdID)
		if err != nil {
			return err
		}
		m, err = tx.HouseholdMember.Create().SetHouseholdID(h.ID).SetFirstName(f.FirstName).SetLastName(f.LastName).
			SetRelationship(f.Relationship).SetNillableDateOfBirth(f.DateOfBirth).SetNillableMovedInOn(f.MovedInOn).
			SetNillableMovedOutOn(f.MovedOutOn).Save(ctx)
		if err != nil {
			return fmt.Errorf("create household member: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "household_member", m.ID, withHousehold(created(f.values()), h.ID))
	})
	return m, err
}

// UpdateMember replaces a household member's fields, if the viewer may
// change the household and the version is the one they read; the change
// is audited field by field.
func UpdateMember(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f MemberFields) (*ent.HouseholdMember, error) {
	var m *ent.HouseholdMember
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := memberToChange(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		changes := changed(memberFieldsOf(old).values(), f.values())
		if len(changes) == 0 {
			m = old
			return nil
		}
		u := tx.HouseholdMember.UpdateOneID(id).Where(householdmember.Version(version)).SetFirstName(f.FirstName).
			SetLastName(f.LastName).SetRelationship(f.Relationship)
		setOrClear(f.DateOfBirth, u.SetDateOfBirth, u.ClearDateOfBirth)
		setOrClear(f.MovedInOn, u.SetMovedInOn, u.ClearMovedInOn)
		setOrClear(f.MovedOutOn, u.SetMovedOutOn, u.ClearMovedOutOn)
		if m, err = u.Save(ctx); err != nil {
			return savedOrStale(err, "household member", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "household_member", id, changes)
	})
	return m, err
}

// ArchiveMember archives a household member, if the viewer may change the
// household and the version is the one they read. Someone who has moved
// out is recorded with moved_out_on instead; archiving is for a record
// made in error or past its retention.
func ArchiveMember(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	return InTx(ctx, client, func(tx *ent.Client) error {
		if _, err := memberToChange(ctx, tx, v, id, version); err != nil {
			return err
		}
		if err := tx.HouseholdMember.DeleteOneID(id).Where(householdmember.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "household member", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "household_member", id, nil)
	})
}

// ViewMember reads one household member the viewer may see, and records
// that they saw it.
func ViewMember(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.HouseholdMember, error) {
	m, _, err := visibleMember(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	return m, Audit(ctx, client, actor, auditevent.ActionView, "household_member", id, nil)
}

// ListMembers reads a page of the members of a household the viewer may
// see.
func ListMembers(ctx context.Context, client *ent.Client, v Viewer, householdID int, p Page) ([]*ent.HouseholdMember, error) {
	if _, err := visibleHousehold(ctx, client, v, householdID); err != nil {
		return nil, err
	}
	return client.HouseholdMember.Query().Where(householdmember.HouseholdID(householdID), householdmember.IDGT(p.After)).
		Order(householdmember.ByID()).Limit(p.Limit).All(ctx)
}

// visibleMember reads a live member of a household the viewer may see,
// with that household; any other is "not found".
func visibleMember(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.HouseholdMember, *ent.Household, error) {
	m, err := client.HouseholdMember.Get(ctx, id)
	if err == nil {
		var h *ent.Household
		if h, err = visibleHousehold(ctx, client, v, m.HouseholdID); err == nil {
			return m, h, nil
		}
	}
	if ent.IsNotFound(err) || ErrorCode(err) == ENOTFOUND {
		return nil, nil, Errorf(ENOTFOUND, "There is no household member %d, or you cannot see them.", id)
	}
	return nil, nil, err
}

// memberToChange reads a household member for a change: visible, in a
// household the viewer may change, and at the version they read.
func memberToChange(ctx context.Context, tx *ent.Client, v Viewer, id, version int) (*ent.HouseholdMember, error) {
	m, h, err := visibleMember(ctx, tx, v, id)
	if err != nil {
		return nil, err
	}
	if err := mayChange(v, h); err != nil {
		return nil, err
	}
	if m.Version != version {
		return nil, stale("household member", version, m.Version)
	}
	return m, nil
}
