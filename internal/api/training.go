package api

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// TrainingJSON is a training record as the API shows it, with the course's
// code and title so that a carer, who cannot read the catalogue, knows
// what it was. Version is also sent as the ETag.
type TrainingJSON struct {
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

func toTrainingJSON(r *ent.TrainingRecord, courses map[int]*ent.Course) TrainingJSON {
	out := TrainingJSON{ID: r.ID, CarerID: r.CarerID, CourseID: r.CourseID, CompletedOn: r.CompletedOn,
		ExpiresOn: r.ExpiresOn, Expired: r.ExpiresOn != nil && r.ExpiresOn.Before(httpx.Today()), Provider: r.Provider,
		Hours: r.Hours, Evidence: r.Evidence, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if k := courses[r.CourseID]; k != nil {
		out.CourseCode, out.CourseTitle = k.Code, k.Title
	}
	return out
}

// HandleTrainingList handles GET /api/v1/training: training records across
// the service, filtered by course, carer and expiry.
func (s *Handler) HandleTrainingList(c fiber.Ctx) error {
	f, limit, err := parseTrainingQuery(c, true)
	if err != nil {
		return err
	}
	return s.sendTrainingPage(c, f, limit)
}

// HandleCarerTrainingList handles GET /api/v1/carers/:id/training.
func (s *Handler) HandleCarerTrainingList(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	f, limit, err := parseTrainingQuery(c, false)
	if err != nil {
		return err
	}
	if _, err := registry.TrainingCarer(c.Context(), s.Store.Client, s.Viewer(c), id); err != nil {
		return err
	}
	f.Carer = id
	return s.sendTrainingPage(c, f, limit)
}

// sendTrainingPage answers with one page, of limit, of the records f
// chooses.
func (s *Handler) sendTrainingPage(c fiber.Ctx, f registry.TrainingFilter, limit int) error {
	rows, err := registry.TrainingRecords(c.Context(), s.Store.Client, s.Viewer(c), f)
	if err != nil {
		return err
	}
	courses, err := registry.CoursesOf(c.Context(), s.Store.Client, rows...)
	if err != nil {
		return err
	}
	return c.JSON(httpx.PageOf(rows, limit, func(r *ent.TrainingRecord) string { return strconv.Itoa(r.ID) },
		func(r *ent.TrainingRecord) TrainingJSON { return toTrainingJSON(r, courses) }))
}

// HandleTrainingShow handles GET /api/v1/training/:id. The view is audited.
func (s *Handler) HandleTrainingShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	r, err := registry.ViewTrainingRecord(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	return s.sendTraining(c, fiber.StatusOK, r)
}

// HandleCarerTrainingCreate handles POST /api/v1/carers/:id/training.
func (s *Handler) HandleCarerTrainingCreate(c fiber.Ctx) error {
	carerID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	in := request.Training{CarerID: carerID}
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.CreateTrainingRecord(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), carerID, in.Fields())
	if err != nil {
		return err
	}
	c.Location(fmt.Sprintf("/api/v1/training/%d", r.ID))
	return s.sendTraining(c, fiber.StatusCreated, r)
}

// HandleTrainingUpdate handles PUT /api/v1/training/:id: every editable
// field, with If-Match; the expiry is worked out again.
func (s *Handler) HandleTrainingUpdate(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	in := request.Training{ID: id}
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.UpdateTrainingRecord(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	return s.sendTraining(c, fiber.StatusOK, r)
}

// sendTraining answers with one record and its ETag.
func (s *Handler) sendTraining(c fiber.Ctx, status int, r *ent.TrainingRecord) error {
	courses, err := registry.CoursesOf(c.Context(), s.Store.Client, r)
	if err != nil {
		return err
	}
	httpx.SetETag(c, r.Version)
	return c.Status(status).JSON(toTrainingJSON(r, courses))
}
