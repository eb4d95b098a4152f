package api

import (
	"fmt"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// CourseDetailJSON is one catalogue course with its description.
type CourseDetailJSON struct {
	CourseJSON
	Description string `json:"description"`
}

func toCourseDetailJSON(k *ent.Course) CourseDetailJSON {
	return CourseDetailJSON{CourseJSON: toCourseJSON(k), Description: k.Description}
}

// HandleCourseShow handles GET /api/v1/courses/:id.
func (s *Handler) HandleCourseShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	k, err := registry.CatalogueCourse(c.Context(), s.Store.Client, id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, k.Version)
	return c.JSON(toCourseDetailJSON(k))
}

// HandleCourseCreate handles POST /api/v1/courses: a new course in the
// catalogue. If it is mandatory, carers fall due for it at once.
func (s *Handler) HandleCourseCreate(c fiber.Ctx) error {
	var in request.Course
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	k, err := registry.CreateCourse(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, k.Version)
	c.Location(fmt.Sprintf("/api/v1/courses/%d", k.ID))
	return c.Status(fiber.StatusCreated).JSON(toCourseDetailJSON(k))
}
