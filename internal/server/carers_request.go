package server

import (
	"context"
	"strings"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// carerRequest is the body of POST /api/v1/households/:id/carers and PUT
// /api/v1/carers/:id: every editable field (an omitted optional field is
// cleared).
type carerRequest struct {
	FirstName       string `json:"first_name" validate:"required,notblank,max=100"`
	LastName        string `json:"last_name" validate:"required,notblank,max=100"`
	DateOfBirth     string `json:"date_of_birth" validate:"omitempty,date,notfuture"`
	Email           string `json:"email" validate:"omitempty,email,max=254"`
	Phone           string `json:"phone" validate:"max=30"`
	ConnectedPerson bool   `json:"connected_person"`
	TSDCompletedOn  string `json:"tsd_completed_on" validate:"omitempty,date,notfuture"`
	UserID          *int   `json:"user_id" validate:"omitempty,min=1"`
}

// Normalise trims the spaces people type around values.
func (r *carerRequest) Normalise() {
	trimEach(&r.FirstName, &r.LastName, &r.Email, &r.Phone)
}

// Check applies the rules across fields: nobody evidences the TSD
// standards before they are born.
func (r *carerRequest) Check(_ context.Context, fields map[string]string) {
	dateNotBefore(fields, "tsd_completed_on", r.TSDCompletedOn, "date_of_birth", r.DateOfBirth)
}

// fields are the request's values, typed for the registry.
func (r *carerRequest) fields() registry.CarerFields {
	return registry.CarerFields{FirstName: r.FirstName, LastName: r.LastName, Email: r.Email, Phone: r.Phone,
		DateOfBirth: optionalDate(r.DateOfBirth), TSDCompletedOn: optionalDate(r.TSDCompletedOn),
		ConnectedPerson: r.ConnectedPerson, UserID: r.UserID}
}

// trimEach trims the spaces around each value.
func trimEach(values ...*string) {
	for _, v := range values {
		*v = strings.TrimSpace(*v)
	}
}

// dateNotBefore names field when its date is before the other field's, unless
// either is missing or already wrong.
func dateNotBefore(fields map[string]string, field, value, other, otherValue string) {
	d, err := civil.Parse(value)
	o, otherErr := civil.Parse(otherValue)
	if err != nil || otherErr != nil || fields[field] != "" || fields[other] != "" {
		return
	}
	if d.Before(o) {
		fields[field] = field + " cannot be before " + other
	}
}
