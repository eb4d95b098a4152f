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

// CarerJSON is a carer as the API shows it. Of their portal account it
// shows only the id: never the account's password, second factor or
// sessions. Version is also sent as the ETag.
type CarerJSON struct {
	ID              int         `json:"id"`
	HouseholdID     int         `json:"household_id"`
	FirstName       string      `json:"first_name"`
	LastName        string      `json:"last_name"`
	DateOfBirth     *civil.Date `json:"date_of_birth"`
	Email           string      `json:"email"`
	Phone           string      `json:"phone"`
	ConnectedPerson bool        `json:"connected_person"`
	TSDCompletedOn  *civil.Date `json:"tsd_completed_on"`
	UserID          *int        `json:"user_id"`
	Version         int         `json:"version"`
	CreatedAt       time.Time   `json:"created_at"`
	UpdatedAt       time.Time   `json:"updated_at"`
}

func toCarerJSON(c *ent.Carer) CarerJSON {
	return CarerJSON{ID: c.ID, HouseholdID: c.HouseholdID, FirstName: c.FirstName, LastName: c.LastName,
		DateOfBirth: c.DateOfBirth, Email: c.Email, Phone: c.Phone, ConnectedPerson: c.ConnectedPerson,
		TSDCompletedOn: c.TsdCompletedOn, UserID: c.UserID, Version: c.Version, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

func carerIDOf(c *ent.Carer) int { return c.ID }

// HandleCarerList handles GET /api/v1/households/:id/carers.
func (s *Handler) HandleCarerList(c fiber.Ctx) error {
	householdID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	p, err := parseIDOrderPage(c)
	if err != nil {
		return err
	}
	rows, err := registry.ListCarers(c.Context(), s.Store.Client, s.Viewer(c), householdID, p.fetch())
	if err != nil {
		return err
	}
	return c.JSON(idOrderPageOf(rows, p, carerIDOf, toCarerJSON))
}

// HandleCarerShow handles GET /api/v1/carers/:id. The view is audited.
func (s *Handler) HandleCarerShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	cr, err := registry.ViewCarer(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, cr.Version)
	return c.JSON(toCarerJSON(cr))
}

// HandleCarerCreate handles POST /api/v1/households/:id/carers.
func (s *Handler) HandleCarerCreate(c fiber.Ctx) error {
	householdID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in request.Carer
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	cr, err := registry.CreateCarer(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), householdID, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, cr.Version)
	c.Location(fmt.Sprintf("/api/v1/carers/%d", cr.ID))
	return c.Status(fiber.StatusCreated).JSON(toCarerJSON(cr))
}

// HandleCarerUpdate handles PUT /api/v1/carers/:id: every editable field,
// with If-Match.
func (s *Handler) HandleCarerUpdate(c fiber.Ctx) error {
	id, version, err := httpx.IDAndIfMatch(c)
	if err != nil {
		return err
	}
	var in request.Carer
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	cr, err := registry.UpdateCarer(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, cr.Version)
	return c.JSON(toCarerJSON(cr))
}
