package registry

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/duemonthtally"
	"github.com/hearth-registry/hearth/ent/duetally"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// refreshChunk bounds how many households one pass loads: a few thousand
// rows of training and checks, well inside SQLite's and PostgreSQL's limits
// on query parameters.
const refreshChunk = 500

// RefreshDueItems makes the stored open items of the households with ids
// match what the rules say now, and moves the tallies by the difference.
// Call it inside the transaction that changed them; the compliance hook does.
// Items that did not change keep their rows, so a paging cursor stays valid.
func RefreshDueItems(ctx context.Context, client *ent.Client, p compliance.Policy, ids []int) error {
	tallies := map[tallyKey]int{}
	if err := refreshHouseholds(ctx, client, p, uniqueIDs(ids), tallies); err != nil {
		return err
	}
	return moveTallies(ctx, client, tallies)
}

// refreshHouseholds rewrites the items of the households with ids that
// differ from what the rules say now, a chunk at a time, adding to tallies
// the change in each tally.
func refreshHouseholds(ctx context.Context, client *ent.Client, p compliance.Policy, ids []int, tallies map[tallyKey]int) error {
	for start := 0; start < len(ids); start += refreshChunk {
		if err := refreshChunkOf(ctx, client, p, ids[start:min(start+refreshChunk, len(ids))], tallies); err != nil {
			return err
		}
	}
	return nil
}

func refreshChunkOf(ctx context.Context, client *ent.Client, p compliance.Policy, ids []int, tallies map[tallyKey]int) error {
	households, err := loadHouseholds(ctx, client, ids)
	if err != nil {
		return err
	}
	want := map[string]*ent.DueItem{}
	for _, h := range households {
		for _, it := range compliance.OpenItems(compliance.Assess(h.Household, p)) {
			row := storedItem(h, it)
			want[identity(row)] = row
		}
	}
	have, err := client.DueItem.Query().Where(dueitem.HouseholdIDIn(ids...)).All(ctx)
	if err != nil {
		return fmt.Errorf("read due items: %w", err)
	}
	var gone []int
	for _, row := range have {
		key := identity(row)
		if w, ok := want[key]; ok && sameItem(w, row) {
			delete(want, key)
			continue
		}
		gone = append(gone, row.ID)
		tallies[tallyKey{row.Kind, row.DueOn}]--
	}
	if len(gone) > 0 {
		if _, err := client.DueItem.Delete().Where(dueitem.IDIn(gone...)).Exec(ctx); err != nil {
			return fmt.Errorf("delete due items: %w", err)
		}
	}
	var added []*ent.DueItemCreate
	for _, key := range sortedKeys(want) {
		row := want[key]
		added = append(added, createItem(client, row))
		tallies[tallyKey{row.Kind, row.DueOn}]++
	}
	return saveItems(ctx, client, added)
}

// storedItem is the row kept for an open item.
func storedItem(h loadedHousehold, it compliance.Item) *ent.DueItem {
	return &ent.DueItem{
		HouseholdID: h.ID, HouseholdReference: h.Reference, SswID: h.row.SswID,
		Kind: string(it.Kind), SubjectKind: string(it.Subject.Kind), SubjectID: it.Subject.ID,
		SubjectName: it.Subject.Name, Ref: it.Ref, What: it.What, DueOn: it.DueOn,
		Reason: it.Reason, Source: it.Source,
	}
}

func createItem(client *ent.Client, row *ent.DueItem) *ent.DueItemCreate {
	return client.DueItem.Create().SetHouseholdID(row.HouseholdID).SetHouseholdReference(row.HouseholdReference).
		SetNillableSswID(row.SswID).SetKind(row.Kind).SetSubjectKind(row.SubjectKind).SetSubjectID(row.SubjectID).
		SetSubjectName(row.SubjectName).SetRef(row.Ref).SetWhat(row.What).SetDueOn(row.DueOn).
		SetReason(row.Reason).SetSource(row.Source)
}

func saveItems(ctx context.Context, client *ent.Client, items []*ent.DueItemCreate) error {
	const chunk = 1000 // 12 parameters a row stays under both databases' limits
	for start := 0; start < len(items); start += chunk {
		if err := client.DueItem.CreateBulk(items[start:min(start+chunk, len(items))]...).Exec(ctx); err != nil {
			return fmt.Errorf("save due items: %w", err)
		}
	}
	return nil
}

// identity names an item across refreshes: the same rule for the same
// person and the same course, review or panel item.
func identity(row *ent.DueItem) string {
	return strconv.Itoa(row.HouseholdID) + "|" + row.Kind + "|" + row.SubjectKind + "|" +
		strconv.Itoa(row.SubjectID) + "|" + strconv.Itoa(row.Ref)
}

func sameItem(a, b *ent.DueItem) bool {
	return a.HouseholdReference == b.HouseholdReference && equalID(a.SswID, b.SswID) &&
		a.SubjectName == b.SubjectName && a.What == b.What && a.DueOn == b.DueOn &&
		a.Reason == b.Reason && a.Source == b.Source
}

func equalID(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

type tallyKey struct {
	kind string
	due  civil.Date
}

// moveTallies applies the changes to the day and month tallies: one
// statement per table, adding each change to the count already there, in a
// fixed order, so two transactions touching the same tallies on PostgreSQL
// queue rather than deadlock. One statement rather than one a tally keeps
// the tallies' row locks for as short a time as possible: a recalculation
// chunk moves hundreds, and a write to any household waits for the ones
// it shares.
func moveTallies(ctx context.Context, client *ent.Client, changes map[tallyKey]int) error {
	keys := sortedTallies(changes)
	months := map[tallyKey]int{}
	var days []*ent.DueTallyCreate
	for _, k := range keys {
		days = append(days, client.DueTally.Create().SetKind(k.kind).SetDueOn(k.due).SetItems(changes[k]))
		months[tallyKey{k.kind, monthOf(k.due)}] += changes[k]
	}
	var monthRows []*ent.DueMonthTallyCreate
	for _, k := range sortedTallies(months) {
		monthRows = append(monthRows, client.DueMonthTally.Create().SetKind(k.kind).SetMonth(k.due).SetItems(months[k]))
	}
	const chunk = 2000 // 3 parameters a row
	for start := 0; start < len(days); start += chunk {
		err := client.DueTally.CreateBulk(days[start:min(start+chunk, len(days))]...).
			OnConflict(sql.ConflictColumns(duetally.FieldKind, duetally.FieldDueOn), addExcluded(duetally.FieldItems)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("move due tallies: %w", err)
		}
	}
	for start := 0; start < len(monthRows); start += chunk {
		err := client.DueMonthTally.CreateBulk(monthRows[start:min(start+chunk, len(monthRows))]...).
			OnConflict(sql.ConflictColumns(duemonthtally.FieldKind, duemonthtally.FieldMonth), addExcluded(duemonthtally.FieldItems)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("move due month tallies: %w", err)
		}
	}
	return nil
}

// addExcluded resolves an upsert's conflict by adding the value offered to
// the one stored: items = items + excluded.items.
func addExcluded(column string) sql.ConflictOption {
	return sql.ResolveWith(func(u *sql.UpdateSet) {
		excluded := sql.Dialect(u.UpdateBuilder.Dialect()).Table("excluded")
		u.Set(column, sql.Expr(u.Table().C(column)+" + "+excluded.C(column)))
	})
}

// sortedTallies lists the tallies that change, by kind then date.
func sortedTallies(changes map[tallyKey]int) []tallyKey {
	keys := make([]tallyKey, 0, len(changes))
	for k, n := range changes {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b tallyKey) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), a.due.Compare(b.due))
	})
	return keys
}

// monthOf is the first day of d's month, which names a month tally.
func monthOf(d civil.Date) civil.Date { return civil.New(d.Year(), d.Month(), 1) }

// saveTallies writes tallies counted from scratch, in bulk.
func saveTallies(ctx context.Context, client *ent.Client, days map[tallyKey]int) error {
	months := map[tallyKey]int{}
	var dayRows []*ent.DueTallyCreate
	for _, k := range sortedTallies(days) {
		dayRows = append(dayRows, client.DueTally.Create().SetKind(k.kind).SetDueOn(k.due).SetItems(days[k]))
		months[tallyKey{k.kind, monthOf(k.due)}] += days[k]
	}
	var monthRows []*ent.DueMonthTallyCreate
	for _, k := range sortedTallies(months) {
		monthRows = append(monthRows, client.DueMonthTally.Create().SetKind(k.kind).SetMonth(k.due).SetItems(months[k]))
	}
	const chunk = 2000 // 3 parameters a row
	for start := 0; start < len(dayRows); start += chunk {
		if err := client.DueTally.CreateBulk(dayRows[start:min(start+chunk, len(dayRows))]...).Exec(ctx); err != nil {
			return fmt.Errorf("save due tallies: %w", err)
		}
	}
	for start := 0; start < len(monthRows); start += chunk {
		if err := client.DueMonthTally.CreateBulk(monthRows[start:min(start+chunk, len(monthRows))]...).Exec(ctx); err != nil {
			return fmt.Errorf("save due month tallies: %w", err)
		}
	}
	return nil
}

// RefreshAllDueItems brings every household's items up to date with the
// rules, rewriting only the items that changed, and then counts the
// tallies afresh from the items, all in the caller's transaction: after a
// bulk load, and at start-up after a release changes the rules. (A policy
// or catalogue change is recalculated in the background instead, a chunk
// at a time: RecalculateDueItems.) Counting afresh also mends the tallies,
// should they ever have drifted.
func RefreshAllDueItems(ctx context.Context, client *ent.Client) error {
	p, err := CompliancePolicy(ctx, client)
	if err != nil {
		return err
	}
	live, err := client.Household.Query().Order(ent.Asc(household.FieldID)).IDs(ctx)
	if err != nil {
		return fmt.Errorf("list households: %w", err)
	}
	// Households archived or purged since keep no items; refreshing them
	// finds nothing to assess and clears what they had.
	listed, err := client.DueItem.Query().Unique(true).Select(dueitem.FieldHouseholdID).Ints(ctx)
	if err != nil {
		return fmt.Errorf("list households with due items: %w", err)
	}
	isLive := make(map[int]bool, len(live))
	for _, id := range live {
		isLive[id] = true
	}
	ids := live
	for _, id := range listed {
		if !isLive[id] {
			ids = append(ids, id)
		}
	}
	if err := refreshHouseholds(ctx, client, p, ids, map[tallyKey]int{}); err != nil {
		return err
	}
	return recountTallies(ctx, client)
}

// recountTallies replaces the day and month tallies with counts of the
// stored items.
func recountTallies(ctx context.Context, client *ent.Client) error {
	if _, err := client.DueTally.Delete().Exec(ctx); err != nil {
		return fmt.Errorf("clear due tallies: %w", err)
	}
	if _, err := client.DueMonthTally.Delete().Exec(ctx); err != nil {
		return fmt.Errorf("clear due month tallies: %w", err)
	}
	var counts []struct {
		Kind  string     `json:"kind"`
		DueOn civil.Date `json:"due_on"`
		Count int        `json:"count"`
	}
	err := client.DueItem.Query().GroupBy(dueitem.FieldKind, dueitem.FieldDueOn).Aggregate(ent.Count()).Scan(ctx, &counts)
	if err != nil {
		return fmt.Errorf("count due items: %w", err)
	}
	days := make(map[tallyKey]int, len(counts))
	for _, c := range counts {
		days[tallyKey{c.Kind, c.DueOn}] = c.Count
	}
	return saveTallies(ctx, client, days)
}

func uniqueIDs(ids []int) []int {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
