package request

import (
	"context"
	"strings"

	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Decision is the body of POST /api/v1/reviews/:id/decision.
type Decision struct {
	DecidedOn           string        `json:"decided_on" validate:"required,date,notfuture" plain:"the date of the decision"`
	Outcome             string        `json:"outcome" validate:"required,enum=review.outcome" plain:"the decision"`
	DecisionReasons     string        `json:"decision_reasons" validate:"required,notblank,max=20000,notes" plain:"the reasons for the decision"`
	CarerAgreedToChange *bool         `json:"carer_agreed_to_change" plain:"whether the carers agreed to the change"`
	NoticeSentOn        string        `json:"notice_sent_on" validate:"omitempty,date,notfuture" plain:"the date written notice was sent"`
	Terms               *DecidedTerms `json:"terms" validate:"omitempty" plain:"the revised terms of approval"`
}

// DecidedTerms is revised terms of approval within a decision.
type DecidedTerms struct {
	Categories       []string `json:"categories" validate:"required,min=1" plain:"the categories of approval"`
	NumberOfChildren int      `json:"number_of_children" validate:"required,min=1,max=6" plain:"the number of children"`
	AgeFrom          *int     `json:"age_from" validate:"required,min=0,max=21" plain:"the youngest age"`
	AgeTo            *int     `json:"age_to" validate:"required,min=0,max=21" plain:"the oldest age"`
	Notes            string   `json:"notes" validate:"max=20000,notes" plain:"the note on the terms"`
}

// Normalise trims the free text people type.
func (r *Decision) Normalise() {
	r.DecisionReasons = strings.TrimSpace(r.DecisionReasons)
	if r.Terms != nil {
		r.Terms.Notes = strings.TrimSpace(r.Terms.Notes)
	}
}

// Check applies the rules across fields: terms come only with a revision,
// and run upward.
func (r *Decision) Check(_ context.Context, fields map[string]string) {
	if r.Terms == nil {
		return
	}
	if r.Outcome != string(review.OutcomeTermsRevised) && fields["terms"] == "" {
		fields["terms"] = "Give revised terms of approval only when the decision is to revise them"
	}
	AgeRange(fields, r, "terms.age_from", "terms.age_to", r.Terms.AgeFrom, r.Terms.AgeTo)
	Categories(fields, r, "terms.categories", r.Terms.Categories)
}

func (r *Decision) Fields() registry.Decision {
	on, _ := civil.Parse(r.DecidedOn)
	d := registry.Decision{DecidedOn: on, Outcome: review.Outcome(r.Outcome), Reasons: r.DecisionReasons,
		CarerAgreedToChange: r.CarerAgreedToChange, NoticeSentOn: OptionalDate(r.NoticeSentOn)}
	if t := r.Terms; t != nil {
		d.Terms = &registry.ProposedTerms{Categories: t.Categories, NumberOfChildren: t.NumberOfChildren,
			AgeFrom: *t.AgeFrom, AgeTo: *t.AgeTo, Notes: t.Notes}
	}
	return d
}

// Determination is the body of POST /api/v1/reviews/:id/determination.
type Determination struct {
	EffectiveOn string `json:"effective_on" validate:"required,date" plain:"the date the determination takes effect"`
}
