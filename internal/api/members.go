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

// MemberJSON is a household member as the API shows it. Version is also
// sent as the ETag.
type MemberJSON struct {
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

func toMemberJSON(m *ent.HouseholdMember) MemberJSON {
	return MemberJSON{ID: m.ID, HouseholdID: m.HouseholdID, FirstName: m.FirstName, LastName: m.LastName,
		Relationship: string(m.Relationship), DateOfBirth: m.DateOfBirth, MovedInOn: m.MovedInOn,
		MovedOutOn: m.MovedOutOn, Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
}

func memberIDOf(m *ent.HouseholdMember) int { return m.ID }

// HandleMemberList handles GET /api/v1/households/:id/members.
func (s *Handler) HandleMemberList(c fiber.Ctx) error {
	householdID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	p, err := parseIDOrderPage(c)
	if err != nil {
		return err
	}
	rows, err := registry.ListMembers(c.Context(), s.Store.Client, s.Viewer(c), householdID, p.fetch())
	if err != nil {
		return err
	}
	return c.JSON(idOrderPageOf(rows, p, memberIDOf, toMemberJSON))
}

// HandleMemberShow handles GET /api/v1/members/:id. The view is audited.
func (s *Handler) HandleMemberShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	m, err := registry.ViewMember(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, m.Version)
	return c.JSON(toMemberJSON(m))
}

// HandleMemberCreate handles POST /api/v1/households/:id/members.
func (s *Handler) HandleMemberCreate(c fiber.Ctx) error {
	householdID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in request.Member
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	m, err := registry.CreateMember(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), householdID, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, m.Version)
	c.Location(fmt.Sprintf("/api/v1/members/%d", m.ID))
	return c.Status(fiber.StatusCreated).JSON(toMemberJSON(m))
}

// HandleMemberUpdate handles PUT /api/v1/members/:id: every editable field,
// with If-Match.
func (s *Handler) HandleMemberUpdate(c fiber.Ctx) error {
	id, version, err := httpx.IDAndIfMatch(c)
	if err != nil {
		return err
	}
	var in request.Member
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	m, err := registry.UpdateMember(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, m.Version)
	return c.JSON(toMemberJSON(m))
}
