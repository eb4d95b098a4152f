package ui

import (
	"encoding/json"
	"errors"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// Views already recorded for a review are corrected or removed from the
// review's page: whose they are stays as recorded; the date they came and
// the views themselves may be changed.

// viewsFields are the questions of the form that corrects views.
var viewsFields = []formField{
	{Name: "received_on", Label: "Date the views were received", Kind: "date"},
	{Name: "text", Label: "Their views", Kind: "textarea"},
}

// HandleViewsEditForm handles GET /contributions/:id/edit.
func (s *Handler) HandleViewsEditForm(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	v, err := registry.ViewContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	return s.viewsForm(c, fiber.StatusOK, v, v.Version, map[string]string{"text": v.Text},
		map[string]dateInput{"received_on": dateInputOf(&v.ReceivedOn)}, nil)
}

// HandleViewsEditSave handles POST /contributions/:id/edit: the corrected
// views, checked as the API's request is, then back to the review.
func (s *Handler) HandleViewsEditSave(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	v, err := registry.ViewContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	var in request.Contribution
	body, values, dates, errs := readForm(c, viewsFields, &in)
	body["source"], body["author_name"] = string(v.Source), v.AuthorName
	raw, _ := json.Marshal(body)
	version := atoiOr(c.FormValue("version"))
	err = s.saveForm(c, raw, errs, &in, func() error {
		_, err := registry.UpdateContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
		return err
	})
	if err == nil {
		return c.Redirect().To("/reviews/" + httpx.Itoa(v.ReviewID) + "?done=views_changed#views")
	}
	var re *registry.Error
	if !errors.As(err, &re) || re.Code != registry.EINVALID {
		return err
	}
	return s.viewsForm(c, fiber.StatusUnprocessableEntity, v, version, values, dates, re.Fields)
}

// HandleViewsRemove handles POST /contributions/:id/remove: views recorded
// by mistake (the wrong review, the wrong person) are taken off the
// review; the audit trail keeps that they were, and who removed them.
func (s *Handler) HandleViewsRemove(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	v, err := registry.ViewContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	if err := registry.ArchiveContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, atoiOr(c.FormValue("version"))); err != nil {
		return err
	}
	return c.Redirect().To("/reviews/" + httpx.Itoa(v.ReviewID) + "?done=views_removed#views")
}

func (s *Handler) viewsForm(c fiber.Ctx, status int, v *ent.Contribution, version int,
	values map[string]string, dates map[string]dateInput, errs map[string]string) error {
	back := "/reviews/" + httpx.Itoa(v.ReviewID)
	page := recordFormPage{Title: "Change the views of " + v.AuthorName, Submit: "Save the views", Fields: viewsFields,
		Values: values, Dates: dates, Version: version, Action: "/contributions/" + httpx.Itoa(v.ID) + "/edit"}
	return s.Render(c, status, "record_form", fiber.Map{"Title": page.Title, "Form": page, "Errors": errs,
		"ErrorOrder": page.controlIDs(), "Back": back})
}
