package api

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// ReviewJSON is a review as the API shows it. The staff's free-text notes
// are left out for a carer. Warnings point out what is lawful only in some
// circumstances, without refusing it.
type ReviewJSON struct {
	ID                       int                    `json:"id"`
	HouseholdID              int                    `json:"household_id"`
	Kind                     review.Kind            `json:"kind"`
	DueOn                    civil.Date             `json:"due_on"`
	MeetingOn                *civil.Date            `json:"meeting_on"`
	AllegationConcludedOn    *civil.Date            `json:"allegation_concluded_on"`
	Status                   review.Status          `json:"status"`
	PanelRequired            bool                   `json:"panel_required"`
	ReviewingOfficerID       *int                   `json:"reviewing_officer_id"`
	Report                   *string                `json:"report,omitempty"`
	Recommendation           *review.Recommendation `json:"recommendation"`
	ProposedCategories       []string               `json:"proposed_categories"`
	ProposedNumberOfChildren *int                   `json:"proposed_number_of_children"`
	ProposedAgeFrom          *int                   `json:"proposed_age_from"`
	ProposedAgeTo            *int                   `json:"proposed_age_to"`
	ProposedTermsNote        *string                `json:"proposed_terms_note,omitempty"`
	DecidedByID              *int                   `json:"decided_by_id"`
	DecidedOn                *civil.Date            `json:"decided_on"`
	Outcome                  *review.Outcome        `json:"outcome"`
	DecisionReasons          string                 `json:"decision_reasons"`
	CarerAgreedToChange      *bool                  `json:"carer_agreed_to_change"`
	NoticeSentOn             *civil.Date            `json:"notice_sent_on"`
	RepresentationsUntil     *civil.Date            `json:"representations_until"`
	DeterminationEffectiveOn *civil.Date            `json:"determination_effective_on"`
	CancelledReason          *string                `json:"cancelled_reason,omitempty"`
	Version                  int                    `json:"version"`
	CreatedAt                time.Time              `json:"created_at"`
	UpdatedAt                time.Time              `json:"updated_at"`
	Warnings                 []string               `json:"warnings"`
}

// toReviewJSON shows r as v may see it.
func toReviewJSON(r *ent.Review, v registry.Viewer) ReviewJSON {
	out := ReviewJSON{ID: r.ID, HouseholdID: r.HouseholdID, Kind: r.Kind, DueOn: r.DueOn, MeetingOn: r.MeetingOn,
		AllegationConcludedOn: r.AllegationConcludedOn, Status: r.Status, PanelRequired: r.PanelRequired,
		ReviewingOfficerID: r.ReviewingOfficerID, Recommendation: r.Recommendation,
		ProposedCategories: append([]string{}, r.ProposedCategories...), ProposedNumberOfChildren: r.ProposedNumberOfChildren,
		ProposedAgeFrom: r.ProposedAgeFrom, ProposedAgeTo: r.ProposedAgeTo, DecidedByID: r.DecidedByID,
		DecidedOn: r.DecidedOn, Outcome: r.Outcome, DecisionReasons: r.DecisionReasons,
		CarerAgreedToChange: r.CarerAgreedToChange, NoticeSentOn: r.NoticeSentOn, Version: r.Version,
		RepresentationsUntil: registry.RepresentationsUntil(r), DeterminationEffectiveOn: r.DeterminationEffectiveOn,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Warnings: usualLimitWarnings(r.ProposedNumberOfChildren)}
	if v.SeesReviewNotes() {
		out.Report, out.ProposedTermsNote, out.CancelledReason = &r.Report, &r.ProposedTermsNote, &r.CancelledReason
	}
	return out
}

// HandleReviewList handles GET /api/v1/reviews: every review the viewer
// may see, filtered, in due date order.
func (s *Handler) HandleReviewList(c fiber.Ctx) error {
	f, limit, err := parseReviewQuery(c)
	if err != nil {
		return err
	}
	return s.sendReviewPage(c, f, limit)
}

// HandleHouseholdReviewList handles GET /api/v1/households/:id/reviews.
func (s *Handler) HandleHouseholdReviewList(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	f, limit, err := parseReviewQuery(c)
	if err != nil {
		return err
	}
	f.Household = id
	return s.sendReviewPage(c, f, limit)
}

// sendReviewPage answers with one page, of limit, of the reviews f chooses.
func (s *Handler) sendReviewPage(c fiber.Ctx, f registry.ReviewFilter, limit int) error {
	v := s.Viewer(c)
	rows, err := registry.Reviews(c.Context(), s.Store.Client, v, f)
	if err != nil {
		return err
	}
	return c.JSON(httpx.DatedPageOf(rows, limit, reviewPosition, func(r *ent.Review) ReviewJSON { return toReviewJSON(r, v) }))
}

// HandleReviewShow handles GET /api/v1/reviews/:id. The view is audited.
func (s *Handler) HandleReviewShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	r, err := registry.ViewReview(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, r.Version)
	return c.JSON(toReviewJSON(r, s.Viewer(c)))
}

// HandleReviewCreate handles POST /api/v1/households/:id/reviews.
func (s *Handler) HandleReviewCreate(c fiber.Ctx) error {
	householdID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in request.Review
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.CreateReview(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), householdID, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, r.Version)
	c.Location(fmt.Sprintf("/api/v1/reviews/%d", r.ID))
	return c.Status(fiber.StatusCreated).JSON(toReviewJSON(r, s.Viewer(c)))
}

// HandleReviewUpdate handles PUT /api/v1/reviews/:id: every editable
// field, with If-Match. Who may change which fields is the registry's to
// decide.
func (s *Handler) HandleReviewUpdate(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	in := request.Review{ID: id}
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.UpdateReview(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, r.Version)
	return c.JSON(toReviewJSON(r, s.Viewer(c)))
}
