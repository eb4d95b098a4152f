package server

import (
	"context"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
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

// memberRequest is the body of POST /api/v1/households/:id/members and PUT
// /api/v1/members/:id: every editable field (an omitted optional field is
// cleared).
type memberRequest struct {
	FirstName    string `json:"first_name" validate:"required,notblank,max=100"`
	LastName     string `json:"last_name" validate:"required,notblank,max=100"`
	Relationship string `json:"relationship" validate:"required,oneof=birth_child adult_child adopted_child relative lodger other"`
	DateOfBirth  string `json:"date_of_birth" validate:"omitempty,date,notfuture"`
	MovedInOn    string `json:"moved_in_on" validate:"omitempty,date"`
	MovedOutOn   string `json:"moved_out_on" validate:"omitempty,date"`
}

// Normalise trims the spaces people type around names.
func (r *memberRequest) Normalise() { trimEach(&r.FirstName, &r.LastName) }

// Check applies the rules across fields: nobody moves out before moving
// in, or moves in before they are born.
func (r *memberRequest) Check(_ context.Context, fields map[string]string) {
	dateNotBefore(fields, "moved_out_on", r.MovedOutOn, "moved_in_on", r.MovedInOn)
	dateNotBefore(fields, "moved_in_on", r.MovedInOn, "date_of_birth", r.DateOfBirth)
}

// fields are the request's values, typed for the registry.
func (r *memberRequest) fields() registry.MemberFields {
	return registry.MemberFields{FirstName: r.FirstName, LastName: r.LastName,
		Relationship: householdmember.Relationship(r.Relationship), DateOfBirth: optionalDate(r.DateOfBirth),
		MovedInOn: optionalDate(r.MovedInOn), MovedOutOn: optionalDate(r.MovedOutOn)}
}

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
	var in memberRequest
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	m, err := registry.CreateMember(c.Context(), s.store.Client, s.actor(c), s.viewer(c), householdID, in.fields())
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
	var in memberRequest
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	m, err := registry.UpdateMember(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, m.Version)
	return c.JSON(toMemberJSON(m))
}
