package request

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Review is the body of POST /api/v1/households/:id/reviews and PUT
// /api/v1/reviews/:id: every editable field (an omitted optional field is
// cleared).
type Review struct {
	Kind                     string   `json:"kind" validate:"required,enum=review.kind"`
	DueOn                    string   `json:"due_on" validate:"required,date"`
	MeetingOn                string   `json:"meeting_on" validate:"omitempty,date"`
	AllegationConcludedOn    string   `json:"allegation_concluded_on" validate:"omitempty,date,notfuture"`
	Status                   string   `json:"status" validate:"required,enum=review.status"`
	PanelRequired            bool     `json:"panel_required"`
	ReviewingOfficerID       *int     `json:"reviewing_officer_id" validate:"omitempty,min=1"`
	Report                   string   `json:"report" validate:"max=100000,notes"`
	Recommendation           string   `json:"recommendation" validate:"omitempty,enum=review.recommendation"`
	ProposedCategories       []string `json:"proposed_categories"`
	ProposedNumberOfChildren *int     `json:"proposed_number_of_children" validate:"omitempty,min=1,max=6"`
	ProposedAgeFrom          *int     `json:"proposed_age_from" validate:"omitempty,min=0,max=21"`
	ProposedAgeTo            *int     `json:"proposed_age_to" validate:"omitempty,min=0,max=21"`
	ProposedTermsNote        string   `json:"proposed_terms_note" validate:"max=20000,notes"`
	DecidedOn                string   `json:"decided_on" validate:"omitempty,date,notfuture"`
	Outcome                  string   `json:"outcome" validate:"omitempty,enum=review.outcome"`
	DecisionReasons          string   `json:"decision_reasons" validate:"max=20000,notes"`
	CarerAgreedToChange      *bool    `json:"carer_agreed_to_change"`
	NoticeSentOn             string   `json:"notice_sent_on" validate:"omitempty,date,notfuture"`
	CancelledReason          string   `json:"cancelled_reason" validate:"max=2000,notes"`
	RescheduleReason         string   `json:"reschedule_reason" validate:"max=2000,notes"`
	// ID is the review an update changes, set by the handler, never sent.
	ID int `json:"-"`
}

// Normalise trims the free text people type.
func (r *Review) Normalise() {
	for _, f := range []*string{&r.Report, &r.ProposedTermsNote, &r.DecisionReasons, &r.CancelledReason, &r.RescheduleReason} {
		*f = strings.TrimSpace(*f)
	}
}

// Check applies the rules across fields: a decision has both its
// date and its outcome, and only a decided review has one; a proposed age
// range runs upward.
func (r *Review) Check(_ context.Context, fields map[string]string) {
	if r.Status == string(review.StatusDecided) {
		if r.DecidedOn == "" {
			fields["decided_on"] = "decided_on is required when status is decided"
		}
		if r.Outcome == "" {
			fields["outcome"] = "outcome is required when status is decided"
		}
	} else {
		for name, v := range map[string]string{"decided_on": r.DecidedOn, "outcome": r.Outcome} {
			if v != "" && fields[name] == "" {
				fields[name] = name + " is recorded only with status decided"
			}
		}
	}
	if notice, err := civil.Parse(r.NoticeSentOn); err == nil {
		if decided, err := civil.Parse(r.DecidedOn); err == nil && notice.Before(decided) && fields["notice_sent_on"] == "" {
			fields["notice_sent_on"] = "notice_sent_on cannot be before decided_on"
		}
	}
	checkAgeRange("proposed_age_from", "proposed_age_to", r.ProposedAgeFrom, r.ProposedAgeTo, fields)
	checkCategories("proposed_categories", r.ProposedCategories, fields)
}

// checkAgeRange names the upper age when it is below the lower one.
func checkAgeRange(fromName, toName string, from, to *int, fields map[string]string) {
	if from != nil && to != nil && *from > *to && fields[fromName] == "" && fields[toName] == "" {
		fields[toName] = fmt.Sprintf("%s must be at least %s (%d)", toName, fromName, *from)
	}
}

// checkCategories names a list of approval categories with one that is
// unknown or given twice, saying which are allowed.
func checkCategories(name string, categories []string, fields map[string]string) {
	known := schema.ApprovalCategories()
	for i, c := range categories {
		switch {
		case !slices.Contains(known, c):
			fields[name] = fmt.Sprintf("%s must each be one of %s; %q is not", name, strings.Join(known, ", "), c)
			return
		case slices.Contains(categories[:i], c):
			fields[name] = fmt.Sprintf("%s lists %s twice", name, c)
			return
		}
	}
}

// CheckRegistry names a reviewing officer who is not an active one, when
// the body assigns one: an officer who has since left still wrote the
// review they were assigned.
func (r *Review) CheckRegistry(ctx context.Context, client *ent.Client, fields map[string]string) error {
	if r.ID != 0 && r.ReviewingOfficerID != nil && registry.KeepsReviewingOfficer(ctx, client, r.ID, *r.ReviewingOfficerID) {
		return nil
	}
	return registry.CheckReview(ctx, client, r.Fields(), fields)
}

// Fields are the request's values, typed for the registry.
func (r *Review) Fields() registry.ReviewFields {
	due, _ := civil.Parse(r.DueOn)
	return registry.ReviewFields{
		Kind: review.Kind(r.Kind), DueOn: due, MeetingOn: OptionalDate(r.MeetingOn),
		AllegationConcludedOn: OptionalDate(r.AllegationConcludedOn), Status: review.Status(r.Status),
		PanelRequired: r.PanelRequired, ReviewingOfficerID: r.ReviewingOfficerID, Report: r.Report,
		ProposedTermsNote: r.ProposedTermsNote, Recommendation: OptionalEnum[review.Recommendation](r.Recommendation),
		ProposedCategories: r.ProposedCategories, ProposedNumberOfChildren: r.ProposedNumberOfChildren,
		ProposedAgeFrom: r.ProposedAgeFrom, ProposedAgeTo: r.ProposedAgeTo, DecidedOn: OptionalDate(r.DecidedOn),
		NoticeSentOn: OptionalDate(r.NoticeSentOn), Outcome: OptionalEnum[review.Outcome](r.Outcome),
		DecisionReasons: r.DecisionReasons, CancelledReason: r.CancelledReason, CarerAgreedToChange: r.CarerAgreedToChange,
		RescheduleReason: r.RescheduleReason,
	}
}

// OptionalEnum reads a validated enum value, or nil for none.
func OptionalEnum[T ~string](v string) *T {
	if v == "" {
		return nil
	}
	e := T(v)
	return &e
}
