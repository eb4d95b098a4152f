package ui

import (
	"encoding/json"
	"errors"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// courseFields are the questions of the "add a course" form.
var courseFields = []formField{
	{Name: "code", Label: "Code", Hint: "Capital letters, digits and dashes, like PFA or SAFEG-2", Kind: "text"},
	{Name: "title", Label: "Title", Kind: "text"},
	{Name: "mandatory", Label: "Every carer must complete it", Kind: "checkbox"},
	{Name: "validity_months", Label: "Refreshed every (months; 0 if it never expires)", Kind: "text", Number: true},
	{Name: "counts_toward_tsd", Label: "Counts toward the TSD standards", Kind: "checkbox"},
}

// HandleCoursesPage handles GET /training/courses: the course catalogue,
// mandatory courses first, with the form to add one for administrators.
func (s *Handler) HandleCoursesPage(c fiber.Ctx) error {
	return s.coursesPage(c, fiber.StatusOK, nil, map[string]string{"validity_months": "0"})
}

func (s *Handler) coursesPage(c fiber.Ctx, status int, errs map[string]string, values map[string]string) error {
	courses, err := registry.CoursesMandatoryFirst(c.Context(), s.Store.Client)
	if err != nil {
		return err
	}
	recalc, err := s.recalculationNotice(c.Context())
	if err != nil {
		return err
	}
	data := fiber.Map{"Title": "Course catalogue", "Courses": courses, "Errors": errs, "Added": c.Query("added") == "1",
		"Recalculating": recalc}
	if s.Viewer(c).Role == user.RoleAdmin {
		data["Form"] = recordFormPage{Title: "Add a course", Submit: "Add the course", Action: "/training/courses",
			Fields: courseFields, Values: values, Dates: map[string]dateInput{}}
	}
	return s.Render(c, status, "courses", data)
}

// HandleCourseAdd handles POST /training/courses: a course added to the
// catalogue through the API's request and checks; a mandatory one falls
// due for carers at once.
func (s *Handler) HandleCourseAdd(c fiber.Ctx) error {
	body, values, _, errs := readForm(c, courseFields, &request.Course{})
	raw, _ := json.Marshal(body)
	var in request.Course
	err := s.saveForm(c, raw, errs, &in, func() error {
		_, err := registry.CreateCourse(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), in.Fields())
		return err
	})
	if err == nil {
		return c.Redirect().To("/training/courses?added=1")
	}
	var re *registry.Error
	if !errors.As(err, &re) || re.Code != registry.EINVALID {
		return err
	}
	errs = re.Fields
	return s.coursesPage(c, fiber.StatusUnprocessableEntity, errs, values)
}
