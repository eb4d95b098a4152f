package registry

import (
	"context"
	"fmt"
	"slices"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/course"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// CourseRules are the parts of a catalogue course that decide who must
// take it and how often: the training side of the service's policy.
type CourseRules struct {
	Mandatory       bool     `json:"mandatory"`
	ValidityMonths  int      `json:"validity_months"`
	AppliesTo       []string `json:"applies_to"`
	CountsTowardTSD bool     `json:"counts_toward_tsd"`
	// Version is the course's version when read.
	Version int `json:"version"`
}

// maxValidityMonths bounds a course's validity: twenty years is longer than
// any refresher a fostering service sets.
const maxValidityMonths = 240

// Validate names every rule that is out of bounds.
func (in CourseRules) Validate() error {
	fields := map[string]string{}
	if in.ValidityMonths < 0 || in.ValidityMonths > maxValidityMonths {
		fields["validity_months"] = fmt.Sprintf("The months the course is valid for must be between 0 and %d (0 if it never expires)", maxValidityMonths)
	}
	known := schema.ApprovalCategories()
	for _, c := range in.AppliesTo {
		if !slices.Contains(known, c) {
			fields["applies_to"] = "Choose who the course is for from the categories of approval"
		}
	}
	if in.Version < 1 {
		fields["version"] = "Send the version of the course you read, 1 or more"
	}
	if len(fields) > 0 {
		return Invalid(fields)
	}
	return nil
}

// UpdateCourseRules changes who must take a course and how often, audits
// each change with its old and new value, and moves every carer's training
// dates in the same transaction (the compliance hook does that). An edit
// made from an out-of-date copy is refused as stale.
func UpdateCourseRules(ctx context.Context, client *ent.Client, actor Actor, id int, in CourseRules) (*ent.Course, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *ent.Course
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := tx.Course.Get(ctx, id)
		if err != nil {
			return err
		}
		if old.Version != in.Version {
			return Errorf(ESTALE, "The course was changed by someone else since you read it (version %d, now %d): read it again and reapply your change.", in.Version, old.Version)
		}
		changes := courseChanges(old, in)
		if len(changes) == 0 {
			out = old
			return nil
		}
		out, err = tx.Course.UpdateOneID(id).Where(course.Version(in.Version)).SetMandatory(in.Mandatory).
			SetValidityMonths(in.ValidityMonths).SetAppliesToCategories(in.AppliesTo).
			SetCountsTowardTsd(in.CountsTowardTSD).Save(ctx)
		if ent.IsNotFound(err) {
			return Errorf(ESTALE, "The course was changed by someone else since you read it: read it again and reapply your change.")
		}
		if err != nil {
			return fmt.Errorf("save course: %w", err)
		}
		if old.ValidityMonths != out.ValidityMonths {
			if err := reexpire(ctx, tx, out); err != nil {
				return err
			}
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "course", id, changes)
	})
	return out, err
}

func courseChanges(old *ent.Course, in CourseRules) audit.Changes {
	changes := audit.Changes{}
	if old.Mandatory != in.Mandatory {
		changes["mandatory"] = audit.Change{Old: old.Mandatory, New: in.Mandatory}
	}
	if old.ValidityMonths != in.ValidityMonths {
		changes["validity_months"] = audit.Change{Old: old.ValidityMonths, New: in.ValidityMonths}
	}
	if !slices.Equal(old.AppliesToCategories, in.AppliesTo) {
		changes["applies_to"] = audit.Change{Old: old.AppliesToCategories, New: in.AppliesTo}
	}
	if old.CountsTowardTsd != in.CountsTowardTSD {
		changes["counts_toward_tsd"] = audit.Change{Old: old.CountsTowardTsd, New: in.CountsTowardTSD}
	}
	return changes
}

// reexpire dates every record of the course (archived ones too) by its new
// validity. An expiry depends only on the completion date, so it is one
// update per distinct date, not per record. The due items need no refresh
// for it: they are worked out from completion dates, and the course change
// itself has refreshed them.
func reexpire(ctx context.Context, tx *ent.Client, k *ent.Course) error {
	ctx = WithoutDueItems(schema.IncludeArchived(ctx))
	var days []struct {
		CompletedOn civil.Date `json:"completed_on"`
	}
	err := tx.TrainingRecord.Query().Where(trainingrecord.CourseID(k.ID)).Unique(true).
		Select(trainingrecord.FieldCompletedOn).Scan(ctx, &days)
	if err != nil {
		return fmt.Errorf("list completion dates: %w", err)
	}
	for _, d := range days {
		u := tx.TrainingRecord.Update().Where(trainingrecord.CourseID(k.ID), trainingrecord.CompletedOn(d.CompletedOn))
		setOrClear(expiryOf(k, d.CompletedOn), u.SetExpiresOn, u.ClearExpiresOn)
		if _, err := u.Save(ctx); err != nil {
			return fmt.Errorf("re-date training of %s: %w", k.Code, err)
		}
	}
	return nil
}

// Catalogue is the training catalogue's live courses, by code.
func Catalogue(ctx context.Context, client *ent.Client) ([]*ent.Course, error) {
	courses, err := client.Course.Query().Order(ent.Asc(course.FieldCode)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the training catalogue: %w", err)
	}
	return courses, nil
}

// CoursesOf reads the courses the training records name, archived ones
// too, by id: a record outlives its course's place in the catalogue.
func CoursesOf(ctx context.Context, client *ent.Client, rows ...*ent.TrainingRecord) (map[int]*ent.Course, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]int, len(rows))
	for i, r := range rows {
		ids[i] = r.CourseID
	}
	found, err := client.Course.Query().Where(course.IDIn(ids...)).All(schema.IncludeArchived(ctx))
	if err != nil {
		return nil, fmt.Errorf("read the training records' courses: %w", err)
	}
	out := make(map[int]*ent.Course, len(found))
	for _, k := range found {
		out[k.ID] = k
	}
	return out, nil
}

// CoursesMandatoryFirst is the live catalogue as people choose from it:
// mandatory courses first, then the rest, each by title.
func CoursesMandatoryFirst(ctx context.Context, client *ent.Client) ([]*ent.Course, error) {
	courses, err := client.Course.Query().Order(ent.Desc(course.FieldMandatory), ent.Asc(course.FieldTitle)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the training catalogue: %w", err)
	}
	return courses, nil
}
