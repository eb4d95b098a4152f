package server

import (
	"context"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// decisionRequest is the body of POST /api/v1/reviews/:id/decision.
type decisionRequest struct {
	DecidedOn           string               `json:"decided_on" validate:"required,date,notfuture"`
	Outcome             string               `json:"outcome" validate:"required,enum=review.outcome"`
	DecisionReasons     string               `json:"decision_reasons" validate:"required,notblank,max=20000,notes"`
	CarerAgreedToChange *bool                `json:"carer_agreed_to_change"`
	NoticeSentOn        string               `json:"notice_sent_on" validate:"omitempty,date,notfuture"`
	Terms               *decidedTermsRequest `json:"terms" validate:"omitempty"`
}

// decidedTermsRequest is revised terms of approval within a decision.
type decidedTermsRequest struct {
	Categories       []string `json:"categories" validate:"required,min=1"`
	NumberOfChildren int      `json:"number_of_children" validate:"required,min=1,max=6"`
	AgeFrom          *int     `json:"age_from" validate:"required,min=0,max=21"`
	AgeTo            *int     `json:"age_to" validate:"required,min=0,max=21"`
	Notes            string   `json:"notes" validate:"max=20000,notes"`
}

// Normalise trims the free text people type.
func (r *decisionRequest) Normalise() {
	r.DecisionReasons = strings.TrimSpace(r.DecisionReasons)
	if r.Terms != nil {
		r.Terms.Notes = strings.TrimSpace(r.Terms.Notes)
	}
}

// Check applies the rules across fields: terms come only with a revision,
// and run upward.
func (r *decisionRequest) Check(_ context.Context, fields map[string]string) {
	if r.Terms == nil {
		return
	}
	if r.Outcome != string(review.OutcomeTermsRevised) && fields["terms"] == "" {
		fields["terms"] = "terms are given only when the outcome is terms_revised"
	}
	checkAgeRange("terms.age_from", "terms.age_to", r.Terms.AgeFrom, r.Terms.AgeTo, fields)
	checkCategories("terms.categories", r.Terms.Categories, fields)
}

func (r *decisionRequest) decision() registry.Decision {
	on, _ := civil.Parse(r.DecidedOn)
	d := registry.Decision{DecidedOn: on, Outcome: review.Outcome(r.Outcome), Reasons: r.DecisionReasons,
		CarerAgreedToChange: r.CarerAgreedToChange, NoticeSentOn: request.OptionalDate(r.NoticeSentOn)}
	if t := r.Terms; t != nil {
		d.Terms = &registry.ProposedTerms{Categories: t.Categories, NumberOfChildren: t.NumberOfChildren,
			AgeFrom: *t.AgeFrom, AgeTo: *t.AgeTo, Notes: t.Notes}
	}
	return d
}

// handleReviewDecision handles POST /api/v1/reviews/:id/decision: the
// decision maker's decision, with If-Match; the registry applies it to the
// terms and schedules the next review in the same transaction.
func (s *Server) handleReviewDecision(c fiber.Ctx) error {
	id, version, err := idAndIfMatch(c)
	if err != nil {
		return err
	}
	var in decisionRequest
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	r, err := registry.DecideReview(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, in.decision())
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(toReviewJSON(r, s.viewer(c)))
}

// determinationRequest is the body of POST /api/v1/reviews/:id/determination.
type determinationRequest struct {
	EffectiveOn string `json:"effective_on" validate:"required,date"`
}

// handleReviewDetermination handles POST /api/v1/reviews/:id/determination:
// a qualifying determination takes effect once the carer's time for
// representations has passed.
func (s *Server) handleReviewDetermination(c fiber.Ctx) error {
	id, version, err := idAndIfMatch(c)
	if err != nil {
		return err
	}
	var in determinationRequest
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	on, _ := civil.Parse(in.EffectiveOn)
	r, err := registry.ConfirmDetermination(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version, on)
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(toReviewJSON(r, s.viewer(c)))
}

// expectedViewJSON is one entry of a review's views checklist.
type expectedViewJSON struct {
	Source         string `json:"source"`
	Who            string `json:"who"`
	Why            string `json:"why"`
	Received       bool   `json:"received"`
	ContributionID *int   `json:"contribution_id"`
}

// viewsChecklistJSON is whose views a review should have, and which are
// still missing.
type viewsChecklistJSON struct {
	ReviewID   int                `json:"review_id"`
	PeriodFrom civil.Date         `json:"period_from"`
	PeriodTo   civil.Date         `json:"period_to"`
	Missing    int                `json:"missing"`
	Views      []expectedViewJSON `json:"views"`
}

// handleReviewViews handles GET /api/v1/reviews/:id/views: the checklist
// derived from the household's carers, members and placements.
func (s *Server) handleReviewViews(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	views, period, err := registry.ExpectedViews(c.Context(), s.store.Client, s.viewer(c), id)
	if err != nil {
		return err
	}
	out := viewsChecklistJSON{ReviewID: id, PeriodFrom: period.From, PeriodTo: period.To, Views: []expectedViewJSON{}}
	for _, v := range views {
		out.Views = append(out.Views, expectedViewJSON{Source: string(v.Source), Who: v.Who, Why: v.Why,
			Received: v.ContributionID != nil, ContributionID: v.ContributionID})
		if v.ContributionID == nil {
			out.Missing++
		}
	}
	return c.JSON(out)
}
