package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/placement"
)

// HouseholdExtras are what a household's page shows beside the record
// ReadHouseholdRecord reads: its supervising social worker, its
// placements, the course catalogue the training matrix is laid against,
// and the latest of its audit trail.
type HouseholdExtras struct {
	SSW        *ent.User
	Placements []*ent.Placement
	Courses    []*ent.Course
	Audit      []*ent.AuditEvent
}

// ReadHouseholdExtras reads the extras of household h for a staff viewer;
// the audit trail only when auditRows is above nought, as those who may
// read it ask. Placements are the staff's to see: anyone else is refused.
func ReadHouseholdExtras(ctx context.Context, client *ent.Client, v Viewer, h *ent.Household, auditRows int) (HouseholdExtras, error) {
	var out HouseholdExtras
	if !v.IsStaff() {
		return out, Errorf(EFORBIDDEN, "Only the fostering service's staff can see a household's whole record.")
	}
	var err error
	if h.SswID != nil {
		if out.SSW, err = client.User.Get(ctx, *h.SswID); err != nil && !ent.IsNotFound(err) {
			return out, fmt.Errorf("read the supervising social worker: %w", err)
		}
	}
	if out.Placements, err = client.Placement.Query().Where(placement.HouseholdID(h.ID)).
		Order(ent.Desc(placement.FieldStartedOn)).All(ctx); err != nil {
		return out, fmt.Errorf("read the placements: %w", err)
	}
	if out.Courses, err = CoursesMandatoryFirst(ctx, client); err != nil {
		return out, err
	}
	if auditRows > 0 {
		if out.Audit, err = client.AuditEvent.Query().Where(auditevent.Entity("household"), auditevent.EntityID(h.ID)).
			Order(ent.Desc(auditevent.FieldAt), ent.Desc(auditevent.FieldID)).Limit(auditRows).All(ctx); err != nil {
			return out, fmt.Errorf("read the audit trail: %w", err)
		}
	}
	return out, nil
}
