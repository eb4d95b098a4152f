package ui

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// panelFields are the questions of the form that arranges a panel: the
// API's panel request, asked one question at a time.
func (s *Handler) panelFields(c fiber.Ctx) ([]formField, error) {
	people, err := registry.PanelPeople(c.Context(), s.Store.Client)
	if err != nil {
		return nil, err
	}
	choices := peopleChoices(people)
	return []formField{
		{Name: "name", Label: "Name of the panel", Hint: "For example, Fostering panel", Kind: "text"},
		{Name: "meets_on", Label: "Date the panel meets", Kind: "date"},
		{Name: "location", Label: "Where it meets", Kind: "text", Optional: true},
		{Name: "chair_id", Label: "Chair", Kind: "select", Options: choices, Number: true, Optional: true},
		{Name: "member_ids", Label: "Members", Hint: "Select everyone who will sit on this panel, the chair included",
			Kind: "checkboxes", Options: choices, Optional: true},
	}, nil
}

// HandlePanelForm handles GET /panels/new: the form that arranges a panel.
func (s *Handler) HandlePanelForm(c fiber.Ctx) error {
	return s.panelForm(c, fiber.StatusOK, nil, map[string]string{}, map[string]dateInput{})
}

func (s *Handler) panelForm(c fiber.Ctx, status int, errs, values map[string]string, dates map[string]dateInput) error {
	fields, err := s.panelFields(c)
	if err != nil {
		return err
	}
	page := recordFormPage{Title: "Arrange a panel", Submit: "Arrange the panel", Action: "/panels/new",
		Fields: fields, Values: values, Dates: dates}
	return s.Render(c, status, "record_form", fiber.Map{"Title": page.Title, "Form": page, "Errors": errs,
		"ErrorOrder": page.controlIDs(), "Back": "/panels"})
}

// HandlePanelSave handles POST /panels/new: the panel arranged through the
// API's request and checks, then its page, which says what comes next; a
// refusal comes back beside each question (422) with the answers kept.
func (s *Handler) HandlePanelSave(c fiber.Ctx) error {
	fields, err := s.panelFields(c)
	if err != nil {
		return err
	}
	body, values, dates, errs := readForm(c, fields, &request.Panel{})
	raw, _ := json.Marshal(body)
	var in request.Panel
	id := 0
	err = s.saveForm(c, raw, errs, &in, func() error {
		p, err := registry.CreatePanel(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), in.Fields())
		if err == nil {
			id = p.ID
		}
		return err
	})
	if err == nil {
		return c.Redirect().To("/panels/" + httpx.Itoa(id) + "?added=panel")
	}
	var re *registry.Error
	if !errors.As(err, &re) || re.Code != registry.EINVALID {
		return err
	}
	errs = map[string]string{}
	for name, msg := range re.Fields {
		// A member's own problem (member_ids[2]) belongs to the one
		// question that asks for them all.
		if i := strings.Index(name, "["); i > 0 {
			name = name[:i]
		}
		if _, named := errs[name]; !named {
			errs[name] = msg
		}
	}
	return s.panelForm(c, fiber.StatusUnprocessableEntity, errs, values, dates)
}
