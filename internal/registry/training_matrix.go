package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/course"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// MatrixFilter chooses the carers of the training matrix: those of one
// supervising social worker's households (SSW, a user id) or of all, only
// those with training overdue on the day On, after carer id After, at most
// Limit of them.
type MatrixFilter struct {
	SSW          int
	Overdue      bool
	After, Limit int
	On           civil.Date
}

// MandatoryCourses are the catalogue's mandatory courses, by title: the
// columns of the training matrix.
func MandatoryCourses(ctx context.Context, client *ent.Client) ([]*ent.Course, error) {
	courses, err := client.Course.Query().Where(course.Mandatory(true)).Order(ent.Asc(course.FieldTitle)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the mandatory courses: %w", err)
	}
	return courses, nil
}

// MatrixCarers reads the training matrix's carers, of households still
// approved (on hold and suspended included), in id order, each with their
// household. The matrix is the staff's: anyone else is refused.
func MatrixCarers(ctx context.Context, client *ent.Client, v Viewer, f MatrixFilter) ([]*ent.Carer, error) {
	if !v.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "Only the fostering service's staff can see the training matrix.")
	}
	current := household.StatusIn(household.StatusApproved, household.StatusOnHold, household.StatusSuspended)
	where := []predicate.Carer{carer.IDGT(f.After)}
	if f.SSW != 0 {
		// An SSW's households first, by their index: asked the other way
		// round ("carers whose household is theirs"), SQLite walked every
		// carer in the registry to find an SSW's few dozen.
		households, err := client.Household.Query().Where(household.SswID(f.SSW), current).IDs(ctx)
		if err != nil {
			return nil, fmt.Errorf("read the social worker's households: %w", err)
		}
		where = append(where, carer.HouseholdIDIn(households...))
	} else {
		where = append(where, carer.HasHouseholdWith(current))
	}
	if f.Overdue {
		// The stored due items already know who is overdue, for the rules'
		// reasons (a course applies to some categories only).
		ids, err := client.DueItem.Query().Where(dueitem.KindIn(string(compliance.Training), string(compliance.TSDStandards)),
			dueitem.SubjectKind(string(compliance.ForCarer)), dueitem.DueOnLT(f.On), dueitem.SubjectIDGT(f.After)).
			Order(ent.Asc(dueitem.FieldSubjectID)).Unique(true).Limit(f.Limit).Select(dueitem.FieldSubjectID).Ints(ctx)
		if err != nil {
			return nil, fmt.Errorf("read who is overdue: %w", err)
		}
		where = append(where, carer.IDIn(ids...))
	}
	carers, err := client.Carer.Query().Where(where...).WithHousehold().Order(ent.Asc(carer.FieldID)).Limit(f.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the matrix's carers: %w", err)
	}
	return carers, nil
}

// MatrixRecords are the carers' completions of the courses, newest first.
func MatrixRecords(ctx context.Context, client *ent.Client, carers []*ent.Carer, courses []*ent.Course) ([]*ent.TrainingRecord, error) {
	ids := make([]int, len(carers))
	for i, cr := range carers {
		ids[i] = cr.ID
	}
	courseIDs := make([]int, len(courses))
	for i, k := range courses {
		courseIDs[i] = k.ID
	}
	records, err := client.TrainingRecord.Query().Where(trainingrecord.CarerIDIn(ids...), trainingrecord.CourseIDIn(courseIDs...)).
		Order(ent.Desc(trainingrecord.FieldCompletedOn)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the matrix's training records: %w", err)
	}
	return records, nil
}
