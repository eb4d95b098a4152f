package registry

import (
	"context"
	"fmt"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// MaskCertificate hides all but the last four digits of a DBS certificate
// number: enough to tell certificates apart, not enough to use one.
func MaskCertificate(number string) string {
	if len(number) <= 4 {
		return strings.Repeat("*", len(number))
	}
	return strings.Repeat("*", len(number)-4) + number[len(number)-4:]
}

// DBSSubject is whom a DBS check is for: exactly one of a carer and a
// household member.
type DBSSubject struct{ CarerID, MemberID *int }

// DBSFields are a DBS check's editable fields, checked and typed. Its
// subject is not among them: a certificate is for one person for good.
type DBSFields struct {
	CertificateNumber string
	IssuedOn          civil.Date
	Level             dbscheck.Level
	UpdateService     bool
	Outcome           dbscheck.Outcome
}

// values lists the fields as the audit trail records them, the certificate
// number masked.
func (f DBSFields) values() map[string]any {
	return map[string]any{
		"certificate_number": MaskCertificate(f.CertificateNumber), "issued_on": f.IssuedOn.String(),
		"level": string(f.Level), "update_service": f.UpdateService, "outcome": string(f.Outcome),
	}
}

func dbsFieldsOf(d *ent.DBSCheck) DBSFields {
	return DBSFields{CertificateNumber: d.CertificateNumber, IssuedOn: d.IssuedOn, Level: d.Level,
		UpdateService: d.UpdateService, Outcome: d.Outcome}
}

// checkDBS adds to fields what is wrong with f against the rest of the
// registry: a certificate already recorded for another check, or issued
// before its subject was born.
func checkDBS(ctx context.Context, client *ent.Client, f DBSFields, id int, born *civil.Date, fields map[string]string) error {
	taken, err := client.DBSCheck.Query().Where(dbscheck.CertificateNumber(f.CertificateNumber), dbscheck.IDNEQ(id)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check certificate number: %w", err)
	}
	if taken {
		fields["certificate_number"] = "This certificate number is already recorded for another DBS check: check the number"
	}
	notBeforeBirth(fields, "issued_on", "the date of issue", f.IssuedOn, born)
	return nil
}

// CreateDBSCheck records a DBS check for one carer or household member of
// a household the viewer may change, and audits it with the certificate
// number masked.
func CreateDBSCheck(ctx context.Context, client *ent.Client, actor Actor, v Viewer, subject DBSSubject, f DBSFields) (*ent.DBSCheck, error) {
	var d *ent.DBSCheck
	err := InTx(ctx, client, func(tx *ent.Client) error {
		h, born, err := visibleSubject(ctx, tx, v, subject)
		if err != nil {
			return err
		}
		if err := mayChange(v, h); err != nil {
			return err
		}
		fields := map[string]string{}
		if err := checkDBS(ctx, tx, f, 0, born, fields); err != nil {
			return err
		}
		if len(fields) > 0 {
			return Invalid(fields)
		}
		d, err = tx.DBSCheck.Create().SetNillableCarerID(subject.CarerID).SetNillableHouseholdMemberID(subject.MemberID).
			SetCertificateNumber(f.CertificateNumber).SetIssuedOn(f.IssuedOn).SetLevel(f.Level).
			SetUpdateService(f.UpdateService).SetOutcome(f.Outcome).Save(ctx)
		if err != nil {
			return fmt.Errorf("create DBS check: %w", err)
		}
		values := f.values()
		values["carer_id"], values["member_id"] = intValue(subject.CarerID), intValue(subject.MemberID)
		changes := created(values)
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "dbs_check", d.ID, changes)
	})
	return d, err
}

// UpdateDBSCheck replaces a check's fields, if the viewer may change its
// subject's household and the version is the one they read; the change is
// audited field by field, certificate numbers masked.
func UpdateDBSCheck(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f DBSFields) (*ent.DBSCheck, error) {
	var d *ent.DBSCheck
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, born, err := dbsCheckToChange(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		fields := map[string]string{}
		if err := checkDBS(ctx, tx, f, id, born, fields); err != nil {
			return err
		}
		if len(fields) > 0 {
			return Invalid(fields)
		}
		changes := changed(dbsFieldsOf(old).values(), f.values())
		if old.CertificateNumber != f.CertificateNumber {
			// Two numbers may end alike; the change is recorded even so.
			changes["certificate_number"] = audit.Change{Old: MaskCertificate(old.CertificateNumber), New: MaskCertificate(f.CertificateNumber)}
		}
		if len(changes) == 0 {
			d = old
			return nil
		}
		d, err = tx.DBSCheck.UpdateOneID(id).Where(dbscheck.Version(version)).SetCertificateNumber(f.CertificateNumber).
			SetIssuedOn(f.IssuedOn).SetLevel(f.Level).SetUpdateService(f.UpdateService).SetOutcome(f.Outcome).Save(ctx)
		if err != nil {
			return savedOrStale(err, "DBS check", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "dbs_check", id, changes)
	})
	return d, err
}

// ArchiveDBSCheck archives a check, if the viewer may change its subject's
// household and the version is the one they read.
func ArchiveDBSCheck(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	return InTx(ctx, client, func(tx *ent.Client) error {
		if _, _, err := dbsCheckToChange(ctx, tx, v, id, version); err != nil {
			return err
		}
		if err := tx.DBSCheck.DeleteOneID(id).Where(dbscheck.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "DBS check", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "dbs_check", id, nil)
	})
}

// ViewDBSCheck reads one check the viewer may see, and records that they
// saw it.
func ViewDBSCheck(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.DBSCheck, error) {
	d, _, _, err := visibleDBSCheck(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	return d, Audit(ctx, client, actor, auditevent.ActionView, "dbs_check", id, nil)
}

// ListDBSChecks reads a page of the checks of a carer or household member
// whose checks the viewer may read (SeesRecordsOf); any other is "not
// found".
func ListDBSChecks(ctx context.Context, client *ent.Client, v Viewer, subject DBSSubject, p Page) ([]*ent.DBSCheck, error) {
	if _, _, err := readableSubject(ctx, client, v, subject); err != nil {
		return nil, err
	}
	of := dbscheck.CarerIDEQ
	id := subject.CarerID
	if id == nil {
		of, id = dbscheck.HouseholdMemberIDEQ, subject.MemberID
	}
	return client.DBSCheck.Query().Where(of(*id), dbscheck.IDGT(p.After)).Order(dbscheck.ByID()).Limit(p.Limit).All(ctx)
}

// visibleSubject reads the one person a check is for, if the viewer may
// see them: their household and date of birth.
func visibleSubject(ctx context.Context, client *ent.Client, v Viewer, s DBSSubject) (*ent.Household, *civil.Date, error) {
	h, born, _, err := subjectOf(ctx, client, v, s)
	return h, born, err
}

// readableSubject is visibleSubject for reading the person's checks: they
// must also be someone whose checks the viewer may read.
func readableSubject(ctx context.Context, client *ent.Client, v Viewer, s DBSSubject) (*ent.Household, *civil.Date, error) {
	h, born, c, err := subjectOf(ctx, client, v, s)
	if err == nil && !v.SeesRecordsOf(c) {
		who, id := "carer", s.CarerID
		if c == nil {
			who, id = "household member", s.MemberID
		}
		return nil, nil, Errorf(ENOTFOUND, "There is no %s %d, or you cannot see their DBS checks.", who, *id)
	}
	return h, born, err
}

// subjectOf reads the one person a check is for, if the viewer may see
// them: their household, date of birth, and carer record (nil for a
// household member).
func subjectOf(ctx context.Context, client *ent.Client, v Viewer, s DBSSubject) (*ent.Household, *civil.Date, *ent.Carer, error) {
	switch {
	case s.CarerID != nil && s.MemberID == nil:
		c, h, err := visibleCarer(ctx, client, v, *s.CarerID)
		if err != nil {
			return nil, nil, nil, err
		}
		return h, c.DateOfBirth, c, nil
	case s.MemberID != nil && s.CarerID == nil:
		m, h, err := visibleMember(ctx, client, v, *s.MemberID)
		if err != nil {
			return nil, nil, nil, err
		}
		return h, m.DateOfBirth, nil, nil
	}
	return nil, nil, nil, Invalid(map[string]string{"subject": "A DBS check is for one person: a carer or a household member"})
}

// visibleDBSCheck reads a live check whose subject's checks the viewer may
// read, with the subject's household and date of birth; any other is "not
// found".
func visibleDBSCheck(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.DBSCheck, *ent.Household, *civil.Date, error) {
	d, err := client.DBSCheck.Get(ctx, id)
	if err != nil && !ent.IsNotFound(err) {
		return nil, nil, nil, err
	}
	if err == nil {
		h, born, err := readableSubject(ctx, client, v, DBSSubject{CarerID: d.CarerID, MemberID: d.HouseholdMemberID})
		if err == nil || ErrorCode(err) == EINTERNAL {
			return d, h, born, err
		}
	}
	return nil, nil, nil, Errorf(ENOTFOUND, "There is no DBS check %d, or you cannot see it.", id)
}

// dbsCheckToChange reads a check for a change: visible, of a household the
// viewer may change, and at the version they read; with its subject's date
// of birth.
func dbsCheckToChange(ctx context.Context, tx *ent.Client, v Viewer, id, version int) (*ent.DBSCheck, *civil.Date, error) {
	d, h, born, err := visibleDBSCheck(ctx, tx, v, id)
	if err != nil {
		return nil, nil, err
	}
	if err := mayChange(v, h); err != nil {
		return nil, nil, err
	}
	if d.Version != version {
		return nil, nil, stale("DBS check", version, d.Version)
	}
	return d, born, nil
}
