package server

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// trainingJSON is a training record as the API shows it, with the course's
// code and title so that a carer, who cannot read the catalogue, knows
// what it was. Version is also sent as the ETag.
type trainingJSON struct {
	ID          int         `json:"id"`
	CarerID     int         `json:"carer_id"`
	CourseID    int         `json:"course_id"`
	CourseCode  string      `json:"course_code"`
	CourseTitle string      `json:"course_title"`
	CompletedOn civil.Date  `json:"completed_on"`
	ExpiresOn   *civil.Date `json:"expires_on"`
	Expired     bool        `json:"expired"`
	Provider    string      `json:"provider"`
	Hours       float64     `json:"hours"`
	Evidence    string      `json:"evidence"`
	Version     int         `json:"version"`
	CreatedAt   time.Time   `json:"created_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
}

func toTrainingJSON(r *ent.TrainingRecord, courses map[int]*ent.Course) trainingJSON {
	out := trainingJSON{ID: r.ID, CarerID: r.CarerID, CourseID: r.CourseID, CompletedOn: r.CompletedOn,
		ExpiresOn: r.ExpiresOn, Expired: r.ExpiresOn != nil && r.ExpiresOn.Before(today()), Provider: r.Provider,
		Hours: r.Hours, Evidence: r.Evidence, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if k := courses[r.CourseID]; k != nil {
		out.CourseCode, out.CourseTitle = k.Code, k.Title
	}
	return out
}

// handleTrainingList handles GET /api/v1/training: training records across
// the service, filtered by course, carer and expiry.
func (s *Server) handleTrainingList(c fiber.Ctx) error {
	f, limit, err := parseTrainingQuery(c, true)
	if err != nil {
		return err
	}
	return s.sendTrainingPage(c, f, limit)
}

// handleCarerTrainingList handles GET /api/v1/carers/:id/training.
func (s *Server) handleCarerTrainingList(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f, limit, err := parseTrainingQuery(c, false)
	if err != nil {
		return err
	}
	if _, err := registry.TrainingCarer(c.Context(), s.store.Client, s.viewer(c), id); err != nil {
		return err
	}
	f.Carer = id
	return s.sendTrainingPage(c, f, limit)
}

// sendTrainingPage answers with one page, of limit, of the records f
// chooses.
func (s *Server) sendTrainingPage(c fiber.Ctx, f registry.TrainingFilter, limit int) error {
	rows, err := registry.TrainingRecords(c.Context(), s.store.Client, s.viewer(c), f)
	if err != nil {
		return err
	}
	courses, err := registry.CoursesOf(c.Context(), s.store.Client, rows...)
	if err != nil {
		return err
	}
	return c.JSON(pageOf(rows, limit, func(r *ent.TrainingRecord) string { return strconv.Itoa(r.ID) },
		func(r *ent.TrainingRecord) trainingJSON { return toTrainingJSON(r, courses) }))
}

// handleTrainingShow handles GET /api/v1/training/:id. The view is audited.
func (s *Server) handleTrainingShow(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := registry.ViewTrainingRecord(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id)
	if err != nil {
		return err
	}
	return s.sendTraining(c, fiber.StatusOK, r)
}

// handleCarerTrainingCreate handles POST /api/v1/carers/:id/training.
func (s *Server) handleCarerTrainingCreate(c fiber.Ctx) error {
	carerID, err := pathID(c)
	if err != nil {
		return err
	}
	in := request.Training{CarerID: carerID}
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.CreateTrainingRecord(c.Context(), s.store.Client, s.actor(c), s.viewer(c), carerID, in.Fields())
	if err != nil {
		return err
	}
	c.Location(fmt.Sprintf("/api/v1/training/%d", r.ID))
	return s.sendTraining(c, fiber.StatusCreated, r)
}

// handleTrainingUpdate handles PUT /api/v1/training/:id: every editable
// field, with If-Match; the expiry is worked out again.
func (s *Server) handleTrainingUpdate(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	in := request.Training{ID: id}
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.UpdateTrainingRecord(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	return s.sendTraining(c, fiber.StatusOK, r)
}

// sendTraining answers with one record and its ETag.
func (s *Server) sendTraining(c fiber.Ctx, status int, r *ent.TrainingRecord) error {
	courses, err := registry.CoursesOf(c.Context(), s.store.Client, r)
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.Status(status).JSON(toTrainingJSON(r, courses))
}
