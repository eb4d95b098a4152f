package ui

import (
	"slices"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// carerTraining is one course a carer has done, as their page shows it.
type carerTraining struct {
	Course, Status string
	Completed      civil.Date
	Expires        *civil.Date
}

// myCarer reads the carer record linked to the signed-in account, with its
// household, or nil when the account is linked to none.
func (s *Handler) myCarer(c fiber.Ctx) (*ent.Carer, error) {
	return registry.MyCarer(c.Context(), s.Store.Client, s.Viewer(c))
}

// carerHome is a carer's start page, "My training": what they must do and
// by when, with the reason each course is required; what falls due later;
// then the latest completion of each course they have done and whether it
// has expired. Only their own records are read.
func (s *Handler) carerHome(c fiber.Ctx) error {
	me, items, p, err := registry.CarerDates(c.Context(), s.Store.Client, s.Viewer(c))
	if err != nil || me == nil {
		return s.renderUnlinked(c, "My training", err)
	}
	on := httpx.Today()
	var due, later []httpx.DueItemJSON
	for _, it := range items {
		if !slices.Contains([]compliance.Kind{compliance.Training, compliance.TSDStandards}, it.Kind) {
			continue
		}
		if it.Standing != compliance.Open {
			continue // done already: the course is in the list below
		}
		j := httpx.AssessedItemJSON(me.Edges.Household, it, on, p)
		if j.Status == string(compliance.OK) {
			later = append(later, j)
		} else {
			due = append(due, j)
		}
	}
	records, err := registry.MyTrainingRecords(c.Context(), s.Store.Client, s.Viewer(c), me)
	if err != nil {
		return err
	}
	// The latest completion of each course stands; earlier ones are history.
	done := make([]carerTraining, 0, len(records))
	seen := map[int]bool{}
	for _, r := range records {
		if seen[r.CourseID] {
			continue
		}
		seen[r.CourseID] = true
		t := carerTraining{Completed: r.CompletedOn, Expires: r.ExpiresOn, Status: trainingCellOf(r, on).Status}
		if r.Edges.Course != nil {
			t.Course = r.Edges.Course.Title
		}
		done = append(done, t)
	}
	if err := registry.Audit(c.Context(), s.Store.Client, s.Actor(c), auditevent.ActionView, "carer_training", me.ID, nil); err != nil {
		return err
	}
	return s.Render(c, fiber.StatusOK, "carer_training", fiber.Map{
		"Title": "My training", "Carer": me, "On": on, "Due": due, "Upcoming": later, "Done": done,
	})
}

// HandleMyHousehold handles GET /my/household: the carer's household, its
// next review and supervisory visit, and the carer's own health
// assessment and DBS check dates (never the co-carer's or a household
// member's; nor unannounced visits: telling the household when one is due
// would defeat it). Training has its own page.
func (s *Handler) HandleMyHousehold(c fiber.Ctx) error {
	me, items, p, err := registry.CarerDates(c.Context(), s.Store.Client, s.Viewer(c))
	if err != nil || me == nil {
		return s.renderUnlinked(c, "My household", err)
	}
	h := me.Edges.Household
	shown := []compliance.Kind{compliance.FirstReview, compliance.AnnualReview, compliance.PostAllegationReview,
		compliance.HealthAssessment, compliance.DBSCheck, compliance.SupervisoryVisit}
	on := httpx.Today()
	var dates []httpx.DueItemJSON
	for _, it := range items {
		if it.Standing == compliance.Open && slices.Contains(shown, it.Kind) {
			dates = append(dates, httpx.AssessedItemJSON(h, it, on, p))
		}
	}
	carers, err := registry.MyHouseholdCarers(c.Context(), s.Store.Client, s.Viewer(c), me)
	if err != nil {
		return err
	}
	if err := registry.Audit(c.Context(), s.Store.Client, s.Actor(c), auditevent.ActionView, "household", h.ID, nil); err != nil {
		return err
	}
	return s.Render(c, fiber.StatusOK, "carer_household", fiber.Map{
		"Title": "My household", "Household": h, "Status": httpx.StatusLabel(h.Status), "Carers": carers, "Dates": dates,
	})
}

// renderUnlinked explains to a carer whose account is linked to no carer
// record what to do, or passes on err.
func (s *Handler) renderUnlinked(c fiber.Ctx, title string, err error) error {
	if err != nil {
		return err
	}
	return s.Render(c, fiber.StatusOK, "carer_unlinked", fiber.Map{"Title": title})
}
