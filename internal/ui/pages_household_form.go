package ui

import (
	"encoding/json"
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// fosteringTeam is the choice of the team's active supervising social
// workers and managers, by name: who may supervise a household.
func (s *Handler) fosteringTeam(c fiber.Ctx) ([]formOption, error) {
	workers, err := registry.Supervisors(c.Context(), s.Store.Client)
	if err != nil {
		return nil, err
	}
	return peopleChoices(workers), nil
}

// peopleChoices offers users by name, their ids the answers.
func peopleChoices(people []*ent.User) []formOption {
	choices := make([]formOption, len(people))
	for i, p := range people {
		choices[i] = formOption{Value: strconv.Itoa(p.ID), Label: p.Name}
	}
	return choices
}

// visitorChoices are whom the visit form offers as the visitor: the person
// recording it and the household's supervising social worker, if they are
// active members of the fostering team, and whoever the answers already
// name. The whole team would be thousands of names in a large service, and
// one of these two made nearly every visit; the API takes anyone in the
// team.
func (s *Handler) visitorChoices(c fiber.Ctx, at formAt) ([]formOption, error) {
	var likely []int
	if me := httpx.CurrentUser(c); me != nil {
		likely = append(likely, me.ID)
	}
	named, _ := strconv.Atoi(at.values["visitor_id"])
	people, err := registry.LikelyVisitors(c.Context(), s.Store.Client, at.householdID, likely, named)
	if err != nil {
		return nil, err
	}
	return peopleChoices(people), nil
}

// householdFields are the household form's questions, with the supervising
// social workers to choose from.
func (s *Handler) householdFields(c fiber.Ctx) ([]formField, error) {
	ssws, err := s.fosteringTeam(c)
	if err != nil {
		return nil, err
	}
	statuses := make([]formOption, len(httpx.StatusLabels))
	for i, sl := range httpx.StatusLabels {
		statuses[i] = formOption{Value: string(sl.Status), Label: sl.Label}
	}
	return []formField{
		{Name: "reference", Label: "Reference", Hint: "The service's own reference, like FH-0042", Kind: "text"},
		{Name: "address_line1", Label: "Address line 1", Kind: "text"},
		{Name: "address_line2", Label: "Address line 2", Kind: "text", Optional: true},
		{Name: "town", Label: "Town or city", Kind: "text"},
		{Name: "postcode", Label: "Postcode", Kind: "text"},
		{Name: "phone", Label: "Phone", Kind: "text", Optional: true},
		{Name: "email", Label: "Email address", Kind: "text", Optional: true},
		{Name: "status", Label: "Status", Kind: "select", Options: statuses},
		{Name: "approved_on", Label: "Date of first approval", Hint: "Approving a household schedules its first review", Kind: "date", Optional: true},
		{Name: "ssw_id", Label: "Supervising social worker", Kind: "select", Options: ssws, Number: true, Optional: true},
	}, nil
}

// handleHouseholdNew handles GET /households/new and, with an id,
// GET /households/:id/edit: the household form, filled in when editing.
func (s *Handler) HandleHouseholdForm(c fiber.Ctx) error {
	fields, err := s.householdFields(c)
	if err != nil {
		return err
	}
	page := recordFormPage{Title: "Open a household record", Submit: "Save the household", Action: "/households/new",
		Fields: fields, Values: map[string]string{"status": "assessment"}, Dates: map[string]dateInput{}}
	if c.Params("id") != "" {
		id, err := httpx.PathID(c)
		if err != nil {
			return err
		}
		h, err := registry.ViewHousehold(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
		if err != nil {
			return err
		}
		page.Title, page.Action, page.Version, page.Household = "Change the household's details", "/households/"+httpx.Itoa(id)+"/edit", h.Version, h
		page.Values = map[string]string{"reference": h.Reference, "address_line1": h.AddressLine1, "address_line2": h.AddressLine2,
			"town": h.Town, "postcode": h.Postcode, "phone": h.Phone, "email": h.Email, "status": string(h.Status)}
		if h.SswID != nil {
			page.Values["ssw_id"] = strconv.Itoa(*h.SswID)
		}
		page.Dates["approved_on"] = dateInputOf(h.ApprovedOn)
	}
	return s.Render(c, fiber.StatusOK, "record_form", fiber.Map{"Title": page.Title, "Form": page, "Back": "/households"})
}

// HandleHouseholdSave handles POST /households/new and POST
// /households/:id/edit, through the API's request and checks; a refusal
// comes back beside each question (422) with the answers kept.
func (s *Handler) HandleHouseholdSave(c fiber.Ctx) error {
	fields, err := s.householdFields(c)
	if err != nil {
		return err
	}
	body, values, dates, errs := readForm(c, fields, &request.Household{})
	id := 0
	if c.Params("id") != "" {
		if id, err = httpx.PathID(c); err != nil {
			return err
		}
	}
	// Fields the form does not ask keep their value on an edit.
	var old *ent.Household
	if id != 0 {
		if old, err = registry.ViewHousehold(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id); err != nil {
			return err
		}
		body["resignation_received_on"], body["ended_on"] = dateOrEmpty(old.ResignationReceivedOn), dateOrEmpty(old.EndedOn)
	}
	raw, _ := json.Marshal(body)
	in := request.Household{ID: id}
	err = s.saveForm(c, raw, errs, &in, func() error {
		var h *ent.Household
		var err error
		if id == 0 {
			h, err = registry.CreateHousehold(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), in.Fields())
		} else {
			h, err = registry.UpdateHousehold(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, atoiOr(c.FormValue("version")), in.Fields())
		}
		if err == nil {
			id = h.ID
		}
		return err
	})
	if err == nil {
		return c.Redirect().To("/households/" + httpx.Itoa(id) + "?added=household")
	}
	var re *registry.Error
	if !errors.As(err, &re) || re.Code != registry.EINVALID {
		return err
	}
	for name, msg := range re.Fields {
		errs[name] = msg
	}
	page := recordFormPage{Title: "Open a household record", Submit: "Save the household", Action: "/households/new",
		Fields: fields, Values: values, Dates: dates, Household: old}
	if old != nil {
		page.Title, page.Action, page.Version = "Change the household's details", "/households/"+httpx.Itoa(id)+"/edit", atoiOr(c.FormValue("version"))
	}
	return s.Render(c, fiber.StatusUnprocessableEntity, "record_form", fiber.Map{"Title": page.Title, "Form": page,
		"Errors": errs, "ErrorOrder": page.controlIDs(), "Back": "/households"})
}
