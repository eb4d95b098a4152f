package registry

import (
	"context"
	"fmt"
	"slices"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// carerHouseholdDates are the household's own dates a carer is shown: its
// reviews and supervisory visits. Never the unannounced visit (telling the
// household when one is due would defeat it), nor the service's own
// deadlines (panel papers, the decision maker's, retention).
var carerHouseholdDates = []compliance.Kind{compliance.FirstReview, compliance.AnnualReview,
	compliance.PostAllegationReview, compliance.SupervisoryVisit}

// carerOwnDates are a carer's own dates: their training, TSD standards,
// health assessment and DBS check. The co-carer's and the household
// members' are theirs alone (SeesRecordsOf).
var carerOwnDates = []compliance.Kind{compliance.Training, compliance.TSDStandards,
	compliance.HealthAssessment, compliance.DBSCheck}

// MyCarer reads the live carer record linked to the viewer's account, with
// its household, or nil when the viewer is no carer or is linked to none
// (an API token has no record of its own).
func MyCarer(ctx context.Context, client *ent.Client, v Viewer) (*ent.Carer, error) {
	if v.Role != user.RoleCarer || v.UserID == 0 {
		return nil, nil
	}
	me, err := client.Carer.Query().Where(carer.UserID(v.UserID)).WithHousehold().Only(ctx)
	if ent.IsNotFound(err) || (err == nil && me.Edges.Household == nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the carer's own record: %w", err)
	}
	return me, nil
}

// CarerDates assesses the household of the carer whose account the viewer
// is and keeps the items that carer may see: the household's reviews and
// supervisory visits, and their own training, TSD standards, health
// assessment and DBS check — never another carer's or a household
// member's. The pages and the calendar feed all read a carer's dates
// here, so none can show more than another. A viewer linked to no carer
// record gets no carer and no items.
func CarerDates(ctx context.Context, client *ent.Client, v Viewer) (*ent.Carer, []compliance.Item, compliance.Policy, error) {
	me, err := MyCarer(ctx, client, v)
	if err != nil || me == nil {
		return nil, nil, compliance.Policy{}, err
	}
	mine, p, err := carerItems(ctx, client, me.HouseholdID, me.ID)
	return me, mine, p, err
}

// carerItems assesses household householdID as a carer of it sees it:
// the household's reviews and supervisory visits and the carer's own
// dates. It reads only that carer's records (loadHouseholdsFor); the
// filter below would keep out anyone else's items in any case.
func carerItems(ctx context.Context, client *ent.Client, householdID, carerID int) ([]compliance.Item, compliance.Policy, error) {
	p, err := CompliancePolicy(ctx, client)
	if err != nil {
		return nil, p, err
	}
	loaded, err := loadHouseholdsFor(ctx, client, []int{householdID}, carerID)
	if err != nil {
		return nil, p, err
	}
	if len(loaded) != 1 {
		return nil, p, Errorf(ENOTFOUND, "There is no household %d.", householdID)
	}
	return carersOwn(compliance.Assess(loaded[0].Household, p), carerID), p, nil
}

// carersOwn keeps the items carer carerID may see.
func carersOwn(items []compliance.Item, carerID int) []compliance.Item {
	mine := items[:0:0]
	for _, it := range items {
		household := it.Subject.Kind == compliance.ForHousehold && slices.Contains(carerHouseholdDates, it.Kind)
		own := it.Subject.Kind == compliance.ForCarer && it.Subject.ID == carerID && slices.Contains(carerOwnDates, it.Kind)
		if household || own {
			mine = append(mine, it)
		}
	}
	return mine
}
