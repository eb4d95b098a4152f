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

// memberJSON is a household member as the API shows it. Version is also
// sent as the ETag.
type memberJSON struct {
	ID           int         `json:"id"`
	HouseholdID  int         `json:"household_id"`
	FirstName    string      `json:"first_name"`
	LastName     string      `json:"last_name"`
	Relationship string      `json:"relationship"`
	DateOfBirth  *civil.Date `json:"date_of_birth"`
	MovedInOn    *civil.Date `json:"moved_in_on"`
	MovedOutOn   *civil.Date `json:"moved_out_on"`
	Version      int         `json:"version"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
}

func toMemberJSON(m *ent.HouseholdMember) memberJSON {
	return memberJSON{ID: m.ID, HouseholdID: m.HouseholdID, FirstName: m.FirstName, LastName: m.LastName,
		Relationship: string(m.Relationship), DateOfBirth: m.DateOfBirth, MovedInOn: m.MovedInOn,
		MovedOutOn: m.MovedOutOn, Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
}

func memberIDOf(m *ent.HouseholdMember) int { return m.ID }

// handleMemberList handles GET /api/v1/households/:id/members.
func (s *Server) handleMemberList(c fiber.Ctx) error {
	householdID, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := parseIDOrderPage(c)
	if err != nil {
		return err
	}
	rows, err := registry.ListMembers(c.Context(), s.store.Client, s.viewer(c), householdID, p.fetch())
	if err != nil {
		return err
	}
	return c.JSON(idOrderPageOf(rows, p, memberIDOf, toMemberJSON))
}

// handleMemberShow handles GET /api/v1/members/:id. The view is audited.
func (s *Server) handleMemberShow(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	m, err := registry.ViewMember(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id)
	if err != nil {
		return err
	}
	setETag(c, m.Version)
	return c.JSON(toMemberJSON(m))
}

// handleMemberCreate handles POST /api/v1/households/:id/members.
func (s *Server) handleMemberCreate(c fiber.Ctx) error {
	householdID, err := pathID(c)
	if err != nil {
		return err
	}
	var in request.Member
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	m, err := registry.CreateMember(c.Context(), s.store.Client, s.actor(c), s.viewer(c), householdID, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, m.Version)
	c.Location(fmt.Sprintf("/api/v1/members/%d", m.ID))
	return c.Status(fiber.StatusCreated).JSON(toMemberJSON(m))
}

// handleMemberUpdate handles PUT /api/v1/members/:id: every editable field,
// with If-Match.
func (s *Server) handleMemberUpdate(c fiber.Ctx) error {
	id, version, err := idAndIfMatch(c)
	if err != nil {
		return err
	}
	var in request.Member
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	m, err := registry.UpdateMember(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, m.Version)
	return c.JSON(toMemberJSON(m))
}
