package request

import (
	"context"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Review is the body of POST /api/v1/households/:id/reviews and PUT
// /api/v1/reviews/:id: every editable field (an omitted optional field is
// cleared).
type Review struct {
	Kind                     string   `json:"kind" validate:"required,enum=review.kind" plain:"the kind of review"`
	DueOn                    string   `json:"due_on" validate:"required,date" plain:"the date the review is due"`
	MeetingOn                string   `json:"meeting_on" validate:"omitempty,date" plain:"the date of the review meeting"`
	AllegationConcludedOn    string   `json:"allegation_concluded_on" validate:"omitempty,date,notfuture" plain:"the date the allegation investigation ended"`
	Status                   string   `json:"status" validate:"required,enum=review.status" plain:"the stage of the review"`
	PanelRequired            bool     `json:"panel_required" plain:"whether the review goes to panel"`
	ReviewingOfficerID       *int     `json:"reviewing_officer_id" validate:"omitempty,min=1" plain:"the reviewing officer"`
	Report                   string   `json:"report" validate:"max=100000,notes" plain:"the report"`
	Recommendation           string   `json:"recommendation" validate:"omitempty,enum=review.recommendation" plain:"a recommendation"`
	ProposedCategories       []string `json:"proposed_categories" plain:"the proposed categories of approval"`
	ProposedNumberOfChildren *int     `json:"proposed_number_of_children" validate:"omitempty,min=1,max=6" plain:"the proposed number of children"`
	ProposedAgeFrom          *int     `json:"proposed_age_from" validate:"omitempty,min=0,max=21" plain:"the proposed youngest age"`
	ProposedAgeTo            *int     `json:"proposed_age_to" validate:"omitempty,min=0,max=21" plain:"the proposed oldest age"`
	ProposedTermsNote        string   `json:"proposed_terms_note" validate:"max=20000,notes" plain:"the note on the proposed terms"`
	DecidedOn                string   `json:"decided_on" validate:"omitempty,date,notfuture" plain:"the date of the decision"`
	Outcome                  string   `json:"outcome" validate:"omitempty,enum=review.outcome" plain:"the decision"`
	DecisionReasons          string   `json:"decision_reasons" validate:"max=20000,notes" plain:"the reasons for the decision"`
	CarerAgreedToChange      *bool    `json:"carer_agreed_to_change" plain:"whether the carers agreed to the change"`
	NoticeSentOn             string   `json:"notice_sent_on" validate:"omitempty,date,notfuture" plain:"the date written notice was sent"`
	CancelledReason          string   `json:"cancelled_reason" validate:"max=2000,notes" plain:"why the review is cancelled"`
	RescheduleReason         string   `json:"reschedule_reason" validate:"max=2000,notes" plain:"why the review is moved"`
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
			fields["decided_on"] = "Enter the date of the decision"
		}
		if r.Outcome == "" {
			fields["outcome"] = "Choose the decision"
		}
	} else {
		for name, v := range map[string]string{"decided_on": r.DecidedOn, "outcome": r.Outcome} {
			if v != "" && fields[name] == "" {
				fields[name] = Sentence(PlainName(r, name)) + " is recorded only once the review is decided"
			}
		}
	}
	DateNotBefore(fields, r, "notice_sent_on", r.NoticeSentOn, "decided_on", r.DecidedOn)
	AgeRange(fields, r, "proposed_age_from", "proposed_age_to", r.ProposedAgeFrom, r.ProposedAgeTo)
	Categories(fields, r, "proposed_categories", r.ProposedCategories)
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

// ReviewOf is review r as the request that would leave it as it stands: a
// page that changes a few of its fields (the next step, its report) starts
// from it, so that the change is checked as the API checks a PUT.
func ReviewOf(r *ent.Review) Review {
	date := func(d *civil.Date) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	in := Review{Kind: string(r.Kind), DueOn: r.DueOn.String(), MeetingOn: date(r.MeetingOn),
		AllegationConcludedOn: date(r.AllegationConcludedOn), Status: string(r.Status), PanelRequired: r.PanelRequired,
		ReviewingOfficerID: r.ReviewingOfficerID, Report: r.Report,
		ProposedCategories: r.ProposedCategories, ProposedNumberOfChildren: r.ProposedNumberOfChildren,
		ProposedAgeFrom: r.ProposedAgeFrom, ProposedAgeTo: r.ProposedAgeTo, ProposedTermsNote: r.ProposedTermsNote,
		DecidedOn: date(r.DecidedOn), DecisionReasons: r.DecisionReasons,
		CarerAgreedToChange: r.CarerAgreedToChange, NoticeSentOn: date(r.NoticeSentOn), CancelledReason: r.CancelledReason,
		ID: r.ID}
	if r.Recommendation != nil {
		in.Recommendation = string(*r.Recommendation)
	}
	if r.Outcome != nil {
		in.Outcome = string(*r.Outcome)
	}
	return in
}
