package registry

import (
	"context"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// ReadHouseholdRecord reads household id whole, with what its page shows
// and the compliance rules read, in one pass: carers (in the order they
// were added) with their training, health assessments and DBS checks, each
// latest first; members (in the order they were added) with their DBS
// checks; approval terms, every visit with its visitor, and the reviews
// with their panel items and panels, each latest first. The household
// page used to read most of these twice, once to assess the household and
// once to show its records. The caller checks who may see it.
func ReadHouseholdRecord(ctx context.Context, client *ent.Client, id int) (*ent.Household, error) {
	latestDBSFirst := func(q *ent.DBSCheckQuery) { q.Order(ent.Desc(dbscheck.FieldIssuedOn), ent.Desc(dbscheck.FieldID)) }
	h, err := client.Household.Query().Where(household.ID(id)).
		WithCarers(func(q *ent.CarerQuery) {
			q.Order(ent.Asc(carer.FieldID)).
				WithTrainingRecords(func(q *ent.TrainingRecordQuery) {
					q.Order(ent.Desc(trainingrecord.FieldCompletedOn), ent.Desc(trainingrecord.FieldID))
				}).
				WithHealthAssessments(func(q *ent.HealthAssessmentQuery) {
					q.Order(ent.Desc(healthassessment.FieldAssessedOn), ent.Desc(healthassessment.FieldID))
				}).
				WithDbsChecks(latestDBSFirst)
		}).
		WithMembers(func(q *ent.HouseholdMemberQuery) {
			q.Order(ent.Asc(householdmember.FieldID)).WithDbsChecks(latestDBSFirst)
		}).
		WithApprovalTerms(func(q *ent.ApprovalTermsQuery) {
			q.Order(ent.Desc(approvalterms.FieldEffectiveFrom), ent.Desc(approvalterms.FieldID))
		}).
		WithVisits(func(q *ent.VisitQuery) {
			q.Order(ent.Desc(visit.FieldVisitedOn), ent.Desc(visit.FieldID)).WithVisitor()
		}).
		WithReviews(func(q *ent.ReviewQuery) {
			q.Order(ent.Desc(review.FieldDueOn), ent.Desc(review.FieldID)).
				WithPanelItems(func(q *ent.PanelItemQuery) { q.WithPanel() })
		}).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, Errorf(ENOTFOUND, "There is no household %d.", id)
	}
	return h, err
}

// AssessRecord assesses a household read by ReadHouseholdRecord, as
// HouseholdCompliance does one it reads itself.
func AssessRecord(ctx context.Context, client *ent.Client, h *ent.Household) ([]compliance.Item, compliance.Policy, error) {
	p, err := CompliancePolicy(ctx, client)
	if err != nil {
		return nil, p, err
	}
	return compliance.Assess(ruleHousehold(h), p), p, nil
}
