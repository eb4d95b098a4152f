package registry

import (
	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/user"
)

// SeesRecordsOf reports whether the viewer may read a person's own
// records — training, health assessments, DBS checks — where c is the
// carer, or nil for a household member: staff those of every household
// they see; a carer only their own. A co-carer's health (and the medical
// adviser's opinion on it) and another adult's criminal record are about
// that person alone (special category and criminal offence data, UK GDPR
// articles 9 and 10), and so is the free text of their training evidence:
// sharing a household does not make them the carer's to read. Which
// households the viewer sees at all is HouseholdScope's to decide, first.
func (v Viewer) SeesRecordsOf(c *ent.Carer) bool {
	switch {
	case v.HouseholdScope() == nil:
		return true
	case v.Role == user.RoleCarer && v.UserID != 0:
		return c != nil && c.UserID != nil && *c.UserID == v.UserID
	}
	return false
}

// recordsScope narrows a carer query as SeesRecordsOf decides, for the
// lists that read many carers' records at once.
func (v Viewer) recordsScope() []predicate.Carer {
	switch {
	case v.HouseholdScope() == nil:
		return nil
	case v.Role == user.RoleCarer && v.UserID != 0:
		return []predicate.Carer{carer.UserID(v.UserID)}
	}
	return []predicate.Carer{carer.IDLT(0)}
}
