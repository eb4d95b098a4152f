package api

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// HandleReviewDecision handles POST /api/v1/reviews/:id/decision: the
// decision maker's decision, with If-Match; the registry applies it to the
// terms and schedules the next review in the same transaction.
func (s *Handler) HandleReviewDecision(c fiber.Ctx) error {
	id, version, err := httpx.IDAndIfMatch(c)
	if err != nil {
		return err
	}
	var in request.Decision
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.DecideReview(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, r.Version)
	return c.JSON(toReviewJSON(r, s.Viewer(c)))
}

// HandleReviewDetermination handles POST /api/v1/reviews/:id/determination:
// a qualifying determination takes effect once the carer's time for
// representations has passed.
func (s *Handler) HandleReviewDetermination(c fiber.Ctx) error {
	id, version, err := httpx.IDAndIfMatch(c)
	if err != nil {
		return err
	}
	var in request.Determination
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	on, _ := civil.Parse(in.EffectiveOn)
	r, err := registry.ConfirmDetermination(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, on)
	if err != nil {
		return err
	}
	httpx.SetETag(c, r.Version)
	return c.JSON(toReviewJSON(r, s.Viewer(c)))
}

// expectedViewJSON is one entry of a review's views checklist.
type expectedViewJSON struct {
	Source         string `json:"source"`
	Who            string `json:"who"`
	Why            string `json:"why"`
	Received       bool   `json:"received"`
	ContributionID *int   `json:"contribution_id"`
}

// ViewsChecklistJSON is whose views a review should have, and which are
// still missing.
type ViewsChecklistJSON struct {
	ReviewID   int                `json:"review_id"`
	PeriodFrom civil.Date         `json:"period_from"`
	PeriodTo   civil.Date         `json:"period_to"`
	Missing    int                `json:"missing"`
	Views      []expectedViewJSON `json:"views"`
}

// HandleReviewViews handles GET /api/v1/reviews/:id/views: the checklist
// derived from the household's carers, members and placements.
func (s *Handler) HandleReviewViews(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	views, period, err := registry.ExpectedViews(c.Context(), s.Store.Client, s.Viewer(c), id)
	if err != nil {
		return err
	}
	out := ViewsChecklistJSON{ReviewID: id, PeriodFrom: period.From, PeriodTo: period.To, Views: []expectedViewJSON{}}
	for _, v := range views {
		out.Views = append(out.Views, expectedViewJSON{Source: string(v.Source), Who: v.Who, Why: v.Why,
			Received: v.ContributionID != nil, ContributionID: v.ContributionID})
		if v.ContributionID == nil {
			out.Missing++
		}
	}
	return c.JSON(out)
}
