package registry

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// MaxCarers is how many carers one household's approval covers: a single
// carer or a couple.
const MaxCarers = 2

// Page is one page of a list in id order: at most Limit rows with ids
// after After (0 for the first page).
type Page struct{ After, Limit int }

// CarerFields are a carer's editable fields, checked and typed. The
// household is not among them: a carer moving household is a new approval.
type CarerFields struct {
	FirstName, LastName, Email, Phone string
	DateOfBirth, TSDCompletedOn       *civil.Date
	ConnectedPerson                   bool
	// UserID is the carer's portal account, if they have one.
	UserID *int
}

// values lists the fields as the audit trail records them.
func (f CarerFields) values() map[string]any {
	return map[string]any{
		"first_name": f.FirstName, "last_name": f.LastName, "email": f.Email, "phone": f.Phone,
		"date_of_birth": dateValue(f.DateOfBirth), "tsd_completed_on": dateValue(f.TSDCompletedOn),
		"connected_person": f.ConnectedPerson, "user_id": intValue(f.UserID),
	}
}

func carerFieldsOf(c *ent.Carer) CarerFields {
	return CarerFields{FirstName: c.FirstName, LastName: c.LastName, Email: c.Email, Phone: c.Phone,
		DateOfBirth: c.DateOfBirth, TSDCompletedOn: c.TsdCompletedOn, ConnectedPerson: c.ConnectedPerson, UserID: c.UserID}
}

// checkCarer adds to fields what is wrong with f against the rest of the
// registry: a newly linked portal account that is not an active carer's,
// or is already another carer's (archived carers included: the link is
// unique). A link kept as it was is not checked again, so a carer whose
// account was deactivated can still have their record changed.
func checkCarer(ctx context.Context, client *ent.Client, f CarerFields, id int, linked *int, fields map[string]string) error {
	if f.UserID == nil || (linked != nil && *linked == *f.UserID) {
		return nil
	}
	ok, err := client.User.Query().Where(user.ID(*f.UserID), user.Active(true), user.RoleEQ(user.RoleCarer)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check carer account: %w", err)
	}
	if !ok {
		fields["user_id"] = "Choose an active carer's account"
		return nil
	}
	taken, err := client.Carer.Query().Where(carer.UserID(*f.UserID), carer.IDNEQ(id)).Exist(schema.IncludeArchived(ctx))
	if err != nil {
		return fmt.Errorf("check carer account: %w", err)
	}
	if taken {
		fields["user_id"] = "Choose another account: this one is already linked to another carer"
	}
	return nil
}

// CreateCarer adds a carer to a household the viewer may change, within
// the household's limit of two, and audits it.
func CreateCarer(ctx context.Context, client *ent.Client, actor Actor, v Viewer, householdID int, f CarerFields) (*ent.Carer, error) {
	var c *ent.Carer
	err := InTx(ctx, client, func(tx *ent.Client) error {
		h, err := householdToChange(ctx, tx, v, householdID)
		if err != nil {
			return err
		}
		// Two requests adding a carer at once must not both see one.
		if err := lockHouseholdRow(ctx, tx, h.ID); err != nil {
			return err
		}
		fields := map[string]string{}
		n, err := tx.Carer.Query().Where(carer.HouseholdID(h.ID)).Count(ctx)
		if err != nil {
			return fmt.Errorf("count carers: %w", err)
		}
		if n >= MaxCarers {
			fields["household"] = fmt.Sprintf("%s already has %d carers, the most a household can have", h.Reference, n)
		}
		if err := checkCarer(ctx, tx, f, 0, nil, fields); err != nil {
			return err
		}
		if f.UserID != nil && !v.MayAllocate() && fields["user_id"] == "" {
			fields["user_id"] = portalLinkRefused
		}
		if len(fields) > 0 {
			return Invalid(fields)
		}
		c, err = tx.Carer.Create().SetHouseholdID(h.ID).SetFirstName(f.FirstName).SetLastName(f.LastName).
			SetEmail(f.Email).SetPhone(f.Phone).SetNillableDateOfBirth(f.DateOfBirth).
			SetNillableTsdCompletedOn(f.TSDCompletedOn).SetConnectedPerson(f.ConnectedPerson).
			SetNillableUserID(f.UserID).Save(ctx)
		if err != nil {
			return fmt.Errorf("create carer: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "carer", c.ID, withHousehold(created(f.values()), h.ID))
	})
	return c, err
}

// portalLinkRefused is the answer to an SSW linking a portal account: the
// link decides who can see the household, so managers make it.
const portalLinkRefused = "Only a manager can link a carer to a portal account"

// UpdateCarer replaces a carer's fields, if the viewer may change their
// household and the version is the one they read; the change is audited
// field by field.
func UpdateCarer(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f CarerFields) (*ent.Carer, error) {
	var c *ent.Carer
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := carerToChange(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		fields := map[string]string{}
		if err := checkCarer(ctx, tx, f, id, old.UserID, fields); err != nil {
			return err
		}
		changes := changed(carerFieldsOf(old).values(), f.values())
		if _, relinked := changes["user_id"]; relinked && !v.MayAllocate() && fields["user_id"] == "" {
			fields["user_id"] = portalLinkRefused
		}
		if len(fields) > 0 {
			return Invalid(fields)
		}
		if len(changes) == 0 {
			c = old
			return nil
		}
		u := tx.Carer.UpdateOneID(id).Where(carer.Version(version)).SetFirstName(f.FirstName).
			SetLastName(f.LastName).SetEmail(f.Email).SetPhone(f.Phone).SetConnectedPerson(f.ConnectedPerson)
		setOrClear(f.DateOfBirth, u.SetDateOfBirth, u.ClearDateOfBirth)
		setOrClear(f.TSDCompletedOn, u.SetTsdCompletedOn, u.ClearTsdCompletedOn)
		setOrClear(f.UserID, u.SetUserID, u.ClearUserID)
		if c, err = u.Save(ctx); err != nil {
			return savedOrStale(err, "carer", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "carer", id, changes)
	})
	return c, err
}

// ArchiveCarer archives a carer, if the viewer may change their household
// and the version is the one they read. Their portal account is unlinked
// first: an archived carer no longer sees the household.
func ArchiveCarer(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	return InTx(ctx, client, func(tx *ent.Client) error {
		old, err := carerToChange(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		changes := changed(map[string]any{"user_id": intValue(old.UserID)}, map[string]any{"user_id": nil})
		if old.UserID != nil {
			if err := tx.Carer.UpdateOneID(id).Where(carer.Version(version)).ClearUserID().Exec(ctx); err != nil {
				return savedOrStale(err, "carer", version)
			}
			version++
		}
		if err := tx.Carer.DeleteOneID(id).Where(carer.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "carer", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "carer", id, changes)
	})
}

// ViewCarer reads one carer the viewer may see, and records that they saw
// it.
func ViewCarer(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.Carer, error) {
	c, _, err := visibleCarer(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	return c, Audit(ctx, client, actor, auditevent.ActionView, "carer", id, nil)
}

// ListCarers reads a page of the carers of a household the viewer may see.
func ListCarers(ctx context.Context, client *ent.Client, v Viewer, householdID int, p Page) ([]*ent.Carer, error) {
	if _, err := visibleHousehold(ctx, client, v, householdID); err != nil {
		return nil, err
	}
	return client.Carer.Query().Where(carer.HouseholdID(householdID), carer.IDGT(p.After)).
		Order(carer.ByID()).Limit(p.Limit).All(ctx)
}

// visibleCarer reads a live carer of a household the viewer may see, with
// that household; any other is "not found", so guessing ids reveals nothing.
func visibleCarer(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.Carer, *ent.Household, error) {
	c, err := client.Carer.Get(ctx, id)
	if err == nil {
		var h *ent.Household
		if h, err = visibleHousehold(ctx, client, v, c.HouseholdID); err == nil {
			return c, h, nil
		}
	}
	if ent.IsNotFound(err) || ErrorCode(err) == ENOTFOUND {
		return nil, nil, Errorf(ENOTFOUND, "There is no carer %d, or you cannot see them.", id)
	}
	return nil, nil, err
}

// carerToChange reads a carer for a change: visible, in a household the
// viewer may change, and at the version they read.
func carerToChange(ctx context.Context, tx *ent.Client, v Viewer, id, version int) (*ent.Carer, error) {
	c, h, err := visibleCarer(ctx, tx, v, id)
	if err != nil {
		return nil, err
	}
	if err := mayChange(v, h); err != nil {
		return nil, err
	}
	if c.Version != version {
		return nil, stale("carer", version, c.Version)
	}
	return c, nil
}

// householdToChange reads a household the viewer may see and change, to
// add a carer or member to.
func householdToChange(ctx context.Context, tx *ent.Client, v Viewer, id int) (*ent.Household, error) {
	h, err := visibleHousehold(ctx, tx, v, id)
	if err != nil {
		return nil, err
	}
	return h, mayChange(v, h)
}

// mayChange refuses a change to a household's people and their checks by a
// viewer who may see the household but not change it.
func mayChange(v Viewer, h *ent.Household) error {
	if !v.MayChangeHousehold(h.SswID) {
		return Errorf(EFORBIDDEN, "Only the household's supervising social worker or a manager can change its carers, members and checks.")
	}
	return nil
}

// lockHouseholdRow holds a household's row until the transaction ends, so
// that rules counting its records see each other's writes. SQLite needs no
// lock: its writing transactions already run one at a time.
func lockHouseholdRow(ctx context.Context, tx *ent.Client, id int) error {
	_, err := tx.Household.Query().Where(household.ID(id)).Select(household.FieldID).Modify(func(s *sql.Selector) {
		if s.Dialect() == dialect.Postgres {
			s.ForUpdate()
		}
	}).Ints(ctx)
	if err != nil {
		return fmt.Errorf("lock household %d: %w", id, err)
	}
	return nil
}

// savedOrStale reports a failed versioned save: no row at the version read
// means someone else changed or archived the record first.
func savedOrStale(err error, what string, version int) error {
	if ent.IsNotFound(err) {
		return stale(what, version, version+1)
	}
	return fmt.Errorf("save %s: %w", what, err)
}

// withHousehold notes in a new record's audit entry which household it
// belongs to, so the trail can be read household by household.
func withHousehold(changes audit.Changes, householdID int) audit.Changes {
	changes["household_id"] = audit.Change{New: householdID}
	return changes
}
