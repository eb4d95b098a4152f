package registry

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/internal/civil"
)

// TrainingFields are a training record's editable fields, checked and
// typed. The expiry is not among them: it is worked out from the course.
type TrainingFields struct {
	CourseID    int
	CompletedOn civil.Date
	Provider    string
	Hours       float64 // 0 when not recorded: the column reads back as 0 either way
	Evidence    string
}

// values lists the fields, with the derived expiry, as the audit trail
// records them.
func (f TrainingFields) values(expiresOn *civil.Date) map[string]any {
	return map[string]any{
		"course_id": f.CourseID, "completed_on": f.CompletedOn.String(), "expires_on": dateValue(expiresOn),
		"provider": f.Provider, "hours": f.Hours, "evidence": f.Evidence,
	}
}

func trainingFieldsOf(r *ent.TrainingRecord) TrainingFields {
	return TrainingFields{CourseID: r.CourseID, CompletedOn: r.CompletedOn, Provider: r.Provider, Hours: r.Hours, Evidence: r.Evidence}
}

// TrainingScope narrows a training-record query to the records the viewer
// may see: those of live carers in households they may see.
func (v Viewer) TrainingScope() []predicate.TrainingRecord {
	return []predicate.TrainingRecord{trainingrecord.HasCarerWith(v.trainingCarerScope()...)}
}

// trainingCarerScope narrows a carer query to live carers in live households the
// viewer may see, whose own records they may read (a carer their own only:
// SeesRecordsOf).
func (v Viewer) trainingCarerScope() []predicate.Carer {
	return append([]predicate.Carer{carer.ArchivedAtIsNil(),
		carer.HasHouseholdWith(append(v.HouseholdScope(), household.ArchivedAtIsNil())...)}, v.recordsScope()...)
}

// TrainingCarer reads a carer whose training the viewer may see, with
// their household; any other is "not found".
func TrainingCarer(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.Carer, error) {
	c, err := client.Carer.Query().Where(carer.ID(id)).Where(v.trainingCarerScope()...).WithHousehold().Only(ctx)
	if ent.IsNotFound(err) || (err == nil && c.Edges.Household == nil) {
		return nil, Errorf(ENOTFOUND, "There is no carer %d, or you cannot see them.", id)
	}
	return c, err
}

// visibleTrainingRecord reads a training record the viewer may see, with
// its carer and their household.
func visibleTrainingRecord(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.TrainingRecord, error) {
	r, err := client.TrainingRecord.Query().Where(trainingrecord.ID(id)).Where(v.TrainingScope()...).
		WithCarer(func(q *ent.CarerQuery) { q.WithHousehold() }).Only(ctx)
	if ent.IsNotFound(err) || (err == nil && (r.Edges.Carer == nil || r.Edges.Carer.Edges.Household == nil)) {
		return nil, Errorf(ENOTFOUND, "There is no training record %d, or you cannot see it.", id)
	}
	return r, err
}

// checkTraining reads the record's course, or says what is wrong against
// the rest of the registry: a course not in the catalogue, or the same
// course already recorded for the carer on that day (other than the record
// id itself).
func checkTraining(ctx context.Context, tx *ent.Client, carerID, id int, f TrainingFields) (*ent.Course, error) {
	k, err := CatalogueCourse(ctx, tx, f.CourseID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, Invalid(map[string]string{"course_id": "Choose a course in the catalogue"})
	}
	if err != nil {
		return nil, err
	}
	// Archived records count: the database's unique index spans them too.
	twice, err := tx.TrainingRecord.Query().Where(trainingrecord.CarerID(carerID), trainingrecord.CourseID(f.CourseID),
		trainingrecord.CompletedOn(f.CompletedOn), trainingrecord.IDNEQ(id)).Exist(schema.IncludeArchived(ctx))
	if err != nil {
		return nil, fmt.Errorf("check training: %w", err)
	}
	if twice {
		return nil, trainingTwice(k, f)
	}
	return k, nil
}

// CheckTraining adds to fields what checkTraining finds wrong with f for
// carer carerID (or, when 0, the carer of record id).
func CheckTraining(ctx context.Context, client *ent.Client, carerID, id int, f TrainingFields, fields map[string]string) error {
	if carerID == 0 {
		r, err := client.TrainingRecord.Get(ctx, id)
		if ent.IsNotFound(err) {
			return nil // the update itself answers 404
		}
		if err != nil {
			return fmt.Errorf("read training record %d: %w", id, err)
		}
		carerID = r.CarerID
	}
	_, err := checkTraining(ctx, client, carerID, id, f)
	var e *Error
	if errors.As(err, &e) && e.Code == EINVALID {
		maps.Copy(fields, e.Fields)
		return nil
	}
	return err
}

// trainingTwice refuses a second record of the same course on the same day
// for a carer: a field error, since the fix is to correct the date or
// course, not to retry.
func trainingTwice(k *ent.Course, f TrainingFields) error {
	return Invalid(map[string]string{"completed_on": fmt.Sprintf(
		"This carer already has %s recorded as completed on %s, perhaps in an archived record", k.Title, f.CompletedOn.Long())})
}

// expiryOf is when training completed on the day expires: the course's
// validity later, or never.
func expiryOf(k *ent.Course, completed civil.Date) *civil.Date {
	if k.ValidityMonths == 0 {
		return nil
	}
	d := completed.AddMonths(k.ValidityMonths)
	return &d
}

// CreateTrainingRecord records a course a carer completed, with its expiry
// worked out from the course, if the viewer may change the carer's
// household; it is audited, and the carer's due dates move with it.
func CreateTrainingRecord(ctx context.Context, client *ent.Client, actor Actor, v Viewer, carerID int, f TrainingFields) (*ent.TrainingRecord, error) {
	var r *ent.TrainingRecord
	err := InTx(ctx, client, func(tx *ent.Client) error {
		c, err := TrainingCarer(ctx, tx, v, carerID)
		if err != nil {
			return err
		}
		if !v.MayChangeHousehold(c.Edges.Household.SswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker or a manager can record its training.")
		}
		k, err := checkTraining(ctx, tx, carerID, 0, f)
		if err != nil {
			return err
		}
		expires := expiryOf(k, f.CompletedOn)
		r, err = tx.TrainingRecord.Create().SetCarerID(carerID).SetCourseID(f.CourseID).SetCompletedOn(f.CompletedOn).
			SetNillableExpiresOn(expires).SetProvider(f.Provider).SetHours(f.Hours).SetEvidence(f.Evidence).Save(ctx)
		if ent.IsConstraintError(err) {
			return trainingTwice(k, f) // recorded by someone else a moment ago
		}
		if err != nil {
			return fmt.Errorf("create training record: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "training_record", r.ID, created(f.values(expires)))
	})
	return r, err
}

// UpdateTrainingRecord replaces a training record's fields and works its
// expiry out again, if the viewer may change the household and the version
// is the one they read; the change is audited field by field.
func UpdateTrainingRecord(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f TrainingFields) (*ent.TrainingRecord, error) {
	var r *ent.TrainingRecord
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := changeableTrainingRecord(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		k, err := checkTraining(ctx, tx, old.CarerID, id, f)
		if err != nil {
			return err
		}
		expires := expiryOf(k, f.CompletedOn)
		changes := changed(trainingFieldsOf(old).values(old.ExpiresOn), f.values(expires))
		if len(changes) == 0 {
			r = old
			return nil
		}
		u := tx.TrainingRecord.UpdateOneID(id).Where(trainingrecord.Version(version)).SetCourseID(f.CourseID).
			SetCompletedOn(f.CompletedOn).SetProvider(f.Provider).SetHours(f.Hours).SetEvidence(f.Evidence)
		setOrClear(expires, u.SetExpiresOn, u.ClearExpiresOn)
		r, err = u.Save(ctx)
		switch {
		case ent.IsNotFound(err):
			return stale("training record", version, version+1)
		case ent.IsConstraintError(err):
			return trainingTwice(k, f)
		case err != nil:
			return fmt.Errorf("update training record: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "training_record", id, changes)
	})
	return r, err
}

// ArchiveTrainingRecord archives a training record (kept for the retention
// period), if the viewer may change the household and the version is the
// one they read.
func ArchiveTrainingRecord(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	return InTx(ctx, client, func(tx *ent.Client) error {
		if _, err := changeableTrainingRecord(ctx, tx, v, id, version); err != nil {
			return err
		}
		if err := tx.TrainingRecord.DeleteOneID(id).Where(trainingrecord.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "training record", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "training_record", id, nil)
	})
}

// changeableTrainingRecord reads a training record the viewer may change,
// at the version they read.
func changeableTrainingRecord(ctx context.Context, tx *ent.Client, v Viewer, id, version int) (*ent.TrainingRecord, error) {
	old, err := visibleTrainingRecord(ctx, tx, v, id)
	if err != nil {
		return nil, err
	}
	if !v.MayChangeHousehold(old.Edges.Carer.Edges.Household.SswID) {
		return nil, Errorf(EFORBIDDEN, "Only the household's supervising social worker or a manager can change its training records.")
	}
	if old.Version != version {
		return nil, stale("training record", version, old.Version)
	}
	return old, nil
}

// ViewTrainingRecord reads one training record the viewer may see, and
// records that they saw it.
func ViewTrainingRecord(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.TrainingRecord, error) {
	r, err := visibleTrainingRecord(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	return r, Audit(ctx, client, actor, auditevent.ActionView, "training_record", id, nil)
}
