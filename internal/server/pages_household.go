package server

import (
	"slices"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/course"
	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/ent/placement"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/compliance"
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

// handleHouseholdPage handles GET /households/:id: the household's status,
// approval and what is due with its reasons, then every section of its
// record. Reading it is audited as a view of the household.
func (s *Server) handleHouseholdPage(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v := s.viewer(c)
	h, err := registry.ViewHousehold(c.Context(), s.store.Client, s.actor(c), v, id)
	if err != nil {
		return err
	}
	_, items, p, err := registry.HouseholdCompliance(c.Context(), s.store.Client, id)
	if err != nil {
		return err
	}
	on := today()
	var open, met []dueItemJSON
	for _, it := range items {
		switch it.Standing {
		case compliance.Open:
			open = append(open, assessedItemJSON(h, it, on, p))
		case compliance.Met:
			met = append(met, assessedItemJSON(h, it, on, p))
		}
	}
	sec, err := s.householdSections(c, h, slices.Contains(auth.AuditReaders.Roles, v.Role))
	if err != nil {
		return err
	}
	var ssw *ent.User
	if h.SswID != nil {
		if ssw, err = s.store.Client.User.Get(c.Context(), *h.SswID); err != nil && !ent.IsNotFound(err) {
			return err
		}
	}
	return s.render(c, fiber.StatusOK, "household", fiber.Map{
		"Title": "Household " + h.Reference, "Household": h, "Status": statusLabel(h.Status), "SSW": ssw,
		"Open": open, "Met": met, "S": sec, "Back": "/households", "Added": addedMessage[c.Query("added")],
	})
}

// householdSections reads the sections of household h's record; the audit
// trail only for those who may read it.
func (s *Server) householdSections(c fiber.Ctx, h *ent.Household, withAudit bool) (householdSections, error) {
	ctx, client := c.Context(), s.store.Client
	var sec householdSections
	var err error
	if sec.Carers, err = client.Carer.Query().Where(carer.HouseholdID(h.ID)).Order(ent.Asc(carer.FieldID)).All(ctx); err != nil {
		return sec, err
	}
	carerIDs := make([]int, len(sec.Carers))
	for i, cr := range sec.Carers {
		carerIDs[i] = cr.ID
	}
	steps := []func() error{
		func() (err error) {
			sec.Members, err = client.HouseholdMember.Query().Where(householdmember.HouseholdID(h.ID)).Order(ent.Asc(householdmember.FieldID)).All(ctx)
			return err
		},
		func() (err error) {
			sec.Terms, err = client.ApprovalTerms.Query().Where(approvalterms.HouseholdID(h.ID)).Order(ent.Desc(approvalterms.FieldEffectiveFrom)).All(ctx)
			return err
		},
		func() (err error) { sec.Training, err = s.trainingMatrix(c, sec.Carers, carerIDs); return err },
		func() (err error) {
			sec.Health, err = client.HealthAssessment.Query().Where(healthassessment.CarerIDIn(carerIDs...)).WithCarer().
				Order(ent.Desc(healthassessment.FieldAssessedOn)).All(ctx)
			return err
		},
		func() (err error) {
			// By the people's ids rather than a join through members: the
			// join made SQLite read every DBS check in the registry. An
			// empty IN list becomes FALSE, and "carer_id IN (…) OR FALSE"
			// made SQLite scan the whole table too, for every household
			// without members: so each list is added only when it has ids.
			var people []predicate.DBSCheck
			if len(carerIDs) > 0 {
				people = append(people, dbscheck.CarerIDIn(carerIDs...))
			}
			for _, m := range sec.Members {
				people = append(people, dbscheck.HouseholdMemberID(m.ID))
			}
			if len(people) == 0 {
				return nil
			}
			sec.DBS, err = client.DBSCheck.Query().Where(dbscheck.Or(people...)).WithCarer().WithHouseholdMember().
				Order(ent.Desc(dbscheck.FieldIssuedOn)).All(ctx)
			return err
		},
		func() (err error) {
			sec.Visits, err = client.Visit.Query().Where(visit.HouseholdID(h.ID)).WithVisitor().
				Order(ent.Desc(visit.FieldVisitedOn)).Limit(pageSectionRows).All(ctx)
			return err
		},
		func() (err error) {
			sec.Placements, err = client.Placement.Query().Where(placement.HouseholdID(h.ID)).Order(ent.Desc(placement.FieldStartedOn)).All(ctx)
			return err
		},
		func() (err error) {
			sec.Reviews, err = client.Review.Query().Where(review.HouseholdID(h.ID)).Order(ent.Desc(review.FieldDueOn)).All(ctx)
			return err
		},
		func() (err error) {
			if !withAudit {
				return nil
			}
			sec.Audit, err = client.AuditEvent.Query().Where(auditevent.Entity("household"), auditevent.EntityID(h.ID)).
				Order(ent.Desc(auditevent.FieldAt), ent.Desc(auditevent.FieldID)).Limit(pageSectionRows).All(ctx)
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return sec, err
		}
	}
	return sec, nil
}

// trainingMatrix is the household's carers against the catalogue's courses
// (mandatory ones, and any other a carer has done): each cell the latest
// completion and whether it has expired.
func (s *Server) trainingMatrix(c fiber.Ctx, carers []*ent.Carer, carerIDs []int) ([]trainingRow, error) {
	records, err := s.store.Client.TrainingRecord.Query().Where(trainingrecord.CarerIDIn(carerIDs...)).
		Order(ent.Desc(trainingrecord.FieldCompletedOn)).All(c.Context())
	if err != nil {
		return nil, err
	}
	done := map[int]bool{}
	for _, r := range records {
		done[r.CourseID] = true
	}
	courses, err := s.store.Client.Course.Query().Order(ent.Desc(course.FieldMandatory), ent.Asc(course.FieldTitle)).All(c.Context())
	if err != nil {
		return nil, err
	}
	on, latest := today(), latestTraining(records)
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
	return rows, nil
}

// addedMessage is the banner after a record form saved.
var addedMessage = map[string]string{"household": "The household's details have been saved.", "changed": "The change has been saved.", "visit": "The visit has been recorded.", "training": "The training has been recorded.",
	"health": "The health assessment has been recorded.", "dbs": "The DBS check has been recorded."}
