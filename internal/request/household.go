package request

import (
	"context"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Household is the body of POST /api/v1/households and PUT
// /api/v1/households/:id, the household page's form, and a row of the
// households import: every editable field (an omitted optional field is
// cleared).
type Household struct {
	Reference             string `json:"reference" validate:"required,notblank,max=20" plain:"the household's reference"`
	AddressLine1          string `json:"address_line1" validate:"required,notblank,max=200" plain:"the first line of the address"`
	AddressLine2          string `json:"address_line2" validate:"max=200" plain:"the second line of the address"`
	Town                  string `json:"town" validate:"required,notblank,max=100" plain:"the town or city"`
	Postcode              string `json:"postcode" validate:"required,ukpostcode" plain:"the postcode"`
	Phone                 string `json:"phone" validate:"max=30" plain:"the phone number"`
	Email                 string `json:"email" validate:"omitempty,email,max=254" plain:"the email address"`
	Status                string `json:"status" validate:"required,enum=household.status" plain:"the household's status"`
	ApprovedOn            string `json:"approved_on" validate:"omitempty,date,notfuture" plain:"the date of approval"`
	ResignationReceivedOn string `json:"resignation_received_on" validate:"omitempty,date,notfuture" plain:"the date the resignation was received"`
	EndedOn               string `json:"ended_on" validate:"omitempty,date" plain:"the date approval ended"`
	SSWID                 *int   `json:"ssw_id" validate:"omitempty,min=1" plain:"the supervising social worker"`
	// ID is the household an update changes (0 for a new one), set by the
	// handler for CheckRegistry; never read from the client.
	ID int `json:"-" form:"-"`
}

// Normalise tidies what people type: spaces around values, a postcode in
// capitals with one space before its last three characters, a reference
// in capitals.
func (r *Household) Normalise() {
	for _, f := range []*string{&r.Reference, &r.AddressLine1, &r.AddressLine2, &r.Town, &r.Phone, &r.Email} {
		*f = strings.TrimSpace(*f)
	}
	r.Reference = strings.ToUpper(r.Reference)
	r.Postcode = NormalisePostcode(r.Postcode)
}

// NormalisePostcode writes a postcode as Royal Mail does: capitals, and
// one space before the inward code (the last three characters).
func NormalisePostcode(p string) string {
	p = strings.ToUpper(strings.Join(strings.Fields(p), ""))
	if len(p) < 5 {
		return p
	}
	return p[:len(p)-3] + " " + p[len(p)-3:]
}

// Check applies the rules across fields: an approved (or once approved)
// household has an approval date, and approval comes before resignation and
// ending.
func (r *Household) Check(_ context.Context, fields map[string]string) {
	switch household.Status(r.Status) {
	case household.StatusApproved, household.StatusOnHold, household.StatusSuspended,
		household.StatusResigned, household.StatusTerminated:
		if r.ApprovedOn == "" && fields["approved_on"] == "" {
			fields["approved_on"] = "Enter the date of approval: every review, check and visit is dated from it"
		}
	}
	DateNotBefore(fields, r, "resignation_received_on", r.ResignationReceivedOn, "approved_on", r.ApprovedOn)
	DateNotBefore(fields, r, "ended_on", r.EndedOn, "approved_on", r.ApprovedOn)
}

// CheckRegistry names a reference another household has, and an SSW who
// is not one.
func (r *Household) CheckRegistry(ctx context.Context, client *ent.Client, fields map[string]string) error {
	return registry.CheckHousehold(ctx, client, r.Fields(), r.ID, fields)
}

// Fields are the request's values, typed for the registry.
func (r *Household) Fields() registry.HouseholdFields {
	return registry.HouseholdFields{
		Reference: r.Reference, AddressLine1: r.AddressLine1, AddressLine2: r.AddressLine2, Town: r.Town,
		Postcode: r.Postcode, Phone: r.Phone, Email: r.Email, Status: household.Status(r.Status),
		ApprovedOn: OptionalDate(r.ApprovedOn), ResignationReceivedOn: OptionalDate(r.ResignationReceivedOn),
		EndedOn: OptionalDate(r.EndedOn), SSWID: r.SSWID,
	}
}
