package registry

import (
	"context"
	"errors"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// householdsOf maps changed records of one type to the households whose
// items they can move.
type householdsOf func(ctx context.Context, c *ent.Client, ids []int) ([]int, error)

// dueLookups lists every record type the rules read. A new rule that reads
// another type must be added here, or its items go stale.
var dueLookups = map[string]householdsOf{
	ent.TypeHousehold: func(_ context.Context, _ *ent.Client, ids []int) ([]int, error) { return ids, nil },
	ent.TypeCarer: func(ctx context.Context, c *ent.Client, ids []int) ([]int, error) {
		return c.Carer.Query().Where(carer.IDIn(ids...)).Select(carer.FieldHouseholdID).Ints(ctx)
	},
	ent.TypeHouseholdMember: func(ctx context.Context, c *ent.Client, ids []int) ([]int, error) {
		return c.HouseholdMember.Query().Where(householdmember.IDIn(ids...)).Select(householdmember.FieldHouseholdID).Ints(ctx)
	},
	ent.TypeApprovalTerms: func(ctx context.Context, c *ent.Client, ids []int) ([]int, error) {
		return c.ApprovalTerms.Query().Where(approvalterms.IDIn(ids...)).Select(approvalterms.FieldHouseholdID).Ints(ctx)
	},
	ent.TypeVisit: func(ctx context.Context, c *ent.Client, ids []int) ([]int, error) {
		return c.Visit.Query().Where(visit.IDIn(ids...)).Select(visit.FieldHouseholdID).Ints(ctx)
	},
	ent.TypeReview: func(ctx context.Context, c *ent.Client, ids []int) ([]int, error) {
		return c.Review.Query().Where(review.IDIn(ids...)).Select(review.FieldHouseholdID).Ints(ctx)
	},
	ent.TypePanelItem: func(ctx context.Context, c *ent.Client, ids []int) ([]int, error) {
		return c.Review.Query().Where(review.HasPanelItemsWith(panelitem.IDIn(ids...))).Select(review.FieldHouseholdID).Ints(ctx)
	},
	ent.TypePanel: func(ctx context.Context, c *ent.Client, ids []int) ([]int, error) {
		return c.Review.Query().Where(review.HasPanelItemsWith(panelitem.PanelIDIn(ids...))).Select(review.FieldHouseholdID).Ints(ctx)
	},
	ent.TypeTrainingRecord: func(ctx context.Context, c *ent.Client, ids []int) ([]int, error) {
		return c.Carer.Query().Where(carer.HasTrainingRecordsWith(trainingrecord.IDIn(ids...))).Select(carer.FieldHouseholdID).Ints(ctx)
	},
	ent.TypeHealthAssessment: func(ctx context.Context, c *ent.Client, ids []int) ([]int, error) {
		return c.Carer.Query().Where(carer.HasHealthAssessmentsWith(healthassessment.IDIn(ids...))).Select(carer.FieldHouseholdID).Ints(ctx)
	},
	ent.TypeDBSCheck: func(ctx context.Context, c *ent.Client, ids []int) ([]int, error) {
		ofCarers, err := c.Carer.Query().Where(carer.HasDbsChecksWith(dbscheck.IDIn(ids...))).Select(carer.FieldHouseholdID).Ints(ctx)
		if err != nil {
			return nil, err
		}
		ofMembers, err := c.HouseholdMember.Query().Where(householdmember.HasDbsChecksWith(dbscheck.IDIn(ids...))).
			Select(householdmember.FieldHouseholdID).Ints(ctx)
		return append(ofCarers, ofMembers...), err
	},
}

// serviceWide lists the types whose change can move any household's dates.
var serviceWide = map[string]bool{ent.TypeCourse: true, ent.TypeServicePolicy: true}

type skipDueItemsKey struct{}

// WithoutDueItems lets a bulk loader write without refreshing items record
// by record. It must call RefreshAllDueItems before it commits.
func WithoutDueItems(ctx context.Context) context.Context {
	return context.WithValue(ctx, skipDueItemsKey{}, true)
}

// recordMutation is what every generated ent mutation offers.
type recordMutation interface {
	ent.Mutation
	Client() *ent.Client
	Tx() (*ent.Tx, error)
	ID() (int, bool)
	IDs(context.Context) ([]int, error)
}

// ErrDueItemsNeedTx refuses a change to a record the rules read made outside
// a transaction: its items could not move atomically with it.
var ErrDueItemsNeedTx = errors.New("this change moves compliance dates, so it must run in a transaction (registry.InTx)")

// KeepDueItemsCurrent is the ent hook that keeps stored due items true after
// every write: it finds the households a change touches (before and after,
// so moving a carer between households refreshes both) and refreshes their
// items in the same transaction. A change to the course catalogue or to a
// date-moving policy setting instead marks every household's items stale,
// for the background jobs to work out again (RecalculateDueItems).
func KeepDueItemsCurrent(d string) ent.Hook {
	lockHouseholds, _ := locksFor(d)
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			lookup, wide := dueLookups[m.Type()], serviceWide[m.Type()]
			if (lookup == nil && !wide) || ctx.Value(skipDueItemsKey{}) != nil {
				return next.Mutate(ctx, m)
			}
			rm, ok := m.(recordMutation)
			if !ok {
				return nil, fmt.Errorf("due items: unexpected mutation %T", m)
			}
			if _, err := rm.Tx(); err != nil {
				return nil, fmt.Errorf("%s: %w", m.Type(), ErrDueItemsNeedTx)
			}
			client := rm.Client()
			if wide && movesNoDates(ctx, m) {
				return next.Mutate(ctx, m)
			}
			if wide {
				// Saved at once; every household is worked out again by
				// the background jobs, a chunk at a time
				// (compliance_recalculate.go), not in this request.
				v, err := next.Mutate(ctx, m)
				if err != nil {
					return v, err
				}
				return v, markDueItemsStale(ctx, client)
			}
			all := schema.IncludeArchived(ctx) // an archived record still names its household
			var ids, households []int
			if !m.Op().Is(ent.OpCreate) {
				var err error
				if ids, err = rm.IDs(all); err != nil {
					return nil, fmt.Errorf("due items: %w", err)
				}
				if households, err = lookup(all, client, ids); err != nil {
					return nil, fmt.Errorf("due items: %w", err)
				}
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			if id, ok := rm.ID(); ok && m.Op().Is(ent.OpCreate) {
				ids = []int{id}
			}
			after, err := lookup(all, client, ids)
			if err != nil {
				return nil, fmt.Errorf("due items: %w", err)
			}
			households = append(households, after...)
			if err := lockHouseholds(ctx, client, households); err != nil {
				return nil, err
			}
			// The policy is read under the households' locks: a
			// recalculation chunk that worked these households out under
			// newer settings has committed by then, so this refresh reads
			// those settings too, never older ones.
			live := schema.LiveOnly(ctx)
			p, err := CompliancePolicy(live, client)
			if err != nil {
				return nil, err
			}
			return v, RefreshDueItems(live, client, p, households)
		})
	}
}

// datelessSettings are policy fields that change no due date: the warning
// window only changes an item's status, which is worked out when read.
var datelessSettings = map[string]bool{"warning_days": true, "created_at": true, "updated_at": true, "version": true}

// movesNoDates reports whether a policy change leaves every date-moving
// setting as it was (or, for the first saved policy, at its default), so
// the service-wide refresh can be skipped.
func movesNoDates(ctx context.Context, m ent.Mutation) bool {
	if m.Type() != ent.TypeServicePolicy {
		return false
	}
	for _, f := range m.AddedFields() {
		if !datelessSettings[f] {
			return false
		}
	}
	defaults := map[string]int{}
	for _, l := range settingLimits {
		defaults[l.name] = l.get(settingsOf(compliance.DefaultPolicy()))
	}
	for _, f := range m.Fields() {
		if datelessSettings[f] {
			continue
		}
		v, _ := m.Field(f)
		var was ent.Value = defaults[f]
		switch {
		case m.Op().Is(ent.OpCreate):
		case m.Op().Is(ent.OpUpdateOne):
			var err error
			if was, err = m.OldField(ctx, f); err != nil {
				return false
			}
		default:
			return false
		}
		if v != was {
			return false
		}
	}
	return true
}
