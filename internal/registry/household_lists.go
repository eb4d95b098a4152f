package registry

import (
	"context"
	"fmt"
	"slices"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/user"
)

// HouseholdsByStatus counts the live households the viewer may see, by
// status.
func HouseholdsByStatus(ctx context.Context, client *ent.Client, v Viewer) (map[household.Status]int, error) {
	var rows []struct {
		Status household.Status `json:"status"`
		Count  int              `json:"count"`
	}
	err := client.Household.Query().Where(v.HouseholdScope()...).
		GroupBy(household.FieldStatus).Aggregate(ent.Count()).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("count households by status: %w", err)
	}
	counts := make(map[household.Status]int, len(rows))
	for _, r := range rows {
		counts[r.Status] = r.Count
	}
	return counts, nil
}

// HouseholdPeople are the names a list of households shows beside each:
// its carers, in the order they were recorded, and its supervising social
// worker.
type HouseholdPeople struct {
	Carers map[int][]string // by household id
	SSW    map[int]string   // by household id
}

// PeopleOf reads the carers' and supervising social workers' names of the
// households hs, which the caller read within the viewer's scope: two
// queries for the whole list, whatever its length. Each reads only the
// columns the list shows: whole rows cost the households page a tenth of
// its CPU on SQLite at 50,000 households (timestamps parsed, and an
// account's secrets read, for nothing), and each social worker is asked
// for once however many of the page's households they supervise.
func PeopleOf(ctx context.Context, client *ent.Client, hs []*ent.Household) (HouseholdPeople, error) {
	out := HouseholdPeople{Carers: map[int][]string{}, SSW: map[int]string{}}
	ids, sswIDs := make([]int, len(hs)), []int{}
	for i, h := range hs {
		ids[i] = h.ID
		if h.SswID != nil && !slices.Contains(sswIDs, *h.SswID) {
			sswIDs = append(sswIDs, *h.SswID)
		}
	}
	carers, err := client.Carer.Query().Where(carer.HouseholdIDIn(ids...)).Order(ent.Asc(carer.FieldID)).
		Select(carer.FieldHouseholdID, carer.FieldFirstName, carer.FieldLastName).All(ctx)
	if err != nil {
		return out, fmt.Errorf("read the households' carers: %w", err)
	}
	for _, c := range carers {
		out.Carers[c.HouseholdID] = append(out.Carers[c.HouseholdID], c.FirstName+" "+c.LastName)
	}
	workers, err := client.User.Query().Where(user.IDIn(sswIDs...)).Select(user.FieldName).All(ctx)
	if err != nil {
		return out, fmt.Errorf("read the households' social workers: %w", err)
	}
	names := make(map[int]string, len(workers))
	for _, w := range workers {
		names[w.ID] = w.Name
	}
	for _, h := range hs {
		if h.SswID != nil {
			out.SSW[h.ID] = names[*h.SswID]
		}
	}
	return out, nil
}

// CarersOf are the carers of a household the viewer may see, in the
// order they were recorded.
func CarersOf(ctx context.Context, client *ent.Client, v Viewer, householdID int) ([]*ent.Carer, error) {
	if err := HouseholdVisible(ctx, client, v, householdID); err != nil {
		return nil, err
	}
	return householdCarers(ctx, client, householdID)
}

// householdCarers are a household's carers in the order they were
// recorded, for callers that have checked the viewer may see them.
func householdCarers(ctx context.Context, client *ent.Client, householdID int) ([]*ent.Carer, error) {
	carers, err := client.Carer.Query().Where(carer.HouseholdID(householdID)).Order(ent.Asc(carer.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the household's carers: %w", err)
	}
	return carers, nil
}
