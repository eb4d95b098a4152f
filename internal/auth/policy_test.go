package auth

import (
	"testing"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/registry"
)

// TestStaffIsOneList shows every role answered the same by the route
// policies built on the fostering service's staff and by the record-level
// rules that single staff out: each reads registry.StaffRoles, so adding a
// role to the staff, or taking one away, changes them all at once.
func TestStaffIsOneList(t *testing.T) {
	t.Parallel()
	for _, role := range Roles {
		v := registry.Viewer{UserID: 1, Role: role}
		staff := v.IsStaff()
		for name, got := range map[string]bool{
			"Staff policy":            Staff.Allows(v.Role),
			"HouseholdReaders policy": HouseholdReaders.Allows(v.Role) && v.Role != user.RoleCarer,
			"PanelReaders policy":     PanelReaders.Allows(v.Role) && v.Role != user.RolePanelMember,
			"MaySeePlacements":        v.MaySeePlacements(),
			"MaySeeVisitNotes":        v.MaySeeVisitNotes(),
			"HouseholdScope":          v.HouseholdScope() == nil,
		} {
			if got != staff {
				t.Errorf("%s: %s says %v, IsStaff %v", role, name, got, staff)
			}
		}
	}
}
