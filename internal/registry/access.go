package registry

import (
	"context"
	"fmt"
	"slices"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/user"
)

// Viewer is who is asking, as the record-level rules see them. Which
// routes a role may call is decided per route (internal/auth); which
// records it may see and change is decided here, in one place.
type Viewer struct {
	// UserID is the signed-in account, or 0 for an API token, which acts
	// with its role across the service.
	UserID int
	Role   user.Role
}

// staffRoles are the fostering service's own people: the fostering team,
// managers, reviewing officers, decision makers and administrators. Not
// carers, whom the records are about, nor panel members, who read only the
// papers of their panels. It is the one list: the route policies
// (internal/auth) and the record-level rules here both read it.
var staffRoles = []user.Role{user.RoleAdmin, user.RoleManager, user.RoleSsw, user.RoleReviewingOfficer, user.RoleAdm}

// StaffRoles returns the roles of the fostering service's own people, a
// copy the caller may extend.
func StaffRoles() []user.Role { return slices.Clone(staffRoles) }

// IsStaff reports whether the viewer is one of the fostering service's
// own people (StaffRoles).
func (v Viewer) IsStaff() bool { return slices.Contains(staffRoles, v.Role) }

// HouseholdScope narrows a household query to the households the viewer
// may see: every one for the fostering service's staff, their own for a
// carer, none for anyone else (a panel member sees panel papers, not the
// registry).
func (v Viewer) HouseholdScope() []predicate.Household {
	switch {
	case v.IsStaff():
		return nil
	case v.Role == user.RoleCarer && v.UserID != 0:
		// An archived carer has left the household, and sees it no more.
		return []predicate.Household{household.HasCarersWith(carer.UserID(v.UserID), carer.ArchivedAtIsNil())}
	}
	return []predicate.Household{household.IDLT(0)}
}

// MayCreateHouseholds reports whether the viewer may open a new household
// record: the managers who allocate work, and administrators.
func (v Viewer) MayCreateHouseholds() bool {
	return v.Role == user.RoleAdmin || v.Role == user.RoleManager
}

// MayAllocate reports whether the viewer may decide who works on or sees a
// household: its supervising social worker, a review's reviewing officer,
// a carer's portal account. Managers allocate work; an SSW may change
// their households' records but not hand them on, choose who writes a
// review's report, or give an account sight of a household.
func (v Viewer) MayAllocate() bool { return v.Role == user.RoleAdmin || v.Role == user.RoleManager }

// MayChangeHousehold reports whether the viewer may change a household's
// record, its people and their checks: managers and administrators any
// household, a supervising social worker the households they supervise (an
// API token with the SSW role, which has no caseload, any). Reviewing
// officers, decision makers and carers read only.
func (v Viewer) MayChangeHousehold(sswID *int) bool {
	switch v.Role {
	case user.RoleAdmin, user.RoleManager:
		return true
	case user.RoleSsw:
		return v.UserID == 0 || (sswID != nil && *sswID == v.UserID)
	}
	return false
}

// IsTeamMember reports whether user id is a member of the fostering team
// (any staff role, active or not): who may be named as a household's
// supervising social worker in a filter.
func IsTeamMember(ctx context.Context, client *ent.Client, id int) (bool, error) {
	ok, err := client.User.Query().Where(user.ID(id), user.RoleIn(staffRoles...)).Exist(ctx)
	if err != nil {
		return false, fmt.Errorf("check the team member: %w", err)
	}
	return ok, nil
}
