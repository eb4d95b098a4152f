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

// TermsJSON is one period of a household's terms of approval, as the API
// shows it, with warnings that do not refuse the terms.
type TermsJSON struct {
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

func toTermsJSON(t *ent.ApprovalTerms) TermsJSON {
	return TermsJSON{ID: t.ID, HouseholdID: t.HouseholdID, Categories: append([]string{}, t.Categories...),
		NumberOfChildren: t.NumberOfChildren, AgeFrom: t.AgeFrom, AgeTo: t.AgeTo, Notes: t.Notes,
		EffectiveFrom: t.EffectiveFrom, EffectiveTo: t.EffectiveTo, ReviewID: t.ReviewID, Decision: t.Decision,
		Version: t.Version, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt, Warnings: usualLimitWarnings(&t.NumberOfChildren)}
}

// HandleTermsList handles GET /api/v1/households/:id/approval-terms: the
// household's terms over time, earliest first.
func (s *Handler) HandleTermsList(c fiber.Ctx) error {
	householdID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	httpx.OnlyParams(c, fields, "limit", "cursor")
	limit, after := httpx.ReadDatedPage(c, fields)
	if err := httpx.FilterProblem(fields); err != nil {
		return err
	}
	rows, err := registry.HouseholdTermsHistory(c.Context(), s.Store.Client, s.Viewer(c), householdID, after.Position(), limit+1)
	if err != nil {
		return err
	}
	return c.JSON(httpx.DatedPageOf(rows, limit, func(t *ent.ApprovalTerms) httpx.DatedPosition {
		return httpx.DatedPosition{On: t.EffectiveFrom, ID: t.ID}
	}, toTermsJSON))
}

// HandleTermsShow handles GET /api/v1/approval-terms/:id. The view is
// audited.
func (s *Handler) HandleTermsShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	t, err := registry.ViewTerms(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, t.Version)
	return c.JSON(toTermsJSON(t))
}

// HandleTermsCreate handles POST /api/v1/households/:id/approval-terms.
func (s *Handler) HandleTermsCreate(c fiber.Ctx) error {
	householdID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in request.Terms
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	t, err := registry.CreateTerms(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), householdID, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, t.Version)
	c.Location(fmt.Sprintf("/api/v1/approval-terms/%d", t.ID))
	return c.Status(fiber.StatusCreated).JSON(toTermsJSON(t))
}

// HandleTermsUpdate handles PUT /api/v1/approval-terms/:id, with If-Match.
func (s *Handler) HandleTermsUpdate(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	var in request.Terms
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	t, err := registry.UpdateTerms(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, t.Version)
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
