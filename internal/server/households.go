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

// householdJSON is a household as the API shows it. Version is also sent
// as the ETag, for If-Match on the next change.
type householdJSON struct {
	ID                    int         `json:"id"`
	Reference             string      `json:"reference"`
	AddressLine1          string      `json:"address_line1"`
	AddressLine2          string      `json:"address_line2"`
	Town                  string      `json:"town"`
	Postcode              string      `json:"postcode"`
	Phone                 string      `json:"phone"`
	Email                 string      `json:"email"`
	Status                string      `json:"status"`
	ApprovedOn            *civil.Date `json:"approved_on"`
	ResignationReceivedOn *civil.Date `json:"resignation_received_on"`
	EndedOn               *civil.Date `json:"ended_on"`
	SSWID                 *int        `json:"ssw_id"`
	Version               int         `json:"version"`
	CreatedAt             time.Time   `json:"created_at"`
	UpdatedAt             time.Time   `json:"updated_at"`
}

func toHouseholdJSON(h *ent.Household) householdJSON {
	return householdJSON{ID: h.ID, Reference: h.Reference, AddressLine1: h.AddressLine1, AddressLine2: h.AddressLine2,
		Town: h.Town, Postcode: h.Postcode, Phone: h.Phone, Email: h.Email, Status: string(h.Status),
		ApprovedOn: h.ApprovedOn, ResignationReceivedOn: h.ResignationReceivedOn, EndedOn: h.EndedOn,
		SSWID: h.SswID, Version: h.Version, CreatedAt: h.CreatedAt, UpdatedAt: h.UpdatedAt}
}

// handleHouseholdList handles GET /api/v1/households.
func (s *Server) handleHouseholdList(c fiber.Ctx) error {
	q, err := parseHouseholdQuery(c, s.viewer(c), s.store.Dialect)
	if err != nil {
		return err
	}
	rows, err := q.rows(c.Context(), s.store.Client)
	if err != nil {
		return err
	}
	return c.JSON(pageOf(rows, q.limit, q.cursorAfter, toHouseholdJSON))
}

// handleHouseholdShow handles GET /api/v1/households/:id. The view is
// audited.
func (s *Server) handleHouseholdShow(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	h, err := registry.ViewHousehold(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id)
	if err != nil {
		return err
	}
	setETag(c, h.Version)
	return c.JSON(toHouseholdJSON(h))
}

// handleHouseholdCreate handles POST /api/v1/households.
func (s *Server) handleHouseholdCreate(c fiber.Ctx) error {
	var in request.Household
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	h, err := registry.CreateHousehold(c.Context(), s.store.Client, s.actor(c), s.viewer(c), in.Fields())
	if err != nil {
		return err
	}
	setETag(c, h.Version)
	c.Location(fmt.Sprintf("/api/v1/households/%d", h.ID))
	return c.Status(fiber.StatusCreated).JSON(toHouseholdJSON(h))
}

// handleHouseholdUpdate handles PUT /api/v1/households/:id: every editable
// field, with If-Match.
func (s *Server) handleHouseholdUpdate(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	in := request.Household{ID: id}
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	h, err := registry.UpdateHousehold(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, h.Version)
	return c.JSON(toHouseholdJSON(h))
}
