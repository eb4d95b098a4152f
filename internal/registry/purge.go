package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/placement"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// PurgeCandidate is a household whose records are past their retention
// period (reg 32): kept until KeptUntil, destroyable from the day after.
type PurgeCandidate struct {
	HouseholdID int
	Reference   string
	Status      string
	EndedOn     civil.Date
	KeptUntil   civil.Date
}

// PurgeCandidates lists the households whose retention period ended
// before today, from the stored due items (which carry the rules' dates).
func PurgeCandidates(ctx context.Context, client *ent.Client, today civil.Date) ([]PurgeCandidate, error) {
	items, err := client.DueItem.Query().Where(dueitem.Kind(string(compliance.RecordRetention)), dueitem.DueOnLT(today)).
		Order(ent.Asc(dueitem.FieldHouseholdReference)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read retention items: %w", err)
	}
	out := make([]PurgeCandidate, 0, len(items))
	for _, it := range items {
		h, err := client.Household.Query().Where(household.ID(it.HouseholdID)).Only(schema.IncludeArchived(ctx))
		if err != nil {
			return nil, fmt.Errorf("read household %d: %w", it.HouseholdID, err)
		}
		if h.EndedOn == nil {
			continue
		}
		out = append(out, PurgeCandidate{HouseholdID: h.ID, Reference: h.Reference, Status: string(h.Status),
			EndedOn: *h.EndedOn, KeptUntil: it.DueOn})
	}
	return out, nil
}

// Purge destroys every record of household c, archived ones included, in
// one transaction, and leaves in the audit trail what was destroyed:
// the reference, the dates and how many records of each kind, never the
// data. In the same transaction it removes the destroyed data from the
// trail's earlier entries (see redactAudit): the entries stay, saying who
// did what to which record and when, but not what the record held.
func Purge(ctx context.Context, client *ent.Client, actor Actor, c PurgeCandidate) (map[string]int, error) {
	ctx = schema.IncludeArchived(ctx) // delete for real, archived rows too
	counts := map[string]int{}
	err := InTx(ctx, client, func(tx *ent.Client) error {
		h := c.HouseholdID
		destroyed, err := householdRecords(ctx, tx, c)
		if err != nil {
			return err
		}
		rs, cs, ms := destroyed.ids["review"], destroyed.ids["carer"], destroyed.ids["household_member"]
		steps := []struct {
			what string
			del  func(context.Context) (int, error)
		}{
			{"contributions", tx.Contribution.Delete().Where(contribution.ReviewIDIn(rs...)).Exec},
			{"panel_items", tx.PanelItem.Delete().Where(panelitem.ReviewIDIn(rs...)).Exec},
			{"approval_terms", tx.ApprovalTerms.Delete().Where(approvalterms.HouseholdID(h)).Exec},
			{"reviews", tx.Review.Delete().Where(review.HouseholdID(h)).Exec},
			{"training_records", tx.TrainingRecord.Delete().Where(trainingrecord.CarerIDIn(cs...)).Exec},
			{"health_assessments", tx.HealthAssessment.Delete().Where(healthassessment.CarerIDIn(cs...)).Exec},
			{"dbs_checks", tx.DBSCheck.Delete().Where(dbscheck.Or(dbscheck.CarerIDIn(cs...), dbscheck.HouseholdMemberIDIn(ms...))).Exec},
			{"carers", tx.Carer.Delete().Where(carer.HouseholdID(h)).Exec},
			{"household_members", tx.HouseholdMember.Delete().Where(householdmember.HouseholdID(h)).Exec},
			{"visits", tx.Visit.Delete().Where(visit.HouseholdID(h)).Exec},
			{"placements", tx.Placement.Delete().Where(placement.HouseholdID(h)).Exec},
			{"households", tx.Household.Delete().Where(household.ID(h)).Exec},
		}
		for _, st := range steps {
			n, err := st.del(ctx)
			if err != nil {
				return fmt.Errorf("purge %s of household %s: %w", st.what, c.Reference, err)
			}
			counts[st.what] = n
		}
		if _, err := tx.DueItem.Delete().Where(dueitem.HouseholdID(h)).Exec(ctx); err != nil {
			return fmt.Errorf("purge due items of household %s: %w", c.Reference, err)
		}
		redactedEntries, err := redactAudit(ctx, tx, destroyed)
		if err != nil {
			return err
		}
		changes := audit.Changes{"reference": {Old: c.Reference}, "status": {Old: c.Status},
			"ended_on": {Old: c.EndedOn.String()}, "kept_until": {Old: c.KeptUntil.String()},
			"redacted_audit_entries": {New: redactedEntries}}
		for what, n := range counts {
			changes["purged_"+what] = audit.Change{New: n}
		}
		return Audit(ctx, tx, actor, auditevent.ActionPurge, "household", h, changes)
	})
	return counts, err
}

// householdRecords reads, before they go, the ids of every record of
// household c under each name the audit trail uses for it, and the names
// and email addresses of its people.
func householdRecords(ctx context.Context, tx *ent.Client, c PurgeCandidate) (purgedRecords, error) {
	p := purgedRecords{reference: c.Reference, ids: map[string][]int{"household": {c.HouseholdID}}}
	h, err := tx.Household.Get(ctx, c.HouseholdID)
	if err != nil {
		return p, fmt.Errorf("read household %s: %w", c.Reference, err)
	}
	p.person(h.Email)
	carers, err := tx.Carer.Query().Where(carer.HouseholdID(h.ID)).All(ctx)
	if err != nil {
		return p, fmt.Errorf("read carers: %w", err)
	}
	cs := make([]int, len(carers))
	for i, r := range carers {
		cs[i] = r.ID
		p.person(r.FirstName+" "+r.LastName, r.Email)
	}
	p.add(cs, "carer", "carer_training")
	members, err := tx.HouseholdMember.Query().Where(householdmember.HouseholdID(h.ID)).All(ctx)
	if err != nil {
		return p, fmt.Errorf("read household members: %w", err)
	}
	ms := make([]int, len(members))
	for i, m := range members {
		ms[i] = m.ID
		p.person(m.FirstName + " " + m.LastName)
	}
	p.add(ms, "household_member")
	rs, err := tx.Review.Query().Where(review.HouseholdID(h.ID)).IDs(ctx)
	if err != nil {
		return p, fmt.Errorf("read reviews: %w", err)
	}
	p.add(rs, "review", "review_pack")
	for _, q := range []struct {
		entity string
		ids    func(context.Context) ([]int, error)
	}{
		{"contribution", tx.Contribution.Query().Where(contribution.ReviewIDIn(rs...)).IDs},
		{"panel_item", tx.PanelItem.Query().Where(panelitem.ReviewIDIn(rs...)).IDs},
		{"approval_terms", tx.ApprovalTerms.Query().Where(approvalterms.HouseholdID(h.ID)).IDs},
		{"training_record", tx.TrainingRecord.Query().Where(trainingrecord.CarerIDIn(cs...)).IDs},
		{"health_assessment", tx.HealthAssessment.Query().Where(healthassessment.CarerIDIn(cs...)).IDs},
		{"dbs_check", tx.DBSCheck.Query().Where(dbscheck.Or(dbscheck.CarerIDIn(cs...), dbscheck.HouseholdMemberIDIn(ms...))).IDs},
		{"visit", tx.Visit.Query().Where(visit.HouseholdID(h.ID)).IDs},
		{"placement", tx.Placement.Query().Where(placement.HouseholdID(h.ID)).IDs},
	} {
		ids, err := q.ids(ctx)
		if err != nil {
			return p, fmt.Errorf("read %s records: %w", q.entity, err)
		}
		p.add(ids, q.entity)
	}
	return p, nil
}
