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

// HouseholdJSON is a household as the API shows it. Version is also sent
// as the ETag, for If-Match on the next change.
type HouseholdJSON struct {
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

func toHouseholdJSON(h *ent.Household) HouseholdJSON {
	return HouseholdJSON{ID: h.ID, Reference: h.Reference, AddressLine1: h.AddressLine1, AddressLine2: h.AddressLine2,
		Town: h.Town, Postcode: h.Postcode, Phone: h.Phone, Email: h.Email, Status: string(h.Status),
		ApprovedOn: h.ApprovedOn, ResignationReceivedOn: h.ResignationReceivedOn, EndedOn: h.EndedOn,
		SSWID: h.SswID, Version: h.Version, CreatedAt: h.CreatedAt, UpdatedAt: h.UpdatedAt}
}

// HandleHouseholdList handles GET /api/v1/households.
func (s *Handler) HandleHouseholdList(c fiber.Ctx) error {
	q, err := httpx.ParseHouseholdQuery(c, s.Viewer(c), s.Store.Dialect)
	if err != nil {
		return err
	}
	rows, err := q.Rows(c.Context(), s.Store.Client)
	if err != nil {
		return err
	}
	return c.JSON(httpx.PageOf(rows, q.Limit, q.CursorAfter, toHouseholdJSON))
}

// HandleHouseholdShow handles GET /api/v1/households/:id. The view is
// audited.
func (s *Handler) HandleHouseholdShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	h, err := registry.ViewHousehold(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, h.Version)
	return c.JSON(toHouseholdJSON(h))
}

// HandleHouseholdCreate handles POST /api/v1/households.
func (s *Handler) HandleHouseholdCreate(c fiber.Ctx) error {
	var in request.Household
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	h, err := registry.CreateHousehold(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, h.Version)
	c.Location(fmt.Sprintf("/api/v1/households/%d", h.ID))
	return c.Status(fiber.StatusCreated).JSON(toHouseholdJSON(h))
}

// HandleHouseholdUpdate handles PUT /api/v1/households/:id: every editable
// field, with If-Match.
func (s *Handler) HandleHouseholdUpdate(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	in := request.Household{ID: id}
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	h, err := registry.UpdateHousehold(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, h.Version)
	return c.JSON(toHouseholdJSON(h))
}
