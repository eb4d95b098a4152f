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
	Categories       []string `json:"categories" validate:"required,min=1"`
	NumberOfChildren *int     `json:"number_of_children" validate:"required,min=1,max=6"`
	AgeFrom          *int     `json:"age_from" validate:"required,min=0,max=21"`
	AgeTo            *int     `json:"age_to" validate:"required,min=0,max=21"`
	Notes            string   `json:"notes" validate:"max=20000,notes"`
	EffectiveFrom    string   `json:"effective_from" validate:"required,date"`
	EffectiveTo      string   `json:"effective_to" validate:"omitempty,date"`
	ReviewID         *int     `json:"review_id" validate:"omitempty,min=1"`
	Decision         string   `json:"decision" validate:"required,notblank,max=300"`
}

// Normalise trims the free text.
func (r *Terms) Normalise() {
	r.Notes, r.Decision = strings.TrimSpace(r.Notes), strings.TrimSpace(r.Decision)
}

// Check applies the rules across fields: known categories, each once; an
// age range that runs upward; terms that end no earlier than they begin.
func (r *Terms) Check(_ context.Context, fields map[string]string) {
	checkCategories("categories", r.Categories, fields)
	checkAgeRange("age_from", "age_to", r.AgeFrom, r.AgeTo, fields)
	from, ferr := civil.Parse(r.EffectiveFrom)
	to, terr := civil.Parse(r.EffectiveTo)
	if ferr == nil && terr == nil && to.Before(from) && fields["effective_to"] == "" {
		fields["effective_to"] = "effective_to cannot be before effective_from"
	}
}

func (r *Terms) Fields() registry.TermsFields {
	from, _ := civil.Parse(r.EffectiveFrom)
	return registry.TermsFields{Categories: r.Categories, NumberOfChildren: *r.NumberOfChildren, AgeFrom: *r.AgeFrom,
		AgeTo: *r.AgeTo, Notes: r.Notes, Decision: r.Decision, EffectiveFrom: from,
		EffectiveTo: OptionalDate(r.EffectiveTo), ReviewID: r.ReviewID}
}
