package registry

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/sar"
)

// SubjectAccess gathers everything held about carer id for a subject
// access request (UK GDPR art. 15): their record and account, their
// household's approval, their training, health assessments, DBS checks,
// the views they gave, and the trail of changes to their record — and
// nothing about anyone else (a second carer, the household's members,
// the children placed). Managers and administrators prepare it. As a
// review pack is, it is read from one snapshot of the registry, made by
// render, and only then audited as an export; the caller sends what render
// made only when this returns no error.
func SubjectAccess(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int, service string, at time.Time,
	render func(sar.Bundle) error) (sar.Bundle, error) {
	var b sar.Bundle
	err := InSnapshot(ctx, client, func(tx *ent.Client) error {
		var err error
		b, err = gatherSubjectAccess(ctx, tx, actor, v, id, service, at)
		return err
	})
	if err != nil {
		return sar.Bundle{}, err
	}
	if err := render(b); err != nil {
		return sar.Bundle{}, err
	}
	return b, Audit(ctx, client, actor, auditevent.ActionExport, "carer", id, audit.Changes{"subject_access": {New: b.Reference}})
}

// gatherSubjectAccess reads everything the bundle of carer id holds.
func gatherSubjectAccess(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int, service string, at time.Time) (sar.Bundle, error) {
	if !v.MayCreateHouseholds() {
		return sar.Bundle{}, Errorf(EFORBIDDEN, "Only managers and administrators prepare a subject access bundle.")
	}
	c, h, err := visibleCarer(ctx, client, v, id)
	if err != nil {
		return sar.Bundle{}, err
	}
	name := fullName(c.FirstName, c.LastName)
	b := sar.Bundle{Service: service, Subject: name, Reference: fmt.Sprintf("SAR-%s-C%d", h.Reference, c.ID), MadeAt: at, MadeBy: actor.Label}
	add := func(title string, records ...[]sar.Field) {
		b.Sections = append(b.Sections, sar.Section{Title: title, Records: append([][]sar.Field{}, records...)})
	}
	add("Your details", sar.Fields(map[string]string{"First name": c.FirstName, "Last name": c.LastName,
		"Date of birth": dateText(c.DateOfBirth), "Email": c.Email, "Phone": c.Phone, "Connected person": yesNo(c.ConnectedPerson),
		"TSD standards completed": dateText(c.TsdCompletedOn), "Recorded on": c.CreatedAt.UTC().Format(time.DateOnly)}))
	var account []sar.Field
	if c.UserID != nil {
		u, err := client.User.Query().Where(user.ID(*c.UserID)).Only(ctx)
		if err != nil {
			return b, fmt.Errorf("read account: %w", err)
		}
		account = sar.Fields(map[string]string{"Email": u.Email, "Name": u.Name, "Active": yesNo(u.Active),
			"Two-factor sign-in": yesNo(u.MfaEnabledAt != nil), "Opened on": u.CreatedAt.UTC().Format(time.DateOnly),
			"Last signed in": timeText(u.LastLoginAt)})
	}
	if account != nil {
		add("Your account", account)
	} else {
		add("Your account")
	}
	add("Your household's approval", sar.Fields(map[string]string{"Reference": h.Reference, "Address": address(h),
		"Status": label(string(h.Status)), "Approved on": dateText(h.ApprovedOn), "Ended on": dateText(h.EndedOn)}))

	terms, err := client.ApprovalTerms.Query().Where(approvalterms.HouseholdID(h.ID)).Order(ent.Asc(approvalterms.FieldEffectiveFrom)).All(ctx)
	if err != nil {
		return b, fmt.Errorf("read terms: %w", err)
	}
	var rows [][]sar.Field
	for _, t := range terms {
		rows = append(rows, sar.Fields(map[string]string{"From": t.EffectiveFrom.String(), "To": dateText(t.EffectiveTo),
			"Categories": strings.Join(t.Categories, ", "), "Children": fmt.Sprint(t.NumberOfChildren),
			"Ages": fmt.Sprintf("%d to %d", t.AgeFrom, t.AgeTo), "Decided by": t.Decision}))
	}
	add("Terms of approval", rows...)

	training, err := client.TrainingRecord.Query().Where(trainingrecord.CarerID(c.ID)).WithCourse().
		Order(ent.Asc(trainingrecord.FieldCompletedOn)).All(ctx)
	if err != nil {
		return b, fmt.Errorf("read training: %w", err)
	}
	rows = nil
	for _, t := range training {
		course := ""
		if t.Edges.Course != nil {
			course = t.Edges.Course.Title
		}
		rows = append(rows, sar.Fields(map[string]string{"Course": course, "Completed": t.CompletedOn.String(),
			"Expires": dateText(t.ExpiresOn), "Provider": t.Provider, "Evidence": t.Evidence}))
	}
	add("Training", rows...)

	health, err := client.HealthAssessment.Query().Where(healthassessment.CarerID(c.ID)).Order(ent.Asc(healthassessment.FieldAssessedOn)).All(ctx)
	if err != nil {
		return b, fmt.Errorf("read health assessments: %w", err)
	}
	rows = nil
	for _, a := range health {
		rows = append(rows, sar.Fields(map[string]string{"Kind": label(string(a.Kind)), "Assessed on": a.AssessedOn.String(),
			"By": a.AssessedBy, "Medical adviser": a.MedicalAdviser, "Adviser's opinion": a.AdviserOpinion, "Outcome": label(string(a.Outcome))}))
	}
	add("Health assessments", rows...)

	checks, err := client.DBSCheck.Query().Where(dbscheck.CarerID(c.ID)).Order(ent.Asc(dbscheck.FieldIssuedOn)).All(ctx)
	if err != nil {
		return b, fmt.Errorf("read DBS checks: %w", err)
	}
	rows = nil
	for _, d := range checks {
		rows = append(rows, sar.Fields(map[string]string{"Certificate": d.CertificateNumber, "Issued on": d.IssuedOn.String(),
			"Level": label(string(d.Level)), "Update Service": yesNo(d.UpdateService), "Outcome": label(string(d.Outcome))}))
	}
	add("DBS checks", rows...)

	// The carer's views are those their account entered, and those staff
	// recorded in their name. Views another carer's account entered are
	// that carer's, whatever name they bear: before a carer's views were
	// tied to their account, a carer could enter them in the co-carer's.
	byStaff := contribution.Or(contribution.AuthorIDIsNil(), contribution.HasAuthorWith(user.RoleNEQ(user.RoleCarer)))
	inTheirName := contribution.And(contribution.AuthorNameEqualFold(name), byStaff)
	views := client.Contribution.Query().Where(contribution.SourceEQ(contribution.SourceCarer),
		contribution.HasReviewWith(review.HouseholdID(h.ID)))
	if c.UserID != nil {
		views.Where(contribution.Or(contribution.AuthorID(*c.UserID), inTheirName))
	} else {
		views.Where(inTheirName)
	}
	given, err := views.Order(ent.Asc(contribution.FieldReceivedOn)).All(ctx)
	if err != nil {
		return b, fmt.Errorf("read views: %w", err)
	}
	rows = nil
	for _, g := range given {
		rows = append(rows, sar.Fields(map[string]string{"Received": g.ReceivedOn.String(), "Views": g.Text}))
	}
	add("Views you gave for your reviews", rows...)

	events, err := client.AuditEvent.Query().Where(auditevent.Entity("carer"), auditevent.EntityID(c.ID)).
		Order(ent.Asc(auditevent.FieldID)).All(ctx)
	if err != nil {
		return b, fmt.Errorf("read the audit trail: %w", err)
	}
	rows = nil
	for _, e := range events {
		rows = append(rows, sar.Fields(map[string]string{"When": e.At.UTC().Format(time.RFC3339), "Who": e.ActorLabel,
			"What": label(string(e.Action)), "Fields": changedNames(e.Changes)}))
	}
	add("Who has read or changed your record", rows...)
	return b, nil
}

func changedNames(ch audit.Changes) string {
	names := make([]string, 0, len(ch))
	for k := range ch {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func dateText(d *civil.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func timeText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
