package request

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/registry"
)

// courseCode is a short code such as PFA or SAFEG-2.
var courseCode = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]*$`)

// Course is the body of POST /api/v1/courses.
type Course struct {
	Code            string   `json:"code" validate:"required,max=30" plain:"the course's code"`
	Title           string   `json:"title" validate:"required,notblank,max=200" plain:"the course's title"`
	Description     string   `json:"description" validate:"max=2000,notes" plain:"the course's description"`
	Mandatory       bool     `json:"mandatory" plain:"whether the course is mandatory"`
	ValidityMonths  int      `json:"validity_months" validate:"min=0,max=240" plain:"the months the course is valid for"`
	AppliesTo       []string `json:"applies_to" plain:"who the course is for"`
	CountsTowardTSD bool     `json:"counts_toward_tsd" plain:"whether the course counts toward the TSD standards"`
}

// Normalise trims what people type and writes the code in capitals.
func (r *Course) Normalise() {
	r.Code = strings.ToUpper(strings.TrimSpace(r.Code))
	r.Title, r.Description = strings.TrimSpace(r.Title), strings.TrimSpace(r.Description)
}

// Check names a code that is not one and categories that do not exist.
func (r *Course) Check(_ context.Context, fields map[string]string) {
	if r.Code != "" && !courseCode.MatchString(r.Code) && fields["code"] == "" {
		fields["code"] = "Enter a code of letters, numbers, - or _, like PFA"
	}
	known := schema.ApprovalCategories()
	for _, c := range r.AppliesTo {
		if !slices.Contains(known, c) {
			fields["applies_to"] = "Choose who the course is for from the categories of approval, or none for every carer"
		}
	}
}

// CheckRegistry names a code another course has.
func (r *Course) CheckRegistry(ctx context.Context, client *ent.Client, fields map[string]string) error {
	return registry.CheckCourse(ctx, client, r.Fields(), fields)
}

func (r *Course) Fields() registry.CourseFields {
	return registry.CourseFields{Code: r.Code, Title: r.Title, Description: r.Description, Mandatory: r.Mandatory,
		ValidityMonths: r.ValidityMonths, AppliesTo: r.AppliesTo, CountsTowardTSD: r.CountsTowardTSD}
}
