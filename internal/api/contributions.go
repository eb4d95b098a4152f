package api

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// ContributionJSON is the views gathered for a review, as the API shows
// them.
type ContributionJSON struct {
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

func toContributionJSON(c *ent.Contribution) ContributionJSON {
	return ContributionJSON{ID: c.ID, ReviewID: c.ReviewID, Source: c.Source, AuthorName: c.AuthorName,
		AuthorID: c.AuthorID, ReceivedOn: c.ReceivedOn, Text: c.Text, Version: c.Version,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

// HandleContributionList handles GET /api/v1/reviews/:id/contributions, in
// the order the views were received; a carer sees only their own.
func (s *Handler) HandleContributionList(c fiber.Ctx) error {
	reviewID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	v, fields := s.Viewer(c), map[string]string{}
	httpx.OnlyParams(c, fields, "limit", "cursor")
	limit, after := httpx.ReadDatedPage(c, fields)
	if err := httpx.FilterProblem(fields); err != nil {
		return err
	}
	rows, err := registry.ReviewContributions(c.Context(), s.Store.Client, v, reviewID, after.Position(), limit+1)
	if err != nil {
		return err
	}
	return c.JSON(httpx.DatedPageOf(rows, limit, func(r *ent.Contribution) httpx.DatedPosition {
		return httpx.DatedPosition{On: r.ReceivedOn, ID: r.ID}
	}, toContributionJSON))
}

// HandleContributionShow handles GET /api/v1/contributions/:id. The view
// is audited.
func (s *Handler) HandleContributionShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	out, err := registry.ViewContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, out.Version)
	return c.JSON(toContributionJSON(out))
}

// HandleContributionCreate handles POST /api/v1/reviews/:id/contributions.
func (s *Handler) HandleContributionCreate(c fiber.Ctx) error {
	reviewID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in request.Contribution
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	out, err := registry.CreateContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), reviewID, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, out.Version)
	c.Location(fmt.Sprintf("/api/v1/contributions/%d", out.ID))
	return c.Status(fiber.StatusCreated).JSON(toContributionJSON(out))
}

// HandleContributionUpdate handles PUT /api/v1/contributions/:id, with
// If-Match.
func (s *Handler) HandleContributionUpdate(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	var in request.Contribution
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	out, err := registry.UpdateContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, out.Version)
	return c.JSON(toContributionJSON(out))
}
