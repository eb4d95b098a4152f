package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/user"
)

// supervisors are the roles that may supervise a household.
var supervisors = []user.Role{user.RoleSsw, user.RoleManager}

// Supervisors are the team's active supervising social workers and
// managers, by name: who may supervise a household.
func Supervisors(ctx context.Context, client *ent.Client) ([]*ent.User, error) {
	people, err := client.User.Query().Where(user.Active(true), user.RoleIn(supervisors...)).
		Order(ent.Asc(user.FieldName)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the supervising social workers: %w", err)
	}
	return people, nil
}

// PanelPeople are the active panel members, by name: whom a panel's chair
// and members are chosen from.
func PanelPeople(ctx context.Context, client *ent.Client) ([]*ent.User, error) {
	people, err := client.User.Query().Where(user.Active(true), user.RoleEQ(user.RolePanelMember)).
		Order(ent.Asc(user.FieldName)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the panel members: %w", err)
	}
	return people, nil
}

// ReviewingOfficers are the active reviewing officers, by name: whom a
// review's independent reviewing officer is chosen from.
func ReviewingOfficers(ctx context.Context, client *ent.Client) ([]*ent.User, error) {
	people, err := client.User.Query().Where(user.Active(true), user.RoleEQ(user.RoleReviewingOfficer)).
		Order(ent.Asc(user.FieldName)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the reviewing officers: %w", err)
	}
	return people, nil
}

// LikelyVisitors are whom a visit to a household is likely made by, by
// name: those of ids (the person recording it) and the household's
// supervising social worker who are active supervisors, and the person
// named already (named, 0 for none) whoever they are. The whole team
// would be thousands of names in a large service.
func LikelyVisitors(ctx context.Context, client *ent.Client, householdID int, ids []int, named int) ([]*ent.User, error) {
	h, err := client.Household.Query().Where(household.ID(householdID)).Select(household.FieldSswID).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("read the household's social worker: %w", err)
	}
	if h != nil && h.SswID != nil {
		ids = append(ids, *h.SswID)
	}
	// Each part only when it names someone: an empty IN list is FALSE,
	// and "… OR FALSE" can make the database read every account.
	var who []predicate.User
	if len(ids) > 0 {
		who = append(who, user.And(user.IDIn(ids...), user.Active(true), user.RoleIn(supervisors...)))
	}
	if named != 0 {
		who = append(who, user.ID(named))
	}
	if len(who) == 0 {
		return nil, nil
	}
	people, err := client.User.Query().Where(user.Or(who...)).Order(ent.Asc(user.FieldName)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the likely visitors: %w", err)
	}
	return people, nil
}

// HouseholdOfPerson is the household of a carer or, when carer is nil, of
// a household member (0 when neither is given): where a record about a
// person the viewer has already been allowed to see belongs.
func HouseholdOfPerson(ctx context.Context, client *ent.Client, carer, member *int) (int, error) {
	switch {
	case carer != nil:
		c, err := client.Carer.Get(ctx, *carer)
		if err != nil {
			return 0, fmt.Errorf("read the carer: %w", err)
		}
		return c.HouseholdID, nil
	case member != nil:
		m, err := client.HouseholdMember.Get(ctx, *member)
		if err != nil {
			return 0, fmt.Errorf("read the household member: %w", err)
		}
		return m.HouseholdID, nil
	}
	return 0, nil
}
