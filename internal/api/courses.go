package api

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// CourseJSON is a catalogue course as the API shows it.
type CourseJSON struct {
	ID    int    `json:"id"`
	Code  string `json:"code"`
	Title string `json:"title"`
	registry.CourseRules
}

func toCourseJSON(c *ent.Course) CourseJSON {
	applies := c.AppliesToCategories
	if applies == nil {
		applies = []string{}
	}
	return CourseJSON{ID: c.ID, Code: c.Code, Title: c.Title, CourseRules: registry.CourseRules{
		Mandatory: c.Mandatory, ValidityMonths: c.ValidityMonths, AppliesTo: applies,
		CountsTowardTSD: c.CountsTowardTsd, Version: c.Version,
	}}
}

// HandleCourseList handles GET /api/v1/courses: the training catalogue,
// with who must take each course and how often.
func (s *Handler) HandleCourseList(c fiber.Ctx) error {
	courses, err := registry.Catalogue(c.Context(), s.Store.Client)
	if err != nil {
		return err
	}
	items := make([]CourseJSON, len(courses))
	for i, k := range courses {
		items[i] = toCourseJSON(k)
	}
	return c.JSON(httpx.List[CourseJSON]{Items: items})
}

// HandleCourseUpdate handles PUT /api/v1/courses/:id: whether the course is
// mandatory, how long it stays valid, whom it applies to and whether it
// counts toward the TSD standards, with the version read. The records'
// expiry dates move in the same transaction; the due dates resting on them
// are recalculated in the background.
func (s *Handler) HandleCourseUpdate(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in registry.CourseRules
	if err := httpx.DecodeJSON(c, &in); err != nil {
		return err
	}
	updated, err := registry.UpdateCourseRules(c.Context(), s.Store.Client, s.Actor(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(toCourseJSON(updated))
}
