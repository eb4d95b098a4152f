package ui

import (
	"maps"
	"strconv"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// A review's arrangements, each changed on a page of its own from the
// review's summary (the GOV.UK "Change" pattern): who the reviewing
// officer is, and the date the review is due by.

// reviewArrangement is one of those pages: its questions, what they show
// at first, and how the answers change the review's fields.
type reviewArrangement struct {
	title, submit, done string
	fields              func(s *Handler, c fiber.Ctx) ([]formField, error)
	now                 func(r *ent.Review) (map[string]string, map[string]dateInput)
	// apply sets the answers on the review's request, naming what the page
	// itself cannot read (the request's checks name the rest).
	apply func(c fiber.Ctx, in *request.Review, errs map[string]string)
}

var reviewArrangements = map[string]reviewArrangement{
	"officer": {title: "Reviewing officer", submit: "Save the reviewing officer", done: "officer",
		fields: func(s *Handler, c fiber.Ctx) ([]formField, error) {
			officers, err := registry.ReviewingOfficers(c.Context(), s.Store.Client)
			if err != nil {
				return nil, err
			}
			return []formField{{Name: "reviewing_officer_id", Label: "Who reviews it", Kind: "select",
				Hint: "The independent reviewing officer who chairs the review meeting", Options: peopleChoices(officers), Number: true}}, nil
		},
		now: func(r *ent.Review) (map[string]string, map[string]dateInput) {
			values := map[string]string{}
			if r.ReviewingOfficerID != nil {
				values["reviewing_officer_id"] = strconv.Itoa(*r.ReviewingOfficerID)
			}
			return values, map[string]dateInput{}
		},
		apply: func(c fiber.Ctx, in *request.Review, errs map[string]string) {
			id, err := strconv.Atoi(c.FormValue("reviewing_officer_id"))
			if err != nil || id < 1 {
				errs["reviewing_officer_id"] = "Choose " + request.PlainName(in, "reviewing_officer_id")
				return
			}
			in.ReviewingOfficerID = &id
		}},
	"reschedule": {title: "Change the review date", submit: "Save the new date", done: "rescheduled",
		fields: func(*Handler, fiber.Ctx) ([]formField, error) {
			return []formField{
				{Name: "due_on", Label: "Date the review is due by", Kind: "date"},
				{Name: "reschedule_reason", Label: "Why it is moved", Kind: "textarea",
					Hint: "This is kept with the review and shown to the panel"},
			}, nil
		},
		now: func(r *ent.Review) (map[string]string, map[string]dateInput) {
			return map[string]string{}, map[string]dateInput{"due_on": dateInputOf(&r.DueOn)}
		},
		apply: func(c fiber.Ctx, in *request.Review, errs map[string]string) {
			_, in.DueOn = pageDate(c, errs, "due_on", in, "due_on")
			in.RescheduleReason = c.FormValue("reschedule_reason")
		}},
}

// HandleReviewArrangementForm handles GET /reviews/:id/officer and
// /reviews/:id/reschedule.
func (s *Handler) HandleReviewArrangementForm(what string) fiber.Handler {
	a := reviewArrangements[what]
	return func(c fiber.Ctx) error {
		id, err := httpx.PathID(c)
		if err != nil {
			return err
		}
		r, err := registry.VisibleReview(c.Context(), s.Store.Client, s.Viewer(c), id)
		if err != nil {
			return err
		}
		fields, err := a.fields(s, c)
		if err != nil {
			return err
		}
		values, dates := a.now(r)
		return s.arrangementPage(c, fiber.StatusOK, what, r, fields, r.Version, values, dates, nil)
	}
}

// HandleReviewArrangementSave handles POST /reviews/:id/officer and
// /reviews/:id/reschedule: the review changed through the registry's
// rules (only an active reviewing officer; a new date needs its reason),
// then back to the review with a banner saying what changed.
func (s *Handler) HandleReviewArrangementSave(what string) fiber.Handler {
	a := reviewArrangements[what]
	return func(c fiber.Ctx) error {
		id, err := httpx.PathID(c)
		if err != nil {
			return err
		}
		r, err := registry.VisibleReview(c.Context(), s.Store.Client, s.Viewer(c), id)
		if err != nil {
			return err
		}
		// The change is the one the API's PUT would make (request.Review,
		// from the review as it stands), checked the same way and so
		// refused in the same words.
		in := request.ReviewOf(r)
		errs := map[string]string{}
		a.apply(c, &in, errs)
		if err := checkForm(s, c, errs, &in, nil); err != nil {
			return err
		}
		version := atoiOr(c.FormValue("version"))
		if len(errs) == 0 {
			_, err = registry.UpdateReview(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
			if err == nil {
				return c.Redirect().To("/reviews/" + httpx.Itoa(id) + "?done=" + a.done)
			}
			problems := FieldsOf(err)
			if problems == nil {
				return err
			}
			maps.Copy(errs, problems)
		}
		// The form comes back with what was typed.
		fields, err := a.fields(s, c)
		if err != nil {
			return err
		}
		_, values, dates, _ := readForm(c, fields, &in)
		return s.arrangementPage(c, fiber.StatusUnprocessableEntity, what, r, fields, version, values, dates, errs)
	}
}

func (s *Handler) arrangementPage(c fiber.Ctx, status int, what string, r *ent.Review, fields []formField, version int,
	values map[string]string, dates map[string]dateInput, errs map[string]string) error {
	a := reviewArrangements[what]
	h, err := registry.ViewHousehold(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), r.HouseholdID)
	if err != nil {
		return err
	}
	back := "/reviews/" + httpx.Itoa(r.ID)
	page := recordFormPage{Title: a.title, Submit: a.submit, Household: h, Fields: fields, Values: values,
		Dates: dates, Version: version, Action: back + "/" + what}
	return s.Render(c, status, "record_form", fiber.Map{"Title": a.title + " – " + h.Reference, "Form": page,
		"Errors": errs, "ErrorOrder": page.controlIDs(), "Back": back})
}
