package registry

import (
	"context"
	"fmt"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/servicepolicy"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// CompliancePolicy is the service's policy: its saved settings, or the
// defaults until an administrator changes one, with the course catalogue.
func CompliancePolicy(ctx context.Context, client *ent.Client) (compliance.Policy, error) {
	p, _, err := savedSettings(ctx, client)
	if err != nil {
		return p, err
	}
	courses, err := client.Course.Query().Order(ent.Asc("id")).All(ctx)
	if err != nil {
		return p, fmt.Errorf("load courses: %w", err)
	}
	for _, c := range courses {
		p.Courses = append(p.Courses, compliance.Course{
			ID: c.ID, Code: c.Code, Title: c.Title, Mandatory: c.Mandatory,
			ValidityMonths: c.ValidityMonths, AppliesTo: c.AppliesToCategories,
		})
	}
	return p, nil
}

// savedSettings reads the service's settings over the defaults, and their
// version (0 while none has been saved).
func savedSettings(ctx context.Context, client *ent.Client) (compliance.Policy, int, error) {
	p := compliance.DefaultPolicy()
	saved, err := client.ServicePolicy.Query().Order(ent.Asc(servicepolicy.FieldID)).First(ctx)
	switch {
	case ent.IsNotFound(err):
		return p, 0, nil
	case err != nil:
		return p, 0, fmt.Errorf("load service policy: %w", err)
	}
	p.WarningDays = saved.WarningDays
	p.HealthRenewalMonths = saved.HealthRenewalMonths
	p.DBSRenewalMonths = saved.DbsRenewalMonths
	p.SupervisoryVisitDays = saved.SupervisoryVisitDays
	p.PostAllegationReviewDays = saved.PostAllegationReviewDays
	p.NewCarerTrainingMonths = saved.NewCarerTrainingMonths
	return p, saved.Version, nil
}

// loadedHousehold is a household as the rules read it, with what the stored
// items copy from the record.
type loadedHousehold struct {
	compliance.Household
	row *ent.Household
}

// loadHouseholds reads the households with ids, and everything the rules
// need about them, in a fixed number of queries however many there are.
// Archived records are left out by ent's interceptor, so archiving a
// training record or a whole household moves its items like any change.
func loadHouseholds(ctx context.Context, client *ent.Client, ids []int) ([]loadedHousehold, error) {
	return loadHouseholdsFor(ctx, client, ids, 0)
}

// loadHouseholdsFor is loadHouseholds; with carerID set it reads that
// carer alone of each household's carers, and none of its members. The
// rules read the other carers and the members only for their own items
// (compliance.Assess), so the household's items and that carer's come out
// the same: all a carer is shown (CarerDates), for two queries and half
// the training records fewer a page.
func loadHouseholdsFor(ctx context.Context, client *ent.Client, ids []int, carerID int) ([]loadedHousehold, error) {
	q := client.Household.Query().Where(household.IDIn(ids...))
	if carerID == 0 {
		q.WithMembers(func(q *ent.HouseholdMemberQuery) {
			q.WithDbsChecks(func(q *ent.DBSCheckQuery) {
				q.Select(dbscheck.FieldHouseholdMemberID, dbscheck.FieldIssuedOn, dbscheck.FieldOutcome)
			})
		})
	}
	rows, err := q.
		// Only the columns the rules read: at 50,000 households the
		// refresh reads two million training records.
		WithCarers(func(q *ent.CarerQuery) {
			if carerID != 0 {
				q.Where(carer.ID(carerID))
			}
			q.WithTrainingRecords(func(q *ent.TrainingRecordQuery) {
				q.Select(trainingrecord.FieldCarerID, trainingrecord.FieldCourseID, trainingrecord.FieldCompletedOn)
			}).
				WithHealthAssessments(func(q *ent.HealthAssessmentQuery) {
					q.Select(healthassessment.FieldCarerID, healthassessment.FieldAssessedOn, healthassessment.FieldOutcome)
				}).
				WithDbsChecks(func(q *ent.DBSCheckQuery) {
					q.Select(dbscheck.FieldCarerID, dbscheck.FieldIssuedOn, dbscheck.FieldOutcome)
				})
		}).
		WithApprovalTerms(func(q *ent.ApprovalTermsQuery) {
			q.Select(approvalterms.FieldHouseholdID, approvalterms.FieldCategories,
				approvalterms.FieldEffectiveFrom, approvalterms.FieldEffectiveTo, approvalterms.FieldReviewID)
		}).
		WithVisits(func(q *ent.VisitQuery) {
			q.Where(visit.KindIn(visit.KindSupervisory, visit.KindUnannounced)).
				Select(visit.FieldHouseholdID, visit.FieldKind, visit.FieldVisitedOn)
		}).
		WithReviews(func(q *ent.ReviewQuery) {
			q.WithPanelItems(func(q *ent.PanelItemQuery) { q.WithPanel() })
		}).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load households for compliance: %w", err)
	}
	out := make([]loadedHousehold, len(rows))
	for i, h := range rows {
		out[i] = loadedHousehold{Household: ruleHousehold(h), row: h}
	}
	return out, nil
}

func ruleHousehold(h *ent.Household) compliance.Household {
	out := compliance.Household{
		ID: h.ID, Reference: h.Reference, Status: string(h.Status),
		ApprovedOn: day(h.ApprovedOn), ResignationReceivedOn: day(h.ResignationReceivedOn), EndedOn: day(h.EndedOn),
	}
	var current *ent.ApprovalTerms
	for _, t := range h.Edges.ApprovalTerms {
		if t.ReviewID != nil {
			out.TermsFromReviews = append(out.TermsFromReviews, *t.ReviewID)
		}
		if t.EffectiveTo == nil && (current == nil || t.EffectiveFrom.After(current.EffectiveFrom)) {
			current = t
		}
	}
	if current != nil {
		out.Categories = current.Categories
	}
	for _, c := range h.Edges.Carers {
		out.Carers = append(out.Carers, ruleCarer(c))
	}
	for _, m := range h.Edges.Members {
		rm := compliance.Member{
			ID: m.ID, Name: fullName(m.FirstName, m.LastName), Relationship: string(m.Relationship),
			DateOfBirth: day(m.DateOfBirth), MovedInOn: day(m.MovedInOn), MovedOutOn: day(m.MovedOutOn),
		}
		for _, d := range m.Edges.DbsChecks {
			rm.DBS = append(rm.DBS, compliance.DBS{IssuedOn: d.IssuedOn, Outcome: string(d.Outcome)})
		}
		out.Members = append(out.Members, rm)
	}
	for _, v := range h.Edges.Visits {
		out.Visits = append(out.Visits, compliance.Visit{Kind: string(v.Kind), VisitedOn: v.VisitedOn})
	}
	for _, r := range h.Edges.Reviews {
		out.Reviews = append(out.Reviews, ruleReview(r))
	}
	return out
}

func ruleCarer(c *ent.Carer) compliance.Carer {
	rc := compliance.Carer{
		ID: c.ID, Name: fullName(c.FirstName, c.LastName), DateOfBirth: day(c.DateOfBirth),
		ConnectedPerson: c.ConnectedPerson, TSDCompletedOn: day(c.TsdCompletedOn),
	}
	for _, t := range c.Edges.TrainingRecords {
		rc.Training = append(rc.Training, compliance.TrainingRecord{CourseID: t.CourseID, CompletedOn: t.CompletedOn})
	}
	for _, a := range c.Edges.HealthAssessments {
		rc.Health = append(rc.Health, compliance.Health{AssessedOn: a.AssessedOn, Outcome: string(a.Outcome)})
	}
	for _, d := range c.Edges.DbsChecks {
		rc.DBS = append(rc.DBS, compliance.DBS{IssuedOn: d.IssuedOn, Outcome: string(d.Outcome)})
	}
	return rc
}

func ruleReview(r *ent.Review) compliance.Review {
	rr := compliance.Review{
		ID: r.ID, Kind: string(r.Kind), Status: string(r.Status), DueOn: r.DueOn,
		MeetingOn: day(r.MeetingOn), AllegationConcludedOn: day(r.AllegationConcludedOn),
		DecidedOn: day(r.DecidedOn), NoticeSentOn: day(r.NoticeSentOn),
		CarerAgreed: r.CarerAgreedToChange != nil && *r.CarerAgreedToChange,
	}
	if r.Outcome != nil {
		rr.Outcome = string(*r.Outcome)
	}
	for _, pi := range r.Edges.PanelItems {
		item := compliance.PanelItem{ID: pi.ID, PapersSentOn: day(pi.PapersSentOn), RecommendedOn: day(pi.RecommendedOn)}
		if p := pi.Edges.Panel; p != nil {
			item.PanelName, item.MeetsOn = p.Name, p.MeetsOn
		}
		rr.PanelItems = append(rr.PanelItems, item)
	}
	return rr
}

// day reads an optional date; unknown is the zero date the rules expect.
func day(d *civil.Date) civil.Date {
	if d == nil {
		return civil.Date{}
	}
	return *d
}

func fullName(first, last string) string { return strings.TrimSpace(first + " " + last) }
