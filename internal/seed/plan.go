package seed

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// The plan types are a household as the generator imagines it, before any
// row exists; the writer turns a batch of plans into rows.
type householdPlan struct {
	reference, address, town, postcode, phone, email string
	status                                           household.Status
	approvedOn, resignationOn, endedOn               civil.Date
	ssw                                              int // index into the SSW users
	categories                                       []string
	carers                                           []carerPlan
	members                                          []memberPlan
	terms                                            []termsPlan
	visits                                           []visitPlan
	placements                                       []placementPlan
	reviews                                          []reviewPlan
}

type carerPlan struct {
	first, last, email, phone string
	dob, tsd                  civil.Date
	connected                 bool
	health                    []healthPlan
	dbs                       []dbsPlan
	training                  []trainingPlan
	account                   bool // gets a carer-portal user
}

type memberPlan struct {
	first, last  string
	relationship householdmember.Relationship
	dob          civil.Date
	dbs          []dbsPlan
}

type termsPlan struct {
	categories         []string
	children, from, to int
	effectiveFrom      civil.Date
	effectiveTo        civil.Date
	review             int // index into reviews, or -1 for the initial approval
	decision           string
}

type healthPlan struct {
	kind       healthassessment.Kind
	assessedOn civil.Date
	outcome    healthassessment.Outcome
}

type dbsPlan struct {
	number        string
	issuedOn      civil.Date
	updateService bool
}

type trainingPlan struct {
	course      int // index into the catalogue
	completedOn civil.Date
	hours       float64
}

type visitPlan struct {
	kind         visit.Kind
	on           civil.Date
	childrenSeen bool
}

type placementPlan struct {
	reference, authority, category string
	started, ended                 civil.Date
}

type reviewPlan struct {
	kind          review.Kind
	status        review.Status
	due, meeting  civil.Date
	decided       civil.Date
	panelRequired bool
	panelOn       civil.Date // the panel meeting it went (or goes) to
	papersSent    civil.Date
	outcome       review.Outcome
	notice        civil.Date
	changeAgreed  bool
	contributions []contributionPlan
}

type contributionPlan struct {
	source contribution.Source
	author string
	on     civil.Date
	text   string
}

// generator makes household plans from one random stream, so the same seed
// and the same "today" always give the same registry.
type generator struct {
	rng     *rand.Rand
	today   civil.Date
	demo    bool
	ssws    int
	courses []course
	// awaitingPanel counts reviews put on an upcoming panel so far.
	awaitingPanel int
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }
func (g *generator) chance(p float64) bool     { return g.rng.Float64() < p }
func (g *generator) between(lo, hi int) int    { return lo + g.rng.IntN(hi-lo+1) }

// statusFor spreads households over the statuses roughly as a real service
// has them: most approved, a few in assessment, a tail of ended approvals.
func (g *generator) statusFor(i int) household.Status {
	r := g.rng.IntN(100)
	if g.demo && i < 8 {
		// The first demo households cover every status, so each is on show.
		return []household.Status{household.StatusApproved, household.StatusApproved, household.StatusAssessment,
			household.StatusOnHold, household.StatusSuspended, household.StatusResigned,
			household.StatusTerminated, household.StatusRefused}[i]
	}
	switch {
	case r < 82:
		return household.StatusApproved
	case r < 88:
		return household.StatusAssessment
	case r < 90:
		return household.StatusOnHold
	case r < 91:
		return household.StatusSuspended
	case r < 96:
		return household.StatusResigned
	case r < 97:
		return household.StatusTerminated
	case r < 98:
		return household.StatusRefused
	}
	return household.StatusWithdrawn
}

// household imagines the i-th household (0-based).
func (g *generator) household(i int) householdPlan {
	t := towns[g.rng.IntN(len(towns))]
	h := householdPlan{
		reference: fmt.Sprintf("FH-%04d", i+1),
		address:   fmt.Sprintf("%d %s", g.between(1, 180), g.pick(streets)),
		town:      t.town,
		postcode:  fmt.Sprintf("%s %d%c%c", t.postcode, g.between(1, 9), 'A'+rune(g.rng.IntN(26)), 'A'+rune(g.rng.IntN(26))), //nolint:gosec // IntN(26) is 0 to 25
		phone:     fmt.Sprintf("01803 %06d", g.rng.IntN(1_000_000)),
		status:    g.statusFor(i),
		ssw:       g.rng.IntN(g.ssws),
	}
	h.categories = g.categories()
	g.dates(&h)
	g.addCarers(&h, i)
	g.addMembers(&h)
	if !h.approvedOn.IsZero() {
		g.addReviews(&h)
		g.addTerms(&h)
		g.addPlacements(&h)
	}
	g.addVisits(&h)
	return h
}

func (g *generator) categories() []string {
	if g.chance(0.1) {
		return []string{"connected_person"}
	}
	all := []string{"short_term", "long_term", "emergency", "short_breaks", "parent_and_child", "remand", "staying_put"}
	cats := []string{g.pick(all[:3])}
	for _, c := range all {
		if c != cats[0] && g.chance(0.2) {
			cats = append(cats, c)
		}
	}
	return cats
}

// dates sets approval and ending dates to fit the household's status.
func (g *generator) dates(h *householdPlan) {
	switch h.status {
	case household.StatusAssessment:
		return
	case household.StatusRefused, household.StatusWithdrawn:
		h.endedOn = g.today.AddDays(-g.between(30, 1500))
		return
	}
	h.approvedOn = g.today.AddDays(-g.between(60, 14*365))
	switch h.status {
	case household.StatusResigned:
		h.approvedOn = g.today.AddDays(-g.between(400, 12*365))
		h.resignationOn = g.between2(h.approvedOn.AddDays(200), g.today.AddDays(-30))
		h.endedOn = h.resignationOn.AddDays(28)
	case household.StatusTerminated:
		// Provisional: terminate() moves it to 28 days after the notice.
		h.approvedOn = g.today.AddDays(-g.between(400, 12*365))
		h.endedOn = g.between2(h.approvedOn.AddDays(380), g.today)
	}
}

// between2 returns a random date in [from, to], or from when to is earlier.
func (g *generator) between2(from, to civil.Date) civil.Date {
	span := from.DaysUntil(to)
	if span <= 0 {
		return from
	}
	return from.AddDays(g.rng.IntN(span + 1))
}

// activeUntil is the last day the household was approved: today, or when
// approval ended.
func (h *householdPlan) activeUntil(today civil.Date) civil.Date {
	if !h.endedOn.IsZero() && h.endedOn.Before(today) {
		return h.endedOn
	}
	return today
}

func (g *generator) addCarers(h *householdPlan, i int) {
	n := 1
	if g.chance(0.7) {
		n = 2
	}
	last := g.pick(lastNames)
	connected := len(h.categories) == 1 && h.categories[0] == "connected_person"
	for k := 0; k < n; k++ {
		c := carerPlan{first: g.pick(firstNames), last: last, connected: connected}
		if g.demo && i < len(namedCarers) && k == 0 {
			c.first, c.last = namedCarers[i][0], namedCarers[i][1]
			c.account = true
		}
		if k == 1 && g.chance(0.3) {
			c.last = g.pick(lastNames)
		}
		c.dob = g.today.AddDays(-g.between(26*365, 68*365))
		c.email = carerEmail(h.reference, k)
		c.phone = fmt.Sprintf("07%03d %06d", g.rng.IntN(1000), g.rng.IntN(1_000_000))
		g.addChecks(h, &c)
		g.addTraining(h, &c)
		h.carers = append(h.carers, c)
	}
	if len(h.carers) > 0 && h.carers[0].email != "" {
		h.email = h.carers[0].email
	}
}

// checksFrom is when a person's checks start: a few months before approval,
// or recently for a household still in assessment.
func (g *generator) checksFrom(h *householdPlan) civil.Date {
	if h.approvedOn.IsZero() {
		end := h.activeUntil(g.today)
		return end.AddDays(-g.between(20, 200))
	}
	return h.approvedOn.AddDays(-g.between(60, 150))
}

// renewals returns dates from start every `months` months (give or take a
// few weeks) up to the household's last active day. A minority of chains
// stop early: renewals the service let slip, which the compliance view must
// then show as overdue.
func (g *generator) renewals(h *householdPlan, start civil.Date, months int) []civil.Date {
	until := h.activeUntil(g.today)
	var out []civil.Date
	for d := start; !d.After(until); {
		out = append(out, d)
		if months == 0 || g.chance(0.08) {
			break
		}
		d = d.AddMonths(months).AddDays(-g.between(0, 50))
	}
	return out
}

func (g *generator) addChecks(h *householdPlan, c *carerPlan) {
	start := g.checksFrom(h)
	for k, d := range g.renewals(h, start, 36) {
		kind, outcome := healthassessment.KindRenewal, healthassessment.OutcomeFit
		if k == 0 {
			kind = healthassessment.KindInitial
		}
		if g.chance(0.1) {
			outcome = healthassessment.OutcomeFitWithConditions
		}
		c.health = append(c.health, healthPlan{kind: kind, assessedOn: d, outcome: outcome})
	}
	c.dbs = g.dbsChain(h, start)
	if !h.approvedOn.IsZero() && g.chance(0.9) {
		months := 12
		if c.connected {
			months = 18
		}
		tsd := h.approvedOn.AddDays(g.between(60, months*30))
		if !tsd.After(g.today) {
			c.tsd = tsd
		}
	}
}

func (g *generator) dbsChain(h *householdPlan, start civil.Date) []dbsPlan {
	var out []dbsPlan
	for _, d := range g.renewals(h, start, 36) {
		out = append(out, dbsPlan{
			number: fmt.Sprintf("%012d", g.rng.Int64N(1_000_000_000_000)), issuedOn: d, updateService: g.chance(0.4),
		})
	}
	return out
}

func (g *generator) addTraining(h *householdPlan, c *carerPlan) {
	anchor := h.approvedOn
	if anchor.IsZero() {
		anchor = h.activeUntil(g.today).AddDays(-g.between(10, 150))
	}
	for idx, course := range g.courses {
		if !course.appliesTo(h.categories) || (!course.mandatory && !g.chance(0.6)) {
			continue
		}
		start := anchor.AddDays(g.between(20, 330))
		if course.preApproval {
			start = anchor.AddDays(-g.between(40, 120))
		}
		if h.approvedOn.IsZero() && !course.preApproval {
			continue
		}
		for _, d := range g.renewals(h, start, course.validityMonths) {
			c.training = append(c.training, trainingPlan{course: idx, completedOn: d, hours: course.hours})
		}
	}
}

func (g *generator) addMembers(h *householdPlan) {
	if !g.chance(0.5) && !(g.demo && h.reference == "FH-0001") {
		return
	}
	for k, n := 0, g.between(1, 3); k < n; k++ {
		m := memberPlan{first: g.pick(firstNames), last: h.carers[0].last, relationship: householdmember.RelationshipBirthChild}
		age := g.between(2, 26)
		switch {
		case age >= 18 && g.chance(0.2):
			m.relationship, m.last = householdmember.RelationshipLodger, g.pick(lastNames)
		case age >= 18:
			m.relationship = householdmember.RelationshipAdultChild
		}
		m.dob = g.today.AddDays(-age*365 - g.between(0, 364))
		if g.demo && h.reference == "FH-0001" && k == 0 {
			// The demo's birth child turning 18 within weeks: a DBS check
			// falls due on the birthday.
			m.relationship, m.dob = householdmember.RelationshipBirthChild, g.today.AddDays(24).AddYears(-18)
		}
		if eighteen := m.dob.AddYears(18); !eighteen.After(g.today) {
			start := eighteen
			if from := g.checksFrom(h); from.After(start) {
				start = from
			}
			m.dbs = g.dbsChain(h, start)
		}
		h.members = append(h.members, m)
	}
}

// carerEmail is the demo address of the k-th carer of a household.
func carerEmail(reference string, k int) string {
	return fmt.Sprintf("carer%d.%s@example.net", k+1, strings.ToLower(reference))
}
