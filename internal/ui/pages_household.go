package ui

import (
	"slices"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// trainingCell is one carer's standing on one course in the matrix.
type trainingCell struct {
	Record *ent.TrainingRecord
	Status string // current, expired, or "" when not done
}

// trainingRow is one course across the household's carers.
type trainingRow struct {
	Course *ent.Course
	Cells  []trainingCell
}

// householdSections is the record the household page shows below its
// summary, one field per section.
type householdSections struct {
	Carers     []*ent.Carer
	Members    []*ent.HouseholdMember
	Terms      []*ent.ApprovalTerms
	Training   []trainingRow
	Health     []*ent.HealthAssessment
	DBS        []*ent.DBSCheck
	Visits     []*ent.Visit
	Placements []*ent.Placement
	Reviews    []*ent.Review
	Audit      []*ent.AuditEvent
}

// pageSectionRows bounds the longer sections (visits, the audit trail) to
// their latest rows.
const pageSectionRows = 20

// HandleHouseholdPage handles GET /households/:id: the household's status,
// approval and what is due with its reasons, then every section of its
// record. Reading it is audited as a view of the household.
func (s *Handler) HandleHouseholdPage(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	v := s.Viewer(c)
	if _, err := registry.ViewHousehold(c.Context(), s.Store.Client, s.Actor(c), v, id); err != nil {
		return err
	}
	h, err := registry.ReadHouseholdRecord(c.Context(), s.Store.Client, id)
	if err != nil {
		return err
	}
	items, p, err := registry.AssessRecord(c.Context(), s.Store.Client, h)
	if err != nil {
		return err
	}
	on := httpx.Today()
	var open, met []httpx.DueItemJSON
	for _, it := range items {
		switch it.Standing {
		case compliance.Open:
			open = append(open, httpx.AssessedItemJSON(h, it, on, p))
		case compliance.Met:
			met = append(met, httpx.AssessedItemJSON(h, it, on, p))
		}
	}
	auditRows := 0
	if slices.Contains(auth.AuditReaders.Roles, v.Role) {
		auditRows = pageSectionRows
	}
	extras, err := registry.ReadHouseholdExtras(c.Context(), s.Store.Client, v, h, auditRows)
	if err != nil {
		return err
	}
	sec := householdSectionsOf(h, extras)
	return s.Render(c, fiber.StatusOK, "household", fiber.Map{
		"Title": "Household " + h.Reference, "Household": h, "Status": httpx.StatusLabel(h.Status), "SSW": extras.SSW,
		"Open": open, "Met": met, "S": sec, "Back": "/households", "Added": addedMessage[c.Query("added")],
	})
}

// householdSectionsOf lays out the sections of household h's record, read
// whole by registry.ReadHouseholdRecord, with the extras read beside it.
func householdSectionsOf(h *ent.Household, extras registry.HouseholdExtras) householdSections {
	sec := householdSections{Carers: h.Edges.Carers, Members: h.Edges.Members, Terms: h.Edges.ApprovalTerms, Reviews: h.Edges.Reviews,
		Placements: extras.Placements, Audit: extras.Audit}
	sec.Visits = h.Edges.Visits[:min(len(h.Edges.Visits), pageSectionRows)]
	var training []*ent.TrainingRecord
	for _, cr := range sec.Carers {
		training = append(training, cr.Edges.TrainingRecords...)
		for _, a := range cr.Edges.HealthAssessments {
			a.Edges.Carer = cr
			sec.Health = append(sec.Health, a)
		}
		for _, d := range cr.Edges.DbsChecks {
			d.Edges.Carer = cr
			sec.DBS = append(sec.DBS, d)
		}
	}
	for _, m := range sec.Members {
		for _, d := range m.Edges.DbsChecks {
			d.Edges.HouseholdMember = m
			sec.DBS = append(sec.DBS, d)
		}
	}
	// Each person's are latest first already; the sections are too.
	slices.SortStableFunc(sec.Health, func(a, b *ent.HealthAssessment) int { return b.AssessedOn.Compare(a.AssessedOn) })
	slices.SortStableFunc(sec.DBS, func(a, b *ent.DBSCheck) int { return b.IssuedOn.Compare(a.IssuedOn) })
	sec.Training = trainingMatrix(extras.Courses, sec.Carers, training)
	return sec
}

// trainingMatrix is the household's carers against the catalogue's courses
// (mandatory ones, and any other a carer has done): each cell the latest
// completion and whether it has expired.
//
// courses are the catalogue, mandatory first; records are the carers'
// training, each carer's latest first.
func trainingMatrix(courses []*ent.Course, carers []*ent.Carer, records []*ent.TrainingRecord) []trainingRow {
	done := map[int]bool{}
	for _, r := range records {
		done[r.CourseID] = true
	}
	on, latest := httpx.Today(), latestTraining(records)
	var rows []trainingRow
	for _, k := range courses {
		if !k.Mandatory && !done[k.ID] {
			continue
		}
		row := trainingRow{Course: k, Cells: make([]trainingCell, len(carers))}
		for i, cr := range carers {
			if r := latest[carerCourse{cr.ID, k.ID}]; r != nil {
				row.Cells[i] = trainingCellOf(r, on)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// addedMessage is the banner after a record form saved.
var addedMessage = map[string]string{"household": "The household's details have been saved.", "changed": "The change has been saved.", "visit": "The visit has been recorded.", "training": "The training has been recorded.",
	"health": "The health assessment has been recorded.", "dbs": "The DBS check has been recorded."}
