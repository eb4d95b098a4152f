package api

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// HealthAssessmentJSON is a carer's health assessment as the API shows
// it. Version is also sent as the ETag.
type HealthAssessmentJSON struct {
	ID             int        `json:"id"`
	CarerID        int        `json:"carer_id"`
	Kind           string     `json:"kind"`
	AssessedOn     civil.Date `json:"assessed_on"`
	AssessedBy     string     `json:"assessed_by"`
	MedicalAdviser string     `json:"medical_adviser"`
	AdviserOpinion string     `json:"adviser_opinion"`
	Outcome        string     `json:"outcome"`
	Version        int        `json:"version"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

func toHealthAssessmentJSON(a *ent.HealthAssessment) HealthAssessmentJSON {
	return HealthAssessmentJSON{ID: a.ID, CarerID: a.CarerID, Kind: string(a.Kind), AssessedOn: a.AssessedOn,
		AssessedBy: a.AssessedBy, MedicalAdviser: a.MedicalAdviser, AdviserOpinion: a.AdviserOpinion,
		Outcome: string(a.Outcome), Version: a.Version, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
}

func healthAssessmentIDOf(a *ent.HealthAssessment) int { return a.ID }

// HandleHealthAssessmentList handles GET /api/v1/carers/:id/health-assessments.
func (s *Handler) HandleHealthAssessmentList(c fiber.Ctx) error {
	carerID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	p, err := parseIDOrderPage(c)
	if err != nil {
		return err
	}
	rows, err := registry.ListHealthAssessments(c.Context(), s.Store.Client, s.Viewer(c), carerID, p.fetch())
	if err != nil {
		return err
	}
	return c.JSON(idOrderPageOf(rows, p, healthAssessmentIDOf, toHealthAssessmentJSON))
}

// HandleHealthAssessmentShow handles GET /api/v1/health-assessments/:id.
// The view is audited.
func (s *Handler) HandleHealthAssessmentShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	a, err := registry.ViewHealthAssessment(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, a.Version)
	return c.JSON(toHealthAssessmentJSON(a))
}

// HandleHealthAssessmentCreate handles POST /api/v1/carers/:id/health-assessments.
func (s *Handler) HandleHealthAssessmentCreate(c fiber.Ctx) error {
	carerID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in request.HealthAssessment
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	a, err := registry.CreateHealthAssessment(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), carerID, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, a.Version)
	c.Location(fmt.Sprintf("/api/v1/health-assessments/%d", a.ID))
	return c.Status(fiber.StatusCreated).JSON(toHealthAssessmentJSON(a))
}

// HandleHealthAssessmentUpdate handles PUT /api/v1/health-assessments/:id:
// every editable field, with If-Match.
func (s *Handler) HandleHealthAssessmentUpdate(c fiber.Ctx) error {
	id, version, err := httpx.IDAndIfMatch(c)
	if err != nil {
		return err
	}
	var in request.HealthAssessment
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	a, err := registry.UpdateHealthAssessment(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, a.Version)
	return c.JSON(toHealthAssessmentJSON(a))
}
