package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/course"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/ent/user"
)

// CourseFields are a new catalogue course's fields, checked and typed.
type CourseFields struct {
	Code, Title, Description string
	Mandatory                bool
	ValidityMonths           int
	AppliesTo                []string
	CountsTowardTSD          bool
}

// values lists the fields as the audit trail records them.
func (f CourseFields) values() map[string]any {
	applies := f.AppliesTo
	if applies == nil {
		applies = []string{}
	}
	return map[string]any{
		"code": f.Code, "title": f.Title, "description": f.Description, "mandatory": f.Mandatory,
		"validity_months": f.ValidityMonths, "applies_to": applies, "counts_toward_tsd": f.CountsTowardTSD,
	}
}

// MayChangeCatalogue reports whether the viewer may add courses to the
// training catalogue or archive them: administrators, who also set the
// course rules.
func (v Viewer) MayChangeCatalogue() bool { return v.Role == user.RoleAdmin }

// CatalogueCourse reads one live course of the catalogue.
func CatalogueCourse(ctx context.Context, client *ent.Client, id int) (*ent.Course, error) {
	c, err := client.Course.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, Errorf(ENOTFOUND, "There is no course %d in the catalogue.", id)
	}
	return c, err
}

// CreateCourse adds a course to the catalogue and audits it. A mandatory
// course falls due for the carers it applies to once the background jobs
// have recalculated every household, which the compliance hook records in
// the same transaction.
func CreateCourse(ctx context.Context, client *ent.Client, actor Actor, v Viewer, f CourseFields) (*ent.Course, error) {
	if !v.MayChangeCatalogue() {
		return nil, Errorf(EFORBIDDEN, "Only administrators change the course catalogue.")
	}
	var out *ent.Course
	err := InTx(ctx, client, func(tx *ent.Client) error {
		if err := invalidIfAny(func(fields map[string]string) error { return CheckCourse(ctx, tx, f, fields) }); err != nil {
			return err
		}
		var err error
		out, err = tx.Course.Create().SetCode(f.Code).SetTitle(f.Title).SetDescription(f.Description).
			SetMandatory(f.Mandatory).SetValidityMonths(f.ValidityMonths).SetAppliesToCategories(f.AppliesTo).
			SetCountsTowardTsd(f.CountsTowardTSD).Save(ctx)
		if ent.IsConstraintError(err) {
			return courseCodeTaken(f.Code) // another administrator added it a moment ago
		}
		if err != nil {
			return fmt.Errorf("create course: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "course", out.ID, created(f.values()))
	})
	return out, err
}

// CheckCourse adds to fields a new course's clash with the catalogue: a
// code already used. Archived courses keep their code: the unique index
// spans them, and old training records still name them.
func CheckCourse(ctx context.Context, client *ent.Client, f CourseFields, fields map[string]string) error {
	taken, err := client.Course.Query().Where(course.Code(f.Code)).Exist(schema.IncludeArchived(ctx))
	if err != nil {
		return fmt.Errorf("check course code: %w", err)
	}
	if taken {
		fields["code"] = codeTakenMessage(f.Code)
	}
	return nil
}

func courseCodeTaken(code string) error {
	return Invalid(map[string]string{"code": codeTakenMessage(code)})
}

func codeTakenMessage(code string) string {
	return fmt.Sprintf("%s is already another course's code, perhaps an archived one's: enter a different code", code)
}

// ArchiveCourse takes a course out of the catalogue, if the version is the
// one the administrator read. Training records that name it are kept, as
// the record of what carers did; nobody falls due for it any more.
func ArchiveCourse(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	if !v.MayChangeCatalogue() {
		return Errorf(EFORBIDDEN, "Only administrators change the course catalogue.")
	}
	return InTx(ctx, client, func(tx *ent.Client) error {
		old, err := CatalogueCourse(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Version != version {
			return stale("course", version, old.Version)
		}
		if err := tx.Course.DeleteOneID(id).Where(course.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "course", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "course", id, nil)
	})
}
