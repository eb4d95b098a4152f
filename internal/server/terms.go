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

// termsJSON is one period of a household's terms of approval, as the API
// shows it, with warnings that do not refuse the terms.
type termsJSON struct {
	ID               int         `json:"id"`
	HouseholdID      int         `json:"household_id"`
	Categories       []string    `json:"categories"`
	NumberOfChildren int         `json:"number_of_children"`
	AgeFrom          int         `json:"age_from"`
	AgeTo            int         `json:"age_to"`
	Notes            string      `json:"notes"`
	EffectiveFrom    civil.Date  `json:"effective_from"`
	EffectiveTo      *civil.Date `json:"effective_to"`
	ReviewID         *int        `json:"review_id"`
	Decision         string      `json:"decision"`
	Version          int         `json:"version"`
	CreatedAt        time.Time   `json:"created_at"`
	UpdatedAt        time.Time   `json:"updated_at"`
	Warnings         []string    `json:"warnings"`
}

func toTermsJSON(t *ent.ApprovalTerms) termsJSON {
	return termsJSON{ID: t.ID, HouseholdID: t.HouseholdID, Categories: append([]string{}, t.Categories...),
		NumberOfChildren: t.NumberOfChildren, AgeFrom: t.AgeFrom, AgeTo: t.AgeTo, Notes: t.Notes,
		EffectiveFrom: t.EffectiveFrom, EffectiveTo: t.EffectiveTo, ReviewID: t.ReviewID, Decision: t.Decision,
		Version: t.Version, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt, Warnings: usualLimitWarnings(&t.NumberOfChildren)}
}

// handleTermsList handles GET /api/v1/households/:id/approval-terms: the
// household's terms over time, earliest first.
func (s *Server) handleTermsList(c fiber.Ctx) error {
	householdID, err := pathID(c)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	onlyParams(c, fields, "limit", "cursor")
	limit, after := readDatedPage(c, fields)
	if err := filterProblem(fields); err != nil {
		return err
	}
	rows, err := registry.HouseholdTermsHistory(c.Context(), s.store.Client, s.viewer(c), householdID, after.position(), limit+1)
	if err != nil {
		return err
	}
	return c.JSON(datedPageOf(rows, limit, func(t *ent.ApprovalTerms) datedPosition {
		return datedPosition{on: t.EffectiveFrom, id: t.ID}
	}, toTermsJSON))
}

// handleTermsShow handles GET /api/v1/approval-terms/:id. The view is
// audited.
func (s *Server) handleTermsShow(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	t, err := registry.ViewTerms(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id)
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(toTermsJSON(t))
}

// handleTermsCreate handles POST /api/v1/households/:id/approval-terms.
func (s *Server) handleTermsCreate(c fiber.Ctx) error {
	householdID, err := pathID(c)
	if err != nil {
		return err
	}
	var in request.Terms
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	t, err := registry.CreateTerms(c.Context(), s.store.Client, s.actor(c), s.viewer(c), householdID, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	c.Location(fmt.Sprintf("/api/v1/approval-terms/%d", t.ID))
	return c.Status(fiber.StatusCreated).JSON(toTermsJSON(t))
}

// handleTermsUpdate handles PUT /api/v1/approval-terms/:id, with If-Match.
func (s *Server) handleTermsUpdate(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in request.Terms
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	t, err := registry.UpdateTerms(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(toTermsJSON(t))
}

// usualLimitWarnings warns, without refusing, when terms would let a
// household foster more children than the usual limit.
func usualLimitWarnings(children *int) []string {
	if children != nil && *children > 3 {
		return []string{"Children Act 1989 sch 7: more than 3 needs siblings or an exemption"}
	}
	return []string{}
}
