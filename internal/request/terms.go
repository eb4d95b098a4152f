package request

import (
	"context"
	"strings"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Terms is the body of POST /api/v1/households/:id/approval-terms
// and PUT /api/v1/approval-terms/:id.
type Terms struct {
	Categories       []string `json:"categories" validate:"required,min=1" plain:"the categories of approval"`
	NumberOfChildren *int     `json:"number_of_children" validate:"required,min=1,max=6" plain:"the number of children"`
	AgeFrom          *int     `json:"age_from" validate:"required,min=0,max=21" plain:"the youngest age"`
	AgeTo            *int     `json:"age_to" validate:"required,min=0,max=21" plain:"the oldest age"`
	Notes            string   `json:"notes" validate:"max=20000,notes" plain:"the note on the terms"`
	EffectiveFrom    string   `json:"effective_from" validate:"required,date" plain:"the date the terms take effect"`
	EffectiveTo      string   `json:"effective_to" validate:"omitempty,date" plain:"the date the terms end"`
	ReviewID         *int     `json:"review_id" validate:"omitempty,min=1" plain:"the review that set these terms"`
	Decision         string   `json:"decision" validate:"required,notblank,max=300" plain:"the decision that set these terms"`
}

// Normalise trims the free text.
func (r *Terms) Normalise() {
	r.Notes, r.Decision = strings.TrimSpace(r.Notes), strings.TrimSpace(r.Decision)
}

// Check applies the rules across fields: known categories, each once; an
// age range that runs upward; terms that end no earlier than they begin.
func (r *Terms) Check(_ context.Context, fields map[string]string) {
	Categories(fields, r, "categories", r.Categories)
	AgeRange(fields, r, "age_from", "age_to", r.AgeFrom, r.AgeTo)
	DateNotBefore(fields, r, "effective_to", r.EffectiveTo, "effective_from", r.EffectiveFrom)
}

func (r *Terms) Fields() registry.TermsFields {
	from, _ := civil.Parse(r.EffectiveFrom)
	return registry.TermsFields{Categories: r.Categories, NumberOfChildren: *r.NumberOfChildren, AgeFrom: *r.AgeFrom,
		AgeTo: *r.AgeTo, Notes: r.Notes, Decision: r.Decision, EffectiveFrom: from,
		EffectiveTo: OptionalDate(r.EffectiveTo), ReviewID: r.ReviewID}
}
