package server

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/registry"
)

// courseDetailJSON is one catalogue course with its description.
type courseDetailJSON struct {
	courseJSON
	Description string `json:"description"`
}

func toCourseDetailJSON(k *ent.Course) courseDetailJSON {
	return courseDetailJSON{courseJSON: toCourseJSON(k), Description: k.Description}
}

// courseCreateRequest is the body of POST /api/v1/courses.
type courseCreateRequest struct {
	Code            string   `json:"code" validate:"required,max=30"`
	Title           string   `json:"title" validate:"required,notblank,max=200"`
	Description     string   `json:"description" validate:"max=2000,notes"`
	Mandatory       bool     `json:"mandatory"`
	ValidityMonths  int      `json:"validity_months" validate:"min=0,max=240"`
	AppliesTo       []string `json:"applies_to"`
	CountsTowardTSD bool     `json:"counts_toward_tsd"`
}

// courseCode is a short code such as PFA or SAFEG-2.
var courseCode = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]*$`)

// Normalise trims what people type and writes the code in capitals.
func (r *courseCreateRequest) Normalise() {
	r.Code = strings.ToUpper(strings.TrimSpace(r.Code))
	r.Title, r.Description = strings.TrimSpace(r.Title), strings.TrimSpace(r.Description)
}

// Check names a code that is not one and categories that do not exist.
func (r *courseCreateRequest) Check(_ context.Context, fields map[string]string) {
	if r.Code != "" && !courseCode.MatchString(r.Code) && fields["code"] == "" {
		fields["code"] = "code must be letters, digits, - or _, such as PFA"
	}
	known := schema.ApprovalCategories()
	for _, c := range r.AppliesTo {
		if !slices.Contains(known, c) {
			fields["applies_to"] = "applies_to must list approval categories from " + strings.Join(known, ", ") + ", or be empty for every carer"
		}
	}
}

// CheckRegistry names a code another course has.
func (r *courseCreateRequest) CheckRegistry(ctx context.Context, client *ent.Client, fields map[string]string) error {
	return registry.CheckCourse(ctx, client, r.Fields(), fields)
}

func (r *courseCreateRequest) Fields() registry.CourseFields {
	return registry.CourseFields{Code: r.Code, Title: r.Title, Description: r.Description, Mandatory: r.Mandatory,
		ValidityMonths: r.ValidityMonths, AppliesTo: r.AppliesTo, CountsTowardTSD: r.CountsTowardTSD}
}

// handleCourseShow handles GET /api/v1/courses/:id.
func (s *Server) handleCourseShow(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	k, err := registry.CatalogueCourse(c.Context(), s.store.Client, id)
	if err != nil {
		return err
	}
	setETag(c, k.Version)
	return c.JSON(toCourseDetailJSON(k))
}

// handleCourseCreate handles POST /api/v1/courses: a new course in the
// catalogue. If it is mandatory, carers fall due for it at once.
func (s *Server) handleCourseCreate(c fiber.Ctx) error {
	var in courseCreateRequest
	if err := s.bindJSON(c, &in); err != nil {
		return err
	}
	k, err := registry.CreateCourse(c.Context(), s.store.Client, s.actor(c), s.viewer(c), in.Fields())
	if err != nil {
		return err
	}
	setETag(c, k.Version)
	c.Location(fmt.Sprintf("/api/v1/courses/%d", k.ID))
	return c.Status(fiber.StatusCreated).JSON(toCourseDetailJSON(k))
}
