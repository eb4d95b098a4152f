// Package seed fills an empty registry with believable data: the small demo
// service that `go run ./cmd/hearth` shows, or a service of any size for
// load tests and benchmarks. The same seed and the same "today" always give
// the same registry.
package seed

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// DemoHouseholds is the size of the demo service.
const DemoHouseholds = 40

// ErrNotEmpty is returned when the registry already holds households: seeding
// only ever fills an empty registry, so it can never duplicate real records.
var ErrNotEmpty = errors.New("the registry already holds households; seed only fills an empty one")

// Options say what to generate.
type Options struct {
	// Households is how many households to generate.
	Households int
	// Seed picks the random stream; the same Seed and Today give the same data.
	Seed uint64
	// Today is the date the history leads up to.
	Today civil.Date
	// Demo adds the named carers, their portal accounts, review views and a
	// household member turning 18, for people exploring Hearth.
	Demo bool
	// DemoPasswordHash, with Demo, is given to every account so that people
	// exploring the demo can sign in as any role.
	DemoPasswordHash string
	// DemoMFASecret, with Demo, is the TOTP key of every staff account, so
	// that people exploring the demo can add it to an authenticator app.
	DemoMFASecret string
	// BatchSize is how many households go in one transaction.
	BatchSize int
	// Progress, if set, is told after each batch.
	Progress func(done, total int)
	// DeferDueItems leaves computing the due items to the caller, who must
	// call registry.RefreshAllDueItems: a large load does it after rebuilding
	// the indexes the computation reads through.
	DeferDueItems bool
}

// Counts reports how many rows of each kind were written.
type Counts struct {
	Users, Courses, Panels, PanelItems                  int
	Households, Carers, HouseholdMembers, ApprovalTerms int
	HealthAssessments, DBSChecks, TrainingRecords       int
	Visits, Placements, Reviews, Contributions          int
}

// Total is the number of rows written.
func (c Counts) Total() int {
	return c.Users + c.Courses + c.Panels + c.PanelItems + c.Households + c.Carers + c.HouseholdMembers +
		c.ApprovalTerms + c.HealthAssessments + c.DBSChecks + c.TrainingRecords + c.Visits + c.Placements +
		c.Reviews + c.Contributions
}

// Run generates and writes the registry described by opts.
func Run(ctx context.Context, client *ent.Client, opts Options) (Counts, error) {
	var counts Counts
	if opts.Households < 1 {
		return counts, fmt.Errorf("households must be at least 1, not %d", opts.Households)
	}
	if opts.Today.IsZero() {
		opts.Today = civil.Today(time.Now())
	}
	if opts.BatchSize < 1 {
		opts.BatchSize = 500
	}
	// Records are written in bulk; the due items are computed once at the end.
	ctx = registry.WithoutDueItems(ctx)
	if n, err := client.Household.Query().Count(ctx); err != nil {
		return counts, fmt.Errorf("count households: %w", err)
	} else if n > 0 {
		return counts, ErrNotEmpty
	}
	g := &generator{
		rng:   rand.New(rand.NewPCG(opts.Seed, 0x4845415254480000)), //nolint:gosec // made-up demo data, reproducible from its seed; nothing secret
		today: opts.Today, demo: opts.Demo, ssws: max(3, opts.Households/15),
		courses: catalogue,
	}
	if !opts.Demo {
		g.courses = append(append([]course{}, catalogue...), workshops...)
	}
	r, err := writeReferenceData(ctx, client, g, opts, &counts)
	if err != nil {
		return counts, err
	}
	for done := 0; done < opts.Households; {
		n := min(opts.BatchSize, opts.Households-done)
		plans := make([]householdPlan, n)
		for i := range plans {
			plans[i] = g.household(done + i)
		}
		if err := inTx(ctx, client, func(tx *ent.Tx) error { return writeBatch(ctx, tx, plans, r, &counts) }); err != nil {
			return counts, fmt.Errorf("households %d–%d: %w", done+1, done+n, err)
		}
		done += n
		if opts.Progress != nil {
			opts.Progress(done, opts.Households)
		}
	}
	if opts.DeferDueItems {
		return counts, nil
	}
	return counts, registry.InTx(ctx, client, func(tx *ent.Client) error { return registry.RefreshAllDueItems(ctx, tx) })
}

func inTx(ctx context.Context, client *ent.Client, f func(*ent.Tx) error) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := f(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// writeReferenceData writes the staff, the course catalogue and the panel
// calendar that households refer to.
func writeReferenceData(ctx context.Context, client *ent.Client, g *generator, opts Options, counts *Counts) (*refs, error) {
	r := &refs{accounts: map[string]int{}}
	err := inTx(ctx, client, func(tx *ent.Tx) error {
		staff, err := writeStaff(ctx, tx, g, opts, counts)
		if err != nil {
			return err
		}
		for _, u := range staff {
			switch u.Role {
			case user.RoleSsw:
				r.ssws = append(r.ssws, u)
			case user.RoleReviewingOfficer:
				r.officers = append(r.officers, u)
			case user.RoleAdm:
				r.adms = append(r.adms, u)
			case user.RoleCarer:
				r.accounts[u.Email] = u.ID
			}
		}
		if r.courses, err = writeCourses(ctx, tx, g.courses, counts); err != nil {
			return err
		}
		return writePanels(ctx, tx, g.today, staff, r, counts)
	})
	return r, err
}

func writeStaff(ctx context.Context, tx *ent.Tx, g *generator, opts Options, counts *Counts) ([]*ent.User, error) {
	n := opts.Households
	roles := []struct {
		role  user.Role
		count int
		title string
	}{
		{user.RoleAdmin, 1, "admin"}, {user.RoleManager, max(1, n/400), "manager"},
		{user.RoleSsw, g.ssws, "ssw"}, {user.RoleReviewingOfficer, max(2, n/150), "iro"},
		{user.RoleAdm, max(1, n/2500), "adm"}, {user.RolePanelMember, panelMembers(n), "panel"},
	}
	var ub []*ent.UserCreate
	for _, r := range roles {
		for k := 1; k <= r.count; k++ {
			name := g.pick(firstNames) + " " + g.pick(lastNames)
			ub = append(ub, tx.User.Create().SetRole(r.role).SetName(name).
				SetEmail(fmt.Sprintf("%s%d@hearth.example", r.title, k)))
		}
	}
	if opts.Demo {
		for i, nc := range namedCarers {
			ub = append(ub, tx.User.Create().SetRole(user.RoleCarer).SetName(nc[0]+" "+nc[1]).
				SetEmail(carerEmail(fmt.Sprintf("FH-%04d", i+1), 0)))
		}
	}
	if opts.Demo && opts.DemoPasswordHash != "" {
		for _, b := range ub {
			b.SetPasswordHash(opts.DemoPasswordHash)
			if role, _ := b.Mutation().Role(); opts.DemoMFASecret != "" && role != user.RoleCarer {
				b.SetMfaSecret(opts.DemoMFASecret).SetMfaEnabledAt(time.Now())
			}
		}
	}
	users, err := bulk(ctx, ub, func(ctx context.Context, b ...*ent.UserCreate) ([]*ent.User, error) {
		return tx.User.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	counts.Users += len(users)
	return users, nil
}

func writeCourses(ctx context.Context, tx *ent.Tx, courses []course, counts *Counts) ([]*ent.Course, error) {
	cb := make([]*ent.CourseCreate, len(courses))
	for i, c := range courses {
		cb[i] = tx.Course.Create().SetCode(c.code).SetTitle(c.title).SetMandatory(c.mandatory).
			SetValidityMonths(c.validityMonths).SetAppliesToCategories(c.categories).SetCountsTowardTsd(c.tsd)
	}
	saved, err := tx.Course.CreateBulk(cb...).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("courses: %w", err)
	}
	counts.Courses += len(saved)
	return saved, nil
}
