package registry

import (
	"context"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// HouseholdCompliance assesses one household afresh: its open items with
// their dates, and the met and not-applicable ones with the reason, so the
// reader sees why nothing is due as well as what is.
func HouseholdCompliance(ctx context.Context, client *ent.Client, id int) (*ent.Household, []compliance.Item, compliance.Policy, error) {
	p, err := CompliancePolicy(ctx, client)
	if err != nil {
		return nil, nil, p, err
	}
	loaded, err := loadHouseholds(ctx, client, []int{id})
	if err != nil {
		return nil, nil, p, err
	}
	if len(loaded) != 1 {
		return nil, nil, p, Errorf(ENOTFOUND, "There is no household %d.", id)
	}
	h := loaded[0].row
	return h, compliance.Assess(loaded[0].Household, p), p, nil
}
