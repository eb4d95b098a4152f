package seed

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/placement"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/civil"
)

// chunk is how many rows go in one INSERT: well under SQLite's 32,766 bound
// variables even for the widest table, and big enough to amortise a round
// trip.
const chunk = 800

// bulk saves builders in chunks and returns the created rows in order.
func bulk[B any, T any](ctx context.Context, builders []B, save func(context.Context, ...B) ([]T, error)) ([]T, error) {
	out := make([]T, 0, len(builders))
	for start := 0; start < len(builders); start += chunk {
		rows, err := save(ctx, builders[start:min(start+chunk, len(builders))]...)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// bulkExec saves builders in chunks without reading the rows back, for
// rows nothing else in the batch refers to.
func bulkExec[B any](ctx context.Context, builders []B, exec func(context.Context, ...B) error) error {
	for start := 0; start < len(builders); start += chunk {
		if err := exec(ctx, builders[start:min(start+chunk, len(builders))]...); err != nil {
			return err
		}
	}
	return nil
}

// refs are the rows a batch needs beyond its own households.
type refs struct {
	ssws     []*ent.User
	officers []*ent.User
	adms     []*ent.User
	courses  []*ent.Course
	panels   *panelCalendar
	accounts map[string]int // carer email → carer-portal user id
}

// writeBatch inserts a batch of planned households and everything under
// them. It runs inside one transaction, so a failed batch leaves nothing.
func writeBatch(ctx context.Context, tx *ent.Tx, plans []householdPlan, r *refs, counts *Counts) error {
	hb := make([]*ent.HouseholdCreate, len(plans))
	for i, p := range plans {
		hb[i] = tx.Household.Create().SetReference(p.reference).SetAddressLine1(p.address).SetTown(p.town).
			SetPostcode(p.postcode).SetPhone(p.phone).SetEmail(p.email).SetStatus(p.status).
			SetNillableApprovedOn(date(p.approvedOn)).SetNillableResignationReceivedOn(date(p.resignationOn)).
			SetNillableEndedOn(date(p.endedOn)).SetSswID(r.ssws[p.ssw].ID)
	}
	households, err := bulk(ctx, hb, func(ctx context.Context, b ...*ent.HouseholdCreate) ([]*ent.Household, error) {
		return tx.Household.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("households: %w", err)
	}
	counts.Households += len(households)
	carers, err := writeCarers(ctx, tx, plans, households, r, counts)
	if err != nil {
		return err
	}
	if err := writeMembers(ctx, tx, plans, households, counts); err != nil {
		return err
	}
	reviews, err := writeReviews(ctx, tx, plans, households, r, counts)
	if err != nil {
		return err
	}
	if err := writeTerms(ctx, tx, plans, households, reviews, counts); err != nil {
		return err
	}
	if err := writeTraining(ctx, tx, plans, carers, r, counts); err != nil {
		return err
	}
	return writeVisitsAndPlacements(ctx, tx, plans, households, r, counts)
}

func date(d civil.Date) *civil.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}

// writeCarers inserts carers with their health assessments and DBS checks,
// and returns the carers per household in plan order.
func writeCarers(ctx context.Context, tx *ent.Tx, plans []householdPlan, households []*ent.Household, r *refs, counts *Counts) ([][]*ent.Carer, error) {
	var cb []*ent.CarerCreate
	for i, p := range plans {
		for _, c := range p.carers {
			b := tx.Carer.Create().SetHouseholdID(households[i].ID).SetFirstName(c.first).SetLastName(c.last).
				SetNillableDateOfBirth(date(c.dob)).SetEmail(c.email).SetPhone(c.phone).
				SetConnectedPerson(c.connected).SetNillableTsdCompletedOn(date(c.tsd))
			if id, ok := r.accounts[c.email]; ok {
				b.SetUserID(id)
			}
			cb = append(cb, b)
		}
	}
	flat, err := bulk(ctx, cb, func(ctx context.Context, b ...*ent.CarerCreate) ([]*ent.Carer, error) {
		return tx.Carer.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("carers: %w", err)
	}
	counts.Carers += len(flat)
	out := make([][]*ent.Carer, len(plans))
	var hb []*ent.HealthAssessmentCreate
	var db []*ent.DBSCheckCreate
	n := 0
	for i, p := range plans {
		out[i] = flat[n : n+len(p.carers)]
		for k, c := range p.carers {
			id := out[i][k].ID
			for _, h := range c.health {
				hb = append(hb, tx.HealthAssessment.Create().SetCarerID(id).SetKind(h.kind).SetAssessedOn(h.assessedOn).
					SetOutcome(h.outcome).SetAssessedBy("GP practice").SetMedicalAdviser("Dr A. Medical Adviser"))
			}
			for _, d := range c.dbs {
				db = append(db, dbsCreate(tx, d).SetCarerID(id))
			}
		}
		n += len(p.carers)
	}
	if err := saveChecks(ctx, tx, hb, db, counts); err != nil {
		return nil, err
	}
	return out, nil
}

func dbsCreate(tx *ent.Tx, d dbsPlan) *ent.DBSCheckCreate {
	return tx.DBSCheck.Create().SetCertificateNumber(d.number).SetIssuedOn(d.issuedOn).
		SetUpdateService(d.updateService).SetOutcome("clear")
}

func saveChecks(ctx context.Context, tx *ent.Tx, hb []*ent.HealthAssessmentCreate, db []*ent.DBSCheckCreate, counts *Counts) error {
	health, err := bulk(ctx, hb, func(ctx context.Context, b ...*ent.HealthAssessmentCreate) ([]*ent.HealthAssessment, error) {
		return tx.HealthAssessment.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("health assessments: %w", err)
	}
	checks, err := bulk(ctx, db, func(ctx context.Context, b ...*ent.DBSCheckCreate) ([]*ent.DBSCheck, error) {
		return tx.DBSCheck.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("DBS checks: %w", err)
	}
	counts.HealthAssessments += len(health)
	counts.DBSChecks += len(checks)
	return nil
}

func writeMembers(ctx context.Context, tx *ent.Tx, plans []householdPlan, households []*ent.Household, counts *Counts) error {
	var mb []*ent.HouseholdMemberCreate
	var chains [][]dbsPlan
	for i, p := range plans {
		for _, m := range p.members {
			mb = append(mb, tx.HouseholdMember.Create().SetHouseholdID(households[i].ID).SetFirstName(m.first).
				SetLastName(m.last).SetRelationship(m.relationship).SetNillableDateOfBirth(date(m.dob)))
			chains = append(chains, m.dbs)
		}
	}
	members, err := bulk(ctx, mb, func(ctx context.Context, b ...*ent.HouseholdMemberCreate) ([]*ent.HouseholdMember, error) {
		return tx.HouseholdMember.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("household members: %w", err)
	}
	counts.HouseholdMembers += len(members)
	var db []*ent.DBSCheckCreate
	for k, chain := range chains {
		for _, d := range chain {
			db = append(db, dbsCreate(tx, d).SetHouseholdMemberID(members[k].ID))
		}
	}
	return saveChecks(ctx, tx, nil, db, counts)
}

// writeReviews inserts each household's reviews, their contributions and,
// for those that went to panel, the panel item; it returns the reviews per
// household in plan order.
func writeReviews(ctx context.Context, tx *ent.Tx, plans []householdPlan, households []*ent.Household, r *refs, counts *Counts) ([][]*ent.Review, error) {
	var rb []*ent.ReviewCreate
	var flatPlans []reviewPlan
	for i, p := range plans {
		for _, rp := range p.reviews {
			b := tx.Review.Create().SetHouseholdID(households[i].ID).SetKind(rp.kind).SetStatus(rp.status).
				SetDueOn(rp.due).SetNillableMeetingOn(date(rp.meeting)).SetPanelRequired(rp.panelRequired)
			if rp.status != review.StatusScheduled {
				b.SetReviewingOfficerID(r.officers[(i+len(flatPlans))%len(r.officers)].ID)
			}
			if rp.status == review.StatusDecided {
				rec := review.RecommendationContinueApproval
				switch rp.outcome {
				case review.OutcomeApprovalTerminated:
					rec = review.RecommendationTerminateApproval
				case review.OutcomeTermsRevised:
					rec = review.RecommendationChangeTerms
					b.SetCarerAgreedToChange(rp.changeAgreed)
				}
				b.SetRecommendation(rec).SetOutcome(rp.outcome).SetDecidedOn(rp.decided).
					SetDecidedByID(r.adms[i%len(r.adms)].ID).SetNillableNoticeSentOn(date(rp.notice)).
					SetReport("The reviewing officer met the carers and the supervising social worker and considered the views gathered.").
					SetDecisionReasons("The agency decision maker accepted the recommendation for the reasons given in the report.")
			}
			rb = append(rb, b)
			flatPlans = append(flatPlans, rp)
		}
	}
	flat, err := bulk(ctx, rb, func(ctx context.Context, b ...*ent.ReviewCreate) ([]*ent.Review, error) {
		return tx.Review.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("reviews: %w", err)
	}
	counts.Reviews += len(flat)
	if err := writeReviewParts(ctx, tx, flat, flatPlans, r, counts); err != nil {
		return nil, err
	}
	out := make([][]*ent.Review, len(plans))
	n := 0
	for i, p := range plans {
		out[i] = flat[n : n+len(p.reviews)]
		n += len(p.reviews)
	}
	return out, nil
}

func writeReviewParts(ctx context.Context, tx *ent.Tx, reviews []*ent.Review, plans []reviewPlan, r *refs, counts *Counts) error {
	var cb []*ent.ContributionCreate
	var pb []*ent.PanelItemCreate
	for k, rp := range plans {
		for _, c := range rp.contributions {
			cb = append(cb, tx.Contribution.Create().SetReviewID(reviews[k].ID).SetSource(c.source).
				SetAuthorName(c.author).SetReceivedOn(c.on).SetText(c.text))
		}
		if rp.panelOn.IsZero() {
			continue
		}
		panel, ok, err := r.panels.panelFor(ctx, tx, rp.panelOn, counts)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		item := tx.PanelItem.Create().SetPanelID(panel.ID).SetReviewID(reviews[k].ID).
			SetNillablePapersSentOn(date(rp.papersSent))
		if rec := reviews[k].Recommendation; rec != nil && rp.status == review.StatusDecided {
			item.SetRecommendation(panelitem.Recommendation(*rec)).SetRecommendedOn(rp.panelOn).
				SetMinute("The panel considered the review report and the views gathered, and recommends as the report does.")
		}
		pb = append(pb, item)
	}
	contributions, err := bulk(ctx, cb, func(ctx context.Context, b ...*ent.ContributionCreate) ([]*ent.Contribution, error) {
		return tx.Contribution.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("contributions: %w", err)
	}
	items, err := bulk(ctx, pb, func(ctx context.Context, b ...*ent.PanelItemCreate) ([]*ent.PanelItem, error) {
		return tx.PanelItem.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("panel items: %w", err)
	}
	counts.Contributions += len(contributions)
	counts.PanelItems += len(items)
	return nil
}

func writeTerms(ctx context.Context, tx *ent.Tx, plans []householdPlan, households []*ent.Household, reviews [][]*ent.Review, counts *Counts) error {
	var tb []*ent.ApprovalTermsCreate
	for i, p := range plans {
		for _, t := range p.terms {
			b := tx.ApprovalTerms.Create().SetHouseholdID(households[i].ID).SetCategories(t.categories).
				SetNumberOfChildren(t.children).SetAgeFrom(t.from).SetAgeTo(t.to).SetEffectiveFrom(t.effectiveFrom).
				SetNillableEffectiveTo(date(t.effectiveTo)).SetDecision(t.decision)
			if t.review >= 0 {
				b.SetReviewID(reviews[i][t.review].ID)
			}
			tb = append(tb, b)
		}
	}
	terms, err := bulk(ctx, tb, func(ctx context.Context, b ...*ent.ApprovalTermsCreate) ([]*ent.ApprovalTerms, error) {
		return tx.ApprovalTerms.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("approval terms: %w", err)
	}
	counts.ApprovalTerms += len(terms)
	return nil
}

// writeTraining inserts training records, with the expiry derived from the
// course's validity at the time of recording.
func writeTraining(ctx context.Context, tx *ent.Tx, plans []householdPlan, carers [][]*ent.Carer, r *refs, counts *Counts) error {
	var tb []*ent.TrainingRecordCreate
	for i, p := range plans {
		for k, c := range p.carers {
			for _, t := range c.training {
				course := r.courses[t.course]
				b := tx.TrainingRecord.Create().SetCarerID(carers[i][k].ID).SetCourseID(course.ID).
					SetCompletedOn(t.completedOn).SetProvider("Hearth Fostering Service learning team").SetHours(t.hours)
				if course.ValidityMonths > 0 {
					b.SetExpiresOn(t.completedOn.AddMonths(course.ValidityMonths))
				}
				tb = append(tb, b)
			}
		}
	}
	// Exec, not Save: nothing refers to training records, so skip reading
	// two million rows back.
	err := bulkExec(ctx, tb, func(ctx context.Context, b ...*ent.TrainingRecordCreate) error {
		return tx.TrainingRecord.CreateBulk(b...).Exec(ctx)
	})
	if err != nil {
		return fmt.Errorf("training records: %w", err)
	}
	counts.TrainingRecords += len(tb)
	return nil
}

func writeVisitsAndPlacements(ctx context.Context, tx *ent.Tx, plans []householdPlan, households []*ent.Household, r *refs, counts *Counts) error {
	var vb []*ent.VisitCreate
	var pb []*ent.PlacementCreate
	for i, p := range plans {
		for _, v := range p.visits {
			vb = append(vb, tx.Visit.Create().SetHouseholdID(households[i].ID).SetKind(v.kind).SetVisitedOn(v.on).
				SetVisitorID(r.ssws[p.ssw].ID).SetChildrenSeen(v.childrenSeen))
		}
		for _, pl := range p.placements {
			b := tx.Placement.Create().SetHouseholdID(households[i].ID).SetChildReference(pl.reference).
				SetPlacingAuthority(pl.authority).SetCategory(placement.Category(pl.category)).
				SetStartedOn(pl.started).SetNillableEndedOn(date(pl.ended))
			if !pl.ended.IsZero() {
				b.SetEndReason(placement.EndReasonReturnedHome)
			}
			pb = append(pb, b)
		}
	}
	err := bulkExec(ctx, vb, func(ctx context.Context, b ...*ent.VisitCreate) error {
		return tx.Visit.CreateBulk(b...).Exec(ctx)
	})
	if err != nil {
		return fmt.Errorf("visits: %w", err)
	}
	err = bulkExec(ctx, pb, func(ctx context.Context, b ...*ent.PlacementCreate) error {
		return tx.Placement.CreateBulk(b...).Exec(ctx)
	})
	if err != nil {
		return fmt.Errorf("placements: %w", err)
	}
	counts.Visits += len(vb)
	counts.Placements += len(pb)
	return nil
}
