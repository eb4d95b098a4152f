package server

import (
	"fmt"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// courseDetailJSON is one catalogue course with its description.
type courseDetailJSON struct {
	courseJSON
	Description string `json:"description"`
}

func toCourseDetailJSON(k *ent.Course) courseDetailJSON {
	return courseDetailJSON{courseJSON: toCourseJSON(k), Description: k.Description}
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
	var in request.Course
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
