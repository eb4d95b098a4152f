package request

import (
	"context"

	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Member is the body of POST /api/v1/households/:id/members and PUT
// /api/v1/members/:id, the member form and a members import row: every
// editable field (an omitted optional field is cleared).
type Member struct {
	FirstName    string `json:"first_name" validate:"required,notblank,max=100" plain:"their first name"`
	LastName     string `json:"last_name" validate:"required,notblank,max=100" plain:"their last name"`
	Relationship string `json:"relationship" validate:"required,enum=household_member.relationship" plain:"their relationship to the household"`
	DateOfBirth  string `json:"date_of_birth" validate:"omitempty,date,notfuture" plain:"their date of birth"`
	MovedInOn    string `json:"moved_in_on" validate:"omitempty,date" plain:"the date they moved in"`
	MovedOutOn   string `json:"moved_out_on" validate:"omitempty,date" plain:"the date they moved out"`
}

// Normalise trims the spaces people type around names.
func (r *Member) Normalise() { TrimEach(&r.FirstName, &r.LastName) }

// Check applies the rules across fields: nobody moves out before moving
// in, or moves in before they are born.
func (r *Member) Check(_ context.Context, fields map[string]string) {
	DateNotBefore(fields, r, "moved_out_on", r.MovedOutOn, "moved_in_on", r.MovedInOn)
	DateNotBefore(fields, r, "moved_in_on", r.MovedInOn, "date_of_birth", r.DateOfBirth)
}

// Fields are the request's values, typed for the registry.
func (r *Member) Fields() registry.MemberFields {
	return registry.MemberFields{FirstName: r.FirstName, LastName: r.LastName,
		Relationship: householdmember.Relationship(r.Relationship), DateOfBirth: OptionalDate(r.DateOfBirth),
		MovedInOn: OptionalDate(r.MovedInOn), MovedOutOn: OptionalDate(r.MovedOutOn)}
}
