package server

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// contributionJSON is the views gathered for a review, as the API shows
// them.
type contributionJSON struct {
	ID         int                 `json:"id"`
	ReviewID   int                 `json:"review_id"`
	Source     contribution.Source `json:"source"`
	AuthorName string              `json:"author_name"`
	AuthorID   *int                `json:"author_id"`
	ReceivedOn civil.Date          `json:"received_on"`
	Text       string              `json:"text"`
	Version    int                 `json:"version"`
	CreatedAt  time.Time           `json:"created_at"`
	UpdatedAt  time.Time           `json:"updated_at"`
}

func toContributionJSON(c *ent.Contribution) contributionJSON {
	return contributionJSON{ID: c.ID, ReviewID: c.ReviewID, Source: c.Source, AuthorName: c.AuthorName,
		AuthorID: c.AuthorID, ReceivedOn: c.ReceivedOn, Text: c.Text, Version: c.Version,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

// handleContributionList handles GET /api/v1/reviews/:id/contributions, in
// the order the views were received; a carer sees only their own.
func (s *Server) handleContributionList(c fiber.Ctx) error {
	reviewID, err := pathID(c)
	if err != nil {
		return err
	}
	v, fields := s.viewer(c), map[string]string{}
	onlyParams(c, fields, "limit", "cursor")
	limit, after := readDatedPage(c, fields)
	if err := filterProblem(fields); err != nil {
		return err
	}
	rows, err := registry.ReviewContributions(c.Context(), s.store.Client, v, reviewID, after.position(), limit+1)
	if err != nil {
		return err
	}
	return c.JSON(datedPageOf(rows, limit, func(r *ent.Contribution) datedPosition {
		return datedPosition{on: r.ReceivedOn, id: r.ID}
	}, toContributionJSON))
}

// handleContributionShow handles GET /api/v1/contributions/:id. The view
// is audited.
func (s *Server) handleContributionShow(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	out, err := registry.ViewContribution(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id)
	if err != nil {
		return err
	}
	setETag(c, out.Version)
	return c.JSON(toContributionJSON(out))
}

// handleContributionCreate handles POST /api/v1/reviews/:id/contributions.
func (s *Server) handleContributionCreate(c fiber.Ctx) error {
	reviewID, err := pathID(c)
	if err != nil {
		return err
	}
	var in request.Contribution
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	out, err := registry.CreateContribution(c.Context(), s.store.Client, s.actor(c), s.viewer(c), reviewID, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, out.Version)
	c.Location(fmt.Sprintf("/api/v1/contributions/%d", out.ID))
	return c.Status(fiber.StatusCreated).JSON(toContributionJSON(out))
}

// handleContributionUpdate handles PUT /api/v1/contributions/:id, with
// If-Match.
func (s *Server) handleContributionUpdate(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in request.Contribution
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	out, err := registry.UpdateContribution(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	setETag(c, out.Version)
	return c.JSON(toContributionJSON(out))
}
