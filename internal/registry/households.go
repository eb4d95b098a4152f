package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// HouseholdFields are a household's editable fields, checked and typed.
type HouseholdFields struct {
	Reference, AddressLine1, AddressLine2, Town, Postcode, Phone, Email string
	Status                                                              household.Status
	ApprovedOn, ResignationReceivedOn, EndedOn                          *civil.Date
	SSWID                                                               *int
}

// values lists the fields as the audit trail records them.
func (f HouseholdFields) values() map[string]any {
	return map[string]any{
		"reference": f.Reference, "address_line1": f.AddressLine1, "address_line2": f.AddressLine2,
		"town": f.Town, "postcode": f.Postcode, "phone": f.Phone, "email": f.Email, "status": string(f.Status),
		"approved_on": dateValue(f.ApprovedOn), "resignation_received_on": dateValue(f.ResignationReceivedOn),
		"ended_on": dateValue(f.EndedOn), "ssw_id": intValue(f.SSWID),
	}
}

func householdFieldsOf(h *ent.Household) HouseholdFields {
	return HouseholdFields{Reference: h.Reference, AddressLine1: h.AddressLine1, AddressLine2: h.AddressLine2,
		Town: h.Town, Postcode: h.Postcode, Phone: h.Phone, Email: h.Email, Status: h.Status,
		ApprovedOn: h.ApprovedOn, ResignationReceivedOn: h.ResignationReceivedOn, EndedOn: h.EndedOn, SSWID: h.SswID}
}

// CheckHousehold adds to fields what is wrong with f against the rest of
// the registry: a reference already used by another household, a
// supervising social worker who is not one.
func CheckHousehold(ctx context.Context, client *ent.Client, f HouseholdFields, id int, fields map[string]string) error {
	if f.Reference != "" {
		taken, err := client.Household.Query().Where(household.Reference(f.Reference), household.IDNEQ(id)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("check reference: %w", err)
		}
		if taken {
			fields["reference"] = fmt.Sprintf("%s is already another household's reference: enter a different one", f.Reference)
		}
	}
	if f.SSWID != nil {
		ok, err := client.User.Query().Where(user.ID(*f.SSWID), user.Active(true),
			user.RoleIn(user.RoleSsw, user.RoleManager)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("check ssw: %w", err)
		}
		if !ok {
			fields["ssw_id"] = "Choose an active supervising social worker or manager"
		}
	}
	return nil
}

// CreateHousehold records a new household and audits it.
func CreateHousehold(ctx context.Context, client *ent.Client, actor Actor, v Viewer, f HouseholdFields) (*ent.Household, error) {
	if !v.MayCreateHouseholds() {
		return nil, Errorf(EFORBIDDEN, "Only managers and administrators open household records.")
	}
	var h *ent.Household
	err := InTx(ctx, client, func(tx *ent.Client) error {
		fields := map[string]string{}
		if err := CheckHousehold(ctx, tx, f, 0, fields); err != nil {
			return err
		}
		if len(fields) > 0 {
			return Invalid(fields)
		}
		var err error
		h, err = tx.Household.Create().SetReference(f.Reference).SetAddressLine1(f.AddressLine1).
			SetAddressLine2(f.AddressLine2).SetTown(f.Town).SetPostcode(f.Postcode).SetPhone(f.Phone).
			SetEmail(f.Email).SetStatus(f.Status).SetNillableApprovedOn(f.ApprovedOn).
			SetNillableResignationReceivedOn(f.ResignationReceivedOn).SetNillableEndedOn(f.EndedOn).
			SetNillableSswID(f.SSWID).Save(ctx)
		if err != nil {
			return fmt.Errorf("create household: %w", err)
		}
		if err := Audit(ctx, tx, actor, auditevent.ActionCreate, "household", h.ID, created(f.values())); err != nil {
			return err
		}
		return scheduleFirstReview(ctx, tx, actor, h)
	})
	return h, err
}

// UpdateHousehold replaces a household's fields, if the viewer may change
// it and the version is the one they read; the change is audited field by
// field.
func UpdateHousehold(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f HouseholdFields) (*ent.Household, error) {
	var h *ent.Household
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := visibleHousehold(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !v.MayChangeHousehold(old.SswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker or a manager can change it.")
		}
		if old.Version != version {
			return stale("household", version, old.Version)
		}
		fields := map[string]string{}
		if err := CheckHousehold(ctx, tx, f, id, fields); err != nil {
			return err
		}
		changes := changed(householdFieldsOf(old).values(), f.values())
		if _, moved := changes["ssw_id"]; moved && !v.MayAllocate() && fields["ssw_id"] == "" {
			fields["ssw_id"] = "Only a manager can change the household's supervising social worker"
		}
		if len(fields) > 0 {
			return Invalid(fields)
		}
		if len(changes) == 0 {
			h = old
			return nil
		}
		u := tx.Household.UpdateOneID(id).Where(household.Version(version)).SetReference(f.Reference).
			SetAddressLine1(f.AddressLine1).SetAddressLine2(f.AddressLine2).SetTown(f.Town).SetPostcode(f.Postcode).
			SetPhone(f.Phone).SetEmail(f.Email).SetStatus(f.Status)
		setOrClear(f.ApprovedOn, u.SetApprovedOn, u.ClearApprovedOn)
		setOrClear(f.ResignationReceivedOn, u.SetResignationReceivedOn, u.ClearResignationReceivedOn)
		setOrClear(f.EndedOn, u.SetEndedOn, u.ClearEndedOn)
		setOrClear(f.SSWID, u.SetSswID, u.ClearSswID)
		h, err = u.Save(ctx)
		if ent.IsNotFound(err) {
			return stale("household", version, version+1)
		}
		if err != nil {
			return fmt.Errorf("update household: %w", err)
		}
		if err := Audit(ctx, tx, actor, auditevent.ActionUpdate, "household", id, changes); err != nil {
			return err
		}
		return scheduleFirstReview(ctx, tx, actor, h)
	})
	return h, err
}

// ArchiveHousehold archives a household (records are kept for the
// retention period, never deleted here), if the viewer may change it and
// the version is the one they read.
func ArchiveHousehold(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	return InTx(ctx, client, func(tx *ent.Client) error {
		old, err := visibleHousehold(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !v.MayCreateHouseholds() {
			return Errorf(EFORBIDDEN, "Only managers and administrators archive household records.")
		}
		if old.Version != version {
			return stale("household", version, old.Version)
		}
		if err := tx.Household.DeleteOneID(id).Where(household.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "household", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "household", id, nil)
	})
}

// ViewHousehold reads one household the viewer may see, and records that
// they saw it: who looked at a family's record is part of the record.
func ViewHousehold(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.Household, error) {
	h, err := visibleHousehold(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	return h, Audit(ctx, client, actor, auditevent.ActionView, "household", id, nil)
}

// HouseholdVisible answers "not found" unless the viewer may see household
// id, so a list under it reveals nothing of other people's households.
func HouseholdVisible(ctx context.Context, client *ent.Client, v Viewer, id int) error {
	_, err := visibleHousehold(ctx, client, v, id)
	return err
}

// visibleHousehold reads a household the viewer may see; any other is
// "not found", so that guessing ids reveals nothing.
func visibleHousehold(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.Household, error) {
	h, err := client.Household.Query().Where(household.ID(id)).Where(v.HouseholdScope()...).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, Errorf(ENOTFOUND, "There is no household %d, or you cannot see it.", id)
	}
	return h, err
}

func stale(what string, had, now int) error {
	return Errorf(ESTALE, "The %s was changed by someone else since you read it (your version %d, now %d): read it again and reapply your change.", what, had, now)
}

// created is the audit record of a new record's values.
func created(values map[string]any) audit.Changes {
	out := audit.Changes{}
	for k, v := range values {
		if v != nil && v != "" {
			out[k] = audit.Change{New: v}
		}
	}
	return out
}

// changed is the audit record of the values that differ.
func changed(old, new map[string]any) audit.Changes {
	out := audit.Changes{}
	for k, n := range new {
		if o := old[k]; o != n {
			out[k] = audit.Change{Old: o, New: n}
		}
	}
	return out
}

func dateValue(d *civil.Date) any {
	if d == nil {
		return nil
	}
	return d.String()
}

func intValue(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

// setOrClear sets an optional field to v, or clears it when v is nil: an
// update replaces the whole record, so an omitted date is a removed one.
func setOrClear[T any, R any](v *T, set func(T) R, clear func() R) {
	if v == nil {
		clear()
		return
	}
	set(*v)
}
