package server

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// healthAssessmentJSON is a carer's health assessment as the API shows
// it. Version is also sent as the ETag.
type healthAssessmentJSON struct {
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

func toHealthAssessmentJSON(a *ent.HealthAssessment) healthAssessmentJSON {
	return healthAssessmentJSON{ID: a.ID, CarerID: a.CarerID, Kind: string(a.Kind), AssessedOn: a.AssessedOn,
		AssessedBy: a.AssessedBy, MedicalAdviser: a.MedicalAdviser, AdviserOpinion: a.AdviserOpinion,
		Outcome: string(a.Outcome), Version: a.Version, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
}

func healthAssessmentIDOf(a *ent.HealthAssessment) int { return a.ID }

// handleHealthAssessmentList handles GET /api/v1/carers/:id/health-assessments.
func (s *Server) handleHealthAssessmentList(c fiber.Ctx) error {
	carerID, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := parseIDOrderPage(c)
	if err != nil {
		return err
	}
	rows, err := registry.ListHealthAssessments(c.Context(), s.store.Client, s.viewer(c), carerID, p.fetch())
	if err != nil {
		return err
	}
	return c.JSON(idOrderPageOf(rows, p, healthAssessmentIDOf, toHealthAssessmentJSON))
}

// handleHealthAssessmentShow handles GET /api/v1/health-assessments/:id.
// The view is audited.
func (s *Server) handleHealthAssessmentShow(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	a, err := registry.ViewHealthAssessment(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id)
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	return c.JSON(toHealthAssessmentJSON(a))
}

// handleHealthAssessmentCreate handles POST /api/v1/carers/:id/health-assessments.
func (s *Server) handleHealthAssessmentCreate(c fiber.Ctx) error {
	carerID, err := pathID(c)
	if err != nil {
		return err
	}
	var in request.HealthAssessment
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	a, err := registry.CreateHealthAssessment(c.Context(), s.store.Client, s.actor(c), s.viewer(c), carerID, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	c.Location(fmt.Sprintf("/api/v1/health-assessments/%d", a.ID))
	return c.Status(fiber.StatusCreated).JSON(toHealthAssessmentJSON(a))
}

// handleHealthAssessmentUpdate handles PUT /api/v1/health-assessments/:id:
// every editable field, with If-Match.
func (s *Server) handleHealthAssessmentUpdate(c fiber.Ctx) error {
	id, version, err := idAndIfMatch(c)
	if err != nil {
		return err
	}
	var in request.HealthAssessment
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	a, err := registry.UpdateHealthAssessment(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	return c.JSON(toHealthAssessmentJSON(a))
}
