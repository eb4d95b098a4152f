package registry_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// writer makes random writes with one transaction's client.
type writer struct {
	ctx  context.Context
	tx   *ent.Client
	rng  *rand.Rand
	next int // numbers references, codes and certificates uniquely
}

func (w *writer) chance(p float64) bool { return w.rng.Float64() < p }

// date is a day in 2019–2025, where approvals, checks and reviews overlap.
func (w *writer) date() civil.Date { return civil.MustParse("2019-01-01").AddDays(w.rng.IntN(7 * 365)) }

// maybeDate is a date, or nil (not recorded) with chance none.
func (w *writer) maybeDate(none float64) *civil.Date {
	if w.chance(none) {
		return nil
	}
	d := w.date()
	return &d
}

// pick is one of ids chosen at random, or 0 when there are none.
func (w *writer) pick(ids []int, err error) (int, error) {
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	slices.Sort(ids) // the databases return rows in no fixed order
	return ids[w.rng.IntN(len(ids))], nil
}

// orCreate makes a write that found nothing to change a create instead.
func (w *writer) orCreate(err error, create func(*writer) (string, error)) (string, error) {
	if err != nil {
		return "", err
	}
	return create(w)
}

func oneOf[T any](w *writer, xs ...T) T { return xs[w.rng.IntN(len(xs))] }

func show(d *civil.Date) string {
	if d == nil {
		return "none"
	}
	return d.String()
}

var (
	householdStatuses = []household.Status{household.StatusApproved, household.StatusApproved, household.StatusOnHold,
		household.StatusSuspended, household.StatusAssessment, household.StatusResigned, household.StatusTerminated,
		household.StatusRefused, household.StatusWithdrawn}
	categories = []string{"emergency", "short_term", "long_term", "parent_and_child", "connected_person"}
	firstNames = []string{"Ann", "Bilal", "Cerys", "Dev", "Esther", "Femi"}
)

// writes are the writes a sequence draws from, by weight.
var writes = []struct {
	name   string
	weight int
	do     func(*writer) (string, error)
}{
	{"create household", 3, createHousehold},
	{"household status", 5, setHouseholdStatus},
	{"household approved_on", 4, setApprovedOn},
	{"household ssw", 3, assignSSW},
	{"reassign caseload (bulk)", 1, reassignCaseload},
	{"household resignation", 3, setResignation},
	{"household ended_on", 2, setEndedOn},
	{"household reference", 1, renameHousehold},
	{"archive household", 1, archiveHousehold},
	{"create carer", 4, createCarer},
	{"move carer", 3, moveCarer},
	{"carer connected_person", 2, toggleConnectedPerson},
	{"carer tsd_completed_on", 3, setTSD},
	{"carer name", 1, renameCarer},
	{"archive carer", 1, archiveCarer},
	{"create member", 3, createMember},
	{"member date_of_birth", 2, setMemberBirth},
	{"member moved_out_on", 2, setMovedOut},
	{"archive member", 1, archiveMember},
	{"create DBS check", 4, createDBS},
	{"DBS check issued_on", 1, redateDBS},
	{"DBS check holder", 2, moveDBS},
	{"archive DBS check", 1, archiveDBS},
	{"create health assessment", 3, createHealth},
	{"health outcome", 2, setHealthOutcome},
	{"create training record", 4, createTraining},
	{"create training records (bulk)", 1, createTrainingBulk},
	{"archive training record", 2, archiveTraining},
	{"create visit", 4, createVisit},
	{"archive visits (bulk)", 1, archiveVisits},
	{"create review", 4, createReview},
	{"review status", 3, setReviewStatus},
	{"review meeting_on", 3, setMeetingOn},
	{"decide review", 2, decideReview},
	{"review notice_sent_on", 3, setNoticeSent},
	{"review allegation_concluded_on", 2, setAllegationConcluded},
	{"archive review", 1, archiveReview},
	{"create panel", 1, createPanel},
	{"panel meets_on", 3, movePanel},
	{"create panel item", 3, createPanelItem},
	{"panel item papers_sent_on", 3, setPapersSent},
	{"panel item recommended_on", 3, setRecommended},
	{"archive panel item", 1, archivePanelItem},
	{"create approval terms", 2, createTerms},
	{"approval terms effective_to", 2, closeTerms},
	{"create course", 1, createCourse},
	{"change course", 2, changeCourse},
	{"archive course", 1, archiveCourse},
	{"service policy", 4, setServicePolicy},
}

func createUser(w *writer) (string, error) {
	w.next++
	u, err := w.tx.User.Create().SetEmail(fmt.Sprintf("ssw%d@example.org", w.next)).SetName("Social Worker").
		SetRole(user.RoleSsw).Save(w.ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("user %d", u.ID), nil
}

func createHousehold(w *writer) (string, error) {
	w.next++
	ref, status := fmt.Sprintf("FH-%04d", w.next), household.StatusApproved
	if w.chance(0.3) {
		status = oneOf(w, householdStatuses...)
	}
	c := w.tx.Household.Create().SetReference(ref).SetAddressLine1("1 Fore Street").SetTown("Totnes").
		SetPostcode("TQ9 5RP").SetStatus(status).SetNillableApprovedOn(w.maybeDate(0.1))
	ssw, err := w.pick(w.tx.User.Query().IDs(w.ctx))
	if err != nil {
		return "", err
	}
	if ssw != 0 && w.chance(0.8) {
		c.SetSswID(ssw)
	}
	h, err := c.Save(w.ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("household %d %s, %s", h.ID, ref, status), nil
}

// household is a live household, one matching prefer if there is one,
// created when there is none.
func (w *writer) household(prefer ...predicate.Household) (int, error) {
	ids, err := w.tx.Household.Query().Where(prefer...).IDs(w.ctx)
	if err == nil && len(ids) == 0 {
		ids, err = w.tx.Household.Query().IDs(w.ctx)
	}
	id, err := w.pick(ids, err)
	if id != 0 || err != nil {
		return id, err
	}
	if _, err := createHousehold(w); err != nil {
		return 0, err
	}
	return w.household()
}

// updateHousehold picks a live household, one matching prefer if there is
// one, and applies set to it.
func updateHousehold(w *writer, prefer []predicate.Household, set func(*ent.HouseholdUpdateOne) string) (string, error) {
	id, err := w.household(prefer...)
	if err != nil {
		return "", err
	}
	u := w.tx.Household.UpdateOneID(id)
	what := set(u)
	return fmt.Sprintf("household %d: %s", id, what), u.Exec(w.ctx)
}

func setHouseholdStatus(w *writer) (string, error) {
	return updateHousehold(w, nil, func(u *ent.HouseholdUpdateOne) string {
		s := oneOf(w, householdStatuses...)
		u.SetStatus(s)
		return "status " + string(s)
	})
}

func setApprovedOn(w *writer) (string, error) {
	return updateHousehold(w, nil, func(u *ent.HouseholdUpdateOne) string {
		d := w.maybeDate(0.2)
		if u.SetNillableApprovedOn(d); d == nil {
			u.ClearApprovedOn()
		}
		return "approved_on " + show(d)
	})
}

func setResignation(w *writer) (string, error) {
	return updateHousehold(w, nil, func(u *ent.HouseholdUpdateOne) string {
		d := w.maybeDate(0.4)
		if u.SetNillableResignationReceivedOn(d); d == nil {
			u.ClearResignationReceivedOn()
		}
		return "resignation_received_on " + show(d)
	})
}

func setEndedOn(w *writer) (string, error) {
	ended := []predicate.Household{household.StatusIn(household.StatusResigned, household.StatusTerminated,
		household.StatusRefused, household.StatusWithdrawn)}
	return updateHousehold(w, ended, func(u *ent.HouseholdUpdateOne) string {
		d := w.maybeDate(0.4)
		if u.SetNillableEndedOn(d); d == nil {
			u.ClearEndedOn()
		}
		return "ended_on " + show(d)
	})
}

func renameHousehold(w *writer) (string, error) {
	w.next++
	ref := fmt.Sprintf("FH-%04d", w.next)
	return updateHousehold(w, nil, func(u *ent.HouseholdUpdateOne) string {
		u.SetReference(ref)
		return "reference " + ref
	})
}

func assignSSW(w *writer) (string, error) {
	ssw, err := w.pick(w.tx.User.Query().IDs(w.ctx))
	if err != nil {
		return "", err
	}
	return updateHousehold(w, nil, func(u *ent.HouseholdUpdateOne) string {
		if ssw == 0 || w.chance(0.2) {
			u.ClearSswID()
			return "no ssw"
		}
		u.SetSswID(ssw)
		return fmt.Sprintf("ssw %d", ssw)
	})
}

// reassignCaseload moves every household of one SSW to another in one
// bulk update, as when a social worker leaves.
func reassignCaseload(w *writer) (string, error) {
	from, err := w.pick(w.tx.User.Query().IDs(w.ctx))
	if err != nil {
		return "", err
	}
	to, err := w.pick(w.tx.User.Query().IDs(w.ctx))
	if err != nil {
		return "", err
	}
	n, err := w.tx.Household.Update().Where(household.SswID(from)).SetSswID(to).Save(w.ctx)
	return fmt.Sprintf("%d households from ssw %d to ssw %d", n, from, to), err
}

func archiveHousehold(w *writer) (string, error) {
	id, err := w.household()
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("household %d", id), w.tx.Household.DeleteOneID(id).Exec(w.ctx)
}

func createCarer(w *writer) (string, error) {
	h, err := w.household()
	if err != nil {
		return "", err
	}
	c, err := w.tx.Carer.Create().SetHouseholdID(h).SetFirstName(oneOf(w, firstNames...)).SetLastName("Carer").
		SetNillableDateOfBirth(w.maybeDate(0.3)).SetConnectedPerson(w.chance(0.2)).
		SetNillableTsdCompletedOn(w.maybeDate(0.7)).Save(w.ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("carer %d in household %d", c.ID, h), nil
}

// carer is a live carer (perhaps of an archived household), created when
// there is none.
func (w *writer) carer() (*ent.Carer, error) {
	id, err := w.pick(w.tx.Carer.Query().IDs(w.ctx))
	if err != nil {
		return nil, err
	}
	if id == 0 {
		if _, err := createCarer(w); err != nil {
			return nil, err
		}
		return w.carer()
	}
	return w.tx.Carer.Get(w.ctx, id)
}

// updateCarer picks a carer and applies set to it.
func updateCarer(w *writer, set func(*ent.CarerUpdateOne, *ent.Carer) string) (string, error) {
	c, err := w.carer()
	if err != nil {
		return "", err
	}
	u := w.tx.Carer.UpdateOneID(c.ID)
	what := set(u, c)
	return fmt.Sprintf("carer %d: %s", c.ID, what), u.Exec(w.ctx)
}

func moveCarer(w *writer) (string, error) {
	to, err := w.household()
	if err != nil {
		return "", err
	}
	return updateCarer(w, func(u *ent.CarerUpdateOne, c *ent.Carer) string {
		u.SetHouseholdID(to)
		return fmt.Sprintf("household %d → %d", c.HouseholdID, to)
	})
}

func toggleConnectedPerson(w *writer) (string, error) {
	return updateCarer(w, func(u *ent.CarerUpdateOne, c *ent.Carer) string {
		u.SetConnectedPerson(!c.ConnectedPerson)
		return fmt.Sprintf("connected_person %t", !c.ConnectedPerson)
	})
}

func setTSD(w *writer) (string, error) {
	return updateCarer(w, func(u *ent.CarerUpdateOne, _ *ent.Carer) string {
		d := w.maybeDate(0.4)
		if u.SetNillableTsdCompletedOn(d); d == nil {
			u.ClearTsdCompletedOn()
		}
		return "tsd_completed_on " + show(d)
	})
}

func renameCarer(w *writer) (string, error) {
	return updateCarer(w, func(u *ent.CarerUpdateOne, _ *ent.Carer) string {
		name := oneOf(w, firstNames...)
		u.SetFirstName(name)
		return "first_name " + name
	})
}

func archiveCarer(w *writer) (string, error) {
	c, err := w.carer()
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("carer %d", c.ID), w.tx.Carer.DeleteOneID(c.ID).Exec(w.ctx)
}

// birthday is a date of birth that makes someone 18 within the years the
// sequence covers, or nil.
func (w *writer) birthday() *civil.Date {
	if w.chance(0.2) {
		return nil
	}
	d := civil.MustParse("1995-01-01").AddDays(w.rng.IntN(15 * 365))
	return &d
}

func createMember(w *writer) (string, error) {
	h, err := w.household()
	if err != nil {
		return "", err
	}
	rel := oneOf(w, householdmember.RelationshipBirthChild, householdmember.RelationshipAdultChild,
		householdmember.RelationshipRelative, householdmember.RelationshipLodger)
	m, err := w.tx.HouseholdMember.Create().SetHouseholdID(h).SetFirstName(oneOf(w, firstNames...)).
		SetLastName("Member").SetRelationship(rel).SetNillableDateOfBirth(w.birthday()).
		SetNillableMovedInOn(w.maybeDate(0.6)).SetNillableMovedOutOn(w.maybeDate(0.8)).Save(w.ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("member %d (%s) in household %d", m.ID, rel, h), nil
}

// updateMember picks a member, created when there is none, and applies set.
func updateMember(w *writer, set func(*ent.HouseholdMemberUpdateOne) string) (string, error) {
	id, err := w.pick(w.tx.HouseholdMember.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createMember)
	}
	u := w.tx.HouseholdMember.UpdateOneID(id)
	what := set(u)
	return fmt.Sprintf("member %d: %s", id, what), u.Exec(w.ctx)
}

func setMemberBirth(w *writer) (string, error) {
	return updateMember(w, func(u *ent.HouseholdMemberUpdateOne) string {
		d := w.birthday()
		if u.SetNillableDateOfBirth(d); d == nil {
			u.ClearDateOfBirth()
		}
		return "date_of_birth " + show(d)
	})
}

func setMovedOut(w *writer) (string, error) {
	return updateMember(w, func(u *ent.HouseholdMemberUpdateOne) string {
		d := w.maybeDate(0.4)
		if u.SetNillableMovedOutOn(d); d == nil {
			u.ClearMovedOutOn()
		}
		return "moved_out_on " + show(d)
	})
}

func archiveMember(w *writer) (string, error) {
	id, err := w.pick(w.tx.HouseholdMember.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createMember)
	}
	return fmt.Sprintf("member %d", id), w.tx.HouseholdMember.DeleteOneID(id).Exec(w.ctx)
}

func createDBS(w *writer) (string, error) {
	w.next++
	c := w.tx.DBSCheck.Create().SetCertificateNumber(fmt.Sprintf("%012d", w.next)).SetIssuedOn(w.date()).
		SetOutcome(oneOf(w, dbscheck.OutcomeClear, dbscheck.OutcomeClear, dbscheck.OutcomeInformationDisclosed, dbscheck.OutcomePending))
	member, err := w.pick(w.tx.HouseholdMember.Query().IDs(w.ctx))
	if err != nil {
		return "", err
	}
	if member != 0 && w.chance(0.4) {
		c.SetHouseholdMemberID(member)
	} else {
		carer, err := w.carer()
		if err != nil {
			return "", err
		}
		c.SetCarerID(carer.ID)
	}
	d, err := c.Save(w.ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("DBS check %d issued %s for carer %v member %v", d.ID, d.IssuedOn, showID(d.CarerID), showID(d.HouseholdMemberID)), nil
}

func showID(id *int) string {
	if id == nil {
		return "none"
	}
	return fmt.Sprint(*id)
}

func redateDBS(w *writer) (string, error) {
	id, err := w.pick(w.tx.DBSCheck.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createDBS)
	}
	d := w.date()
	return fmt.Sprintf("DBS check %d issued_on %s", id, d), w.tx.DBSCheck.UpdateOneID(id).SetIssuedOn(d).Exec(w.ctx)
}

// moveDBS gives a check to another carer or member, perhaps in another
// household, as when one was recorded against the wrong person.
func moveDBS(w *writer) (string, error) {
	id, err := w.pick(w.tx.DBSCheck.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createDBS)
	}
	member, err := w.pick(w.tx.HouseholdMember.Query().IDs(w.ctx))
	if err != nil {
		return "", err
	}
	u := w.tx.DBSCheck.UpdateOneID(id)
	if member != 0 && w.chance(0.4) {
		u.ClearCarerID().SetHouseholdMemberID(member)
		return fmt.Sprintf("DBS check %d to member %d", id, member), u.Exec(w.ctx)
	}
	c, err := w.carer()
	if err != nil {
		return "", err
	}
	u.ClearHouseholdMemberID().SetCarerID(c.ID)
	return fmt.Sprintf("DBS check %d to carer %d", id, c.ID), u.Exec(w.ctx)
}

func archiveDBS(w *writer) (string, error) {
	id, err := w.pick(w.tx.DBSCheck.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createDBS)
	}
	return fmt.Sprintf("DBS check %d", id), w.tx.DBSCheck.DeleteOneID(id).Exec(w.ctx)
}

var healthOutcomes = []healthassessment.Outcome{healthassessment.OutcomeFit, healthassessment.OutcomeFitWithConditions,
	healthassessment.OutcomeNotFit, healthassessment.OutcomePending}

func createHealth(w *writer) (string, error) {
	c, err := w.carer()
	if err != nil {
		return "", err
	}
	a, err := w.tx.HealthAssessment.Create().SetCarerID(c.ID).SetKind(healthassessment.KindRenewal).
		SetAssessedOn(w.date()).SetOutcome(oneOf(w, healthOutcomes...)).Save(w.ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("health assessment %d for carer %d on %s, %s", a.ID, c.ID, a.AssessedOn, a.Outcome), nil
}

func setHealthOutcome(w *writer) (string, error) {
	id, err := w.pick(w.tx.HealthAssessment.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createHealth)
	}
	o := oneOf(w, healthOutcomes...)
	return fmt.Sprintf("health assessment %d: %s", id, o), w.tx.HealthAssessment.UpdateOneID(id).SetOutcome(o).Exec(w.ctx)
}

// trainingFor picks a carer and a course for a training record, creating a
// course when the catalogue is empty.
func (w *writer) trainingFor() (carer, course int, err error) {
	c, err := w.carer()
	if err != nil {
		return 0, 0, err
	}
	if course, err = w.pick(w.tx.Course.Query().IDs(w.ctx)); course == 0 && err == nil {
		if _, err = createCourse(w); err == nil {
			course, err = w.pick(w.tx.Course.Query().IDs(w.ctx))
		}
	}
	return c.ID, course, err
}

// freeDay is the first day from d on which the carer has no record of the
// course, archived or not: the unique index covers both.
func (w *writer) freeDay(carer, course int, d civil.Date) (civil.Date, error) {
	for {
		taken, err := w.tx.TrainingRecord.Query().Where(trainingrecord.CarerID(carer), trainingrecord.CourseID(course),
			trainingrecord.CompletedOn(d)).Exist(schema.IncludeArchived(w.ctx))
		if err != nil || !taken {
			return d, err
		}
		d = d.AddDays(1)
	}
}

func createTraining(w *writer) (string, error) {
	carer, course, err := w.trainingFor()
	if err != nil {
		return "", err
	}
	d, err := w.freeDay(carer, course, w.date())
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("carer %d completed course %d on %s", carer, course, d),
		w.tx.TrainingRecord.Create().SetCarerID(carer).SetCourseID(course).SetCompletedOn(d).Exec(w.ctx)
}

// createTrainingBulk records two completions of a course in one CreateBulk.
func createTrainingBulk(w *writer) (string, error) {
	carer, course, err := w.trainingFor()
	if err != nil {
		return "", err
	}
	first, err := w.freeDay(carer, course, w.date())
	if err != nil {
		return "", err
	}
	second, err := w.freeDay(carer, course, first.AddDays(1+w.rng.IntN(700)))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("carer %d completed course %d on %s and %s", carer, course, first, second),
		w.tx.TrainingRecord.CreateBulk(
			w.tx.TrainingRecord.Create().SetCarerID(carer).SetCourseID(course).SetCompletedOn(first),
			w.tx.TrainingRecord.Create().SetCarerID(carer).SetCourseID(course).SetCompletedOn(second),
		).Exec(w.ctx)
}

func archiveTraining(w *writer) (string, error) {
	id, err := w.pick(w.tx.TrainingRecord.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createTraining)
	}
	return fmt.Sprintf("training record %d", id), w.tx.TrainingRecord.DeleteOneID(id).Exec(w.ctx)
}

var visitKinds = []visit.Kind{visit.KindSupervisory, visit.KindUnannounced, visit.KindTelephone}

func createVisit(w *writer) (string, error) {
	h, err := w.household()
	if err != nil {
		return "", err
	}
	k, d := oneOf(w, visitKinds...), w.date()
	return fmt.Sprintf("%s visit to household %d on %s", k, h, d),
		w.tx.Visit.Create().SetHouseholdID(h).SetKind(k).SetVisitedOn(d).Exec(w.ctx)
}

// archiveVisits archives all of one household's visits of a kind in one
// bulk delete.
func archiveVisits(w *writer) (string, error) {
	h, err := w.household()
	if err != nil {
		return "", err
	}
	k := oneOf(w, visitKinds...)
	n, err := w.tx.Visit.Delete().Where(visit.HouseholdID(h), visit.KindEQ(k)).Exec(w.ctx)
	return fmt.Sprintf("%d %s visits of household %d", n, k, h), err
}
