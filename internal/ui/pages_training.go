package ui

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// MatrixPageSize is how many carers the training matrix shows a page.
const MatrixPageSize = 50

// matrixRow is one carer across the mandatory courses.
type matrixRow struct {
	Carer *ent.Carer
	Cells []trainingCell
}

// HandleTrainingPage handles GET /training: the service's carers against
// its mandatory courses, each cell the latest completion and whether it
// has expired; filtered to one SSW's households (an SSW's own by default)
// and to carers with training overdue, a page at a time.
func (s *Handler) HandleTrainingPage(c fiber.Ctx) error {
	ctx, client, v := c.Context(), s.Store.Client, s.Viewer(c)
	courses, err := registry.MandatoryCourses(ctx, client)
	if err != nil {
		return err
	}
	mine := v.Role == user.RoleSsw && v.UserID != 0 && c.Query("households") != "all"
	overdue := c.Query("needs") == "overdue"
	carers, err := s.matrixCarers(c, v, mine, overdue, atoiOr(c.Query("cursor")), MatrixPageSize+1)
	if err != nil {
		return err
	}
	next := ""
	if len(carers) > MatrixPageSize {
		carers = carers[:MatrixPageSize]
		next = httpx.Itoa(carers[len(carers)-1].ID)
	}
	rows, err := s.matrixRows(c, carers, courses)
	if err != nil {
		return err
	}
	return s.Render(c, fiber.StatusOK, "training", fiber.Map{
		"Title": "Training", "Courses": courses, "Rows": rows, "Next": next, "Mine": mine, "IsSSW": v.Role == user.RoleSsw,
		"Overdue": overdue, "Households": c.Query("households"),
	})
}

// matrixCarers reads up to limit carers of households still approved
// (on hold and suspended included), after id after, in id order: only an
// SSW's own households when mine, only carers with training overdue when
// overdue.
func (s *Handler) matrixCarers(c fiber.Ctx, v registry.Viewer, mine, overdue bool, after, limit int) ([]*ent.Carer, error) {
	f := registry.MatrixFilter{Overdue: overdue, After: after, Limit: limit, On: httpx.Today()}
	if mine {
		f.SSW = v.UserID
	}
	return registry.MatrixCarers(c.Context(), s.Store.Client, v, f)
}

// matrixRows fills each carer's cells from their latest completion of each
// course.
func (s *Handler) matrixRows(c fiber.Ctx, carers []*ent.Carer, courses []*ent.Course) ([]matrixRow, error) {
	records, err := registry.MatrixRecords(c.Context(), s.Store.Client, carers, courses)
	if err != nil {
		return nil, err
	}
	latest := latestTraining(records)
	on := httpx.Today()
	rows := make([]matrixRow, len(carers))
	for i, cr := range carers {
		rows[i] = matrixRow{Carer: cr, Cells: make([]trainingCell, len(courses))}
		for j, k := range courses {
			if r := latest[carerCourse{cr.ID, k.ID}]; r != nil {
				rows[i].Cells[j] = trainingCellOf(r, on)
			}
		}
	}
	return rows, nil
}

// carerCourse is one carer's standing on one course.
type carerCourse struct{ carer, course int }

// latestTraining is each carer's latest completion of each course, from
// records ordered newest first.
func latestTraining(records []*ent.TrainingRecord) map[carerCourse]*ent.TrainingRecord {
	latest := map[carerCourse]*ent.TrainingRecord{}
	for _, r := range records {
		if _, seen := latest[carerCourse{r.CarerID, r.CourseID}]; !seen {
			latest[carerCourse{r.CarerID, r.CourseID}] = r
		}
	}
	return latest
}

// trainingCellOf is record r as a cell on the day on: current, or expired.
func trainingCellOf(r *ent.TrainingRecord, on civil.Date) trainingCell {
	if r.ExpiresOn != nil && r.ExpiresOn.Before(on) {
		return trainingCell{Record: r, Status: "expired"}
	}
	return trainingCell{Record: r, Status: "current"}
}
