package auth

import (
	"slices"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Policy says who may use a route. Every route is registered with one;
// there is no default but refusal. Rules about which records a person may
// see (a carer's own household, a panel member's own panels) sit beneath
// this, with the records.
type Policy struct {
	// Name is how the policy reads in route listings and test failures.
	Name string
	// Public routes need no sign-in: probes, static files, signing in.
	Public bool
	// Roles may use the route when signed in.
	Roles []user.Role
	// Partial routes may also be used between the password and the second
	// factor: the pages that finish signing in.
	Partial bool
}

// Allows reports whether a signed-in user with role may use the route.
func (p Policy) Allows(role user.Role) bool {
	return p.Public || slices.Contains(p.Roles, role)
}

// The policies routes are registered with.
var (
	// Public needs no sign-in.
	Public = Policy{Name: "public", Public: true}
	// SignedIn is anyone signed in, whatever their role.
	SignedIn = Policy{Name: "signed in", Roles: Roles}
	// Staff is the fostering service's own people: the fostering team,
	// managers, reviewing officers, decision makers and administrators.
	Staff = Policy{Name: "staff", Roles: registry.StaffRoles()}
	// SigningIn is the second-factor and enrolment pages: reachable with the
	// password alone, as well as when fully signed in.
	SigningIn = Policy{Name: "signing in", Roles: Roles, Partial: true}
	// AuditReaders may read the audit trail: administrators and managers.
	AuditReaders = Policy{Name: "audit readers", Roles: []user.Role{user.RoleAdmin, user.RoleManager}}
	// Managers allocate work: they open and archive household records.
	Managers = Policy{Name: "managers", Roles: []user.Role{user.RoleAdmin, user.RoleManager}}
	// HouseholdReaders may read household records: staff every one, a
	// carer their own (the registry decides which records).
	HouseholdReaders = Policy{Name: "household readers", Roles: append(registry.StaffRoles(), user.RoleCarer)}
	// Carers are foster carers with a portal account: their own pages.
	Carers = Policy{Name: "carers", Roles: []user.Role{user.RoleCarer}}
	// Admins manage users, the course catalogue and policy settings.
	Admins = Policy{Name: "admin", Roles: []user.Role{user.RoleAdmin}}
)
