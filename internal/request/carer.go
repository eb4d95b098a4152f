package request

import (
	"context"

	"github.com/hearth-registry/hearth/internal/registry"
)

// Carer is the body of POST /api/v1/households/:id/carers and PUT
// /api/v1/carers/:id, the carer form, and each carer of a households
// import row: every editable field (an omitted optional field is cleared).
type Carer struct {
	FirstName       string `json:"first_name" validate:"required,notblank,max=100" plain:"the carer's first name"`
	LastName        string `json:"last_name" validate:"required,notblank,max=100" plain:"the carer's last name"`
	DateOfBirth     string `json:"date_of_birth" validate:"omitempty,date,notfuture" plain:"the carer's date of birth"`
	Email           string `json:"email" validate:"omitempty,email,max=254" plain:"the carer's email address"`
	Phone           string `json:"phone" validate:"max=30" plain:"the carer's phone number"`
	ConnectedPerson bool   `json:"connected_person" plain:"whether the carer is a connected person"`
	TSDCompletedOn  string `json:"tsd_completed_on" validate:"omitempty,date,notfuture" plain:"the date the TSD standards were completed"`
	UserID          *int   `json:"user_id" validate:"omitempty,min=1" plain:"the carer's account"`
}

// Normalise trims the spaces people type around values.
func (r *Carer) Normalise() {
	TrimEach(&r.FirstName, &r.LastName, &r.Email, &r.Phone)
}

// Check applies the rules across fields: nobody evidences the TSD
// standards before they are born.
func (r *Carer) Check(_ context.Context, fields map[string]string) {
	DateNotBefore(fields, r, "tsd_completed_on", r.TSDCompletedOn, "date_of_birth", r.DateOfBirth)
}

// Fields are the request's values, typed for the registry.
func (r *Carer) Fields() registry.CarerFields {
	return registry.CarerFields{FirstName: r.FirstName, LastName: r.LastName, Email: r.Email, Phone: r.Phone,
		DateOfBirth: OptionalDate(r.DateOfBirth), TSDCompletedOn: OptionalDate(r.TSDCompletedOn),
		ConnectedPerson: r.ConnectedPerson, UserID: r.UserID}
}
