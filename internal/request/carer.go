package request

import (
	"context"

	"github.com/hearth-registry/hearth/internal/registry"
)

// Carer is the body of POST /api/v1/households/:id/carers and PUT
// /api/v1/carers/:id, the carer form, and each carer of a households
// import row: every editable field (an omitted optional field is cleared).
type Carer struct {
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
func (r *Carer) Normalise() {
	TrimEach(&r.FirstName, &r.LastName, &r.Email, &r.Phone)
}

// Check applies the rules across fields: nobody evidences the TSD
// standards before they are born.
func (r *Carer) Check(_ context.Context, fields map[string]string) {
	DateNotBefore(fields, "tsd_completed_on", r.TSDCompletedOn, "date_of_birth", r.DateOfBirth)
}

// Fields are the request's values, typed for the registry.
func (r *Carer) Fields() registry.CarerFields {
	return registry.CarerFields{FirstName: r.FirstName, LastName: r.LastName, Email: r.Email, Phone: r.Phone,
		DateOfBirth: OptionalDate(r.DateOfBirth), TSDCompletedOn: OptionalDate(r.TSDCompletedOn),
		ConnectedPerson: r.ConnectedPerson, UserID: r.UserID}
}
