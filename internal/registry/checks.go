package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// HealthFields are a health assessment's editable fields, checked and
// typed. The carer is not among them: it is set when the assessment is
// recorded.
type HealthFields struct {
	Kind                                       healthassessment.Kind
	AssessedOn                                 civil.Date
	AssessedBy, MedicalAdviser, AdviserOpinion string
	Outcome                                    healthassessment.Outcome
}

// values lists the fields as the audit trail records them.
func (f HealthFields) values() map[string]any {
	return map[string]any{
		"kind": string(f.Kind), "assessed_on": f.AssessedOn.String(), "assessed_by": f.AssessedBy,
		"medical_adviser": f.MedicalAdviser, "adviser_opinion": f.AdviserOpinion, "outcome": string(f.Outcome),
	}
}

func healthFieldsOf(a *ent.HealthAssessment) HealthFields {
	return HealthFields{Kind: a.Kind, AssessedOn: a.AssessedOn, AssessedBy: a.AssessedBy,
		MedicalAdviser: a.MedicalAdviser, AdviserOpinion: a.AdviserOpinion, Outcome: a.Outcome}
}

// CreateHealthAssessment records a carer's health assessment, if the
// viewer may change the carer's household, and audits it.
func CreateHealthAssessment(ctx context.Context, client *ent.Client, actor Actor, v Viewer, carerID int, f HealthFields) (*ent.HealthAssessment, error) {
	var a *ent.HealthAssessment
	err := InTx(ctx, client, func(tx *ent.Client) error {
		c, h, err := visibleCarer(ctx, tx, v, carerID)
		if err != nil {
			return err
		}
		if err := mayChange(v, h); err != nil {
			return err
		}
		fields := map[string]string{}
		notBeforeBirth(fields, "assessed_on", "the date of the assessment", f.AssessedOn, c.DateOfBirth)
		if err := refuseInvalid(fields); err != nil {
			return err
		}
		a, err = tx.HealthAssessment.Create().SetCarerID(c.ID).SetKind(f.Kind).SetAssessedOn(f.AssessedOn).
			SetAssessedBy(f.AssessedBy).SetMedicalAdviser(f.MedicalAdviser).SetAdviserOpinion(f.AdviserOpinion).
			SetOutcome(f.Outcome).Save(ctx)
		if err != nil {
			return fmt.Errorf("create health assessment: %w", err)
		}
		changes := created(f.values())
		changes["carer_id"] = audit.Change{New: c.ID}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "health_assessment", a.ID, changes)
	})
	return a, err
}

// UpdateHealthAssessment replaces an assessment's fields, if the viewer
// may change the carer's household and the version is the one they read;
// the change is audited field by field.
func UpdateHealthAssessment(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f HealthFields) (*ent.HealthAssessment, error) {
	var a *ent.HealthAssessment
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, c, err := healthAssessmentToChange(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		fields := map[string]string{}
		notBeforeBirth(fields, "assessed_on", "the date of the assessment", f.AssessedOn, c.DateOfBirth)
		if err := refuseInvalid(fields); err != nil {
			return err
		}
		changes := changed(healthFieldsOf(old).values(), f.values())
		if len(changes) == 0 {
			a = old
			return nil
		}
		a, err = tx.HealthAssessment.UpdateOneID(id).Where(healthassessment.Version(version)).SetKind(f.Kind).
			SetAssessedOn(f.AssessedOn).SetAssessedBy(f.AssessedBy).SetMedicalAdviser(f.MedicalAdviser).
			SetAdviserOpinion(f.AdviserOpinion).SetOutcome(f.Outcome).Save(ctx)
		if err != nil {
			return savedOrStale(err, "health assessment", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "health_assessment", id, changes)
	})
	return a, err
}

// ArchiveHealthAssessment archives an assessment, if the viewer may change
// the carer's household and the version is the one they read.
func ArchiveHealthAssessment(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	return InTx(ctx, client, func(tx *ent.Client) error {
		if _, _, err := healthAssessmentToChange(ctx, tx, v, id, version); err != nil {
			return err
		}
		if err := tx.HealthAssessment.DeleteOneID(id).Where(healthassessment.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "health assessment", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "health_assessment", id, nil)
	})
}

// ViewHealthAssessment reads one assessment the viewer may see, and
// records that they saw it.
func ViewHealthAssessment(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.HealthAssessment, error) {
	a, _, _, err := visibleHealthAssessment(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	return a, Audit(ctx, client, actor, auditevent.ActionView, "health_assessment", id, nil)
}

// ListHealthAssessments reads a page of the assessments of a carer whose
// checks the viewer may read (SeesRecordsOf); any other is "not found".
func ListHealthAssessments(ctx context.Context, client *ent.Client, v Viewer, carerID int, p Page) ([]*ent.HealthAssessment, error) {
	c, _, err := visibleCarer(ctx, client, v, carerID)
	if err != nil {
		return nil, err
	}
	if !v.SeesRecordsOf(c) {
		return nil, Errorf(ENOTFOUND, "There is no carer %d, or you cannot see their health assessments.", carerID)
	}
	return client.HealthAssessment.Query().Where(healthassessment.CarerID(carerID), healthassessment.IDGT(p.After)).
		Order(healthassessment.ByID()).Limit(p.Limit).All(ctx)
}

// visibleHealthAssessment reads a live assessment of a live carer whose
// checks the viewer may read, with the carer and household; any other is
// "not found".
func visibleHealthAssessment(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.HealthAssessment, *ent.Carer, *ent.Household, error) {
	a, err := client.HealthAssessment.Get(ctx, id)
	if err != nil && !ent.IsNotFound(err) {
		return nil, nil, nil, err
	}
	if err == nil {
		c, h, err := visibleCarer(ctx, client, v, a.CarerID)
		if err != nil && ErrorCode(err) != ENOTFOUND {
			return nil, nil, nil, err
		}
		if err == nil && v.SeesRecordsOf(c) {
			return a, c, h, nil
		}
	}
	return nil, nil, nil, Errorf(ENOTFOUND, "There is no health assessment %d, or you cannot see it.", id)
}

// healthAssessmentToChange reads an assessment for a change: visible, of a
// household the viewer may change, and at the version they read.
func healthAssessmentToChange(ctx context.Context, tx *ent.Client, v Viewer, id, version int) (*ent.HealthAssessment, *ent.Carer, error) {
	a, c, h, err := visibleHealthAssessment(ctx, tx, v, id)
	if err != nil {
		return nil, nil, err
	}
	if err := mayChange(v, h); err != nil {
		return nil, nil, err
	}
	if a.Version != version {
		return nil, nil, stale("health assessment", version, a.Version)
	}
	return a, c, nil
}

// notBeforeBirth refuses a date before its subject was born; plain is
// the field's name as people say it, as its request's plain tag has it.
func notBeforeBirth(fields map[string]string, field, plain string, d civil.Date, born *civil.Date) {
	if born != nil && d.Before(*born) {
		fields[field] = fmt.Sprintf("%s must be the same as or after their date of birth, %s", sentence(plain), born.Long())
	}
}

// refuseInvalid returns the fields as an EINVALID error, if any is wrong.
func refuseInvalid(fields map[string]string) error {
	if len(fields) > 0 {
		return Invalid(fields)
	}
	return nil
}
