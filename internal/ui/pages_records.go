package ui

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// formField is one question of a record form. Name is the API's field
// name, so that the API's messages land beside the right question.
type formField struct {
	Name, Label, Hint string
	Kind              string // text, textarea, date, select, radios, checkbox, checkboxes (of Options, Number)
	Options           []formOption
	Optional          bool
	// Number sends the answer as a whole number (an id), or null when
	// left empty.
	Number bool
}

// formAt is where a form is asked: the household, and the answers it shows
// (none while it is being read), for questions whose choices depend on them.
type formAt struct {
	householdID int
	values      map[string]string
}

// formOption is one choice of a select or radios.
type formOption struct{ Value, Label string }

// recordKind is a record the household page's forms add: its questions,
// and how a filled form becomes the API's request and the registry's
// record.
type recordKind struct {
	Title, Submit string
	// perCarer asks which of the household's carers the record is for.
	perCarer bool
	fields   func(s *Handler, c fiber.Ctx, at formAt) ([]formField, error)
	// initial, when set, is the answers a new form starts with.
	initial func(c fiber.Ctx) map[string]string
	// request is the API's request the form fills in: the page's own
	// problems (a date that does not exist) name its fields with the
	// request's plain names, as the API's problems do.
	request any
	save    func(s *Handler, c fiber.Ctx, householdID, carerID int, body []byte, found map[string]string) error
}

// options turns enum values into choices with their words.
func options(values ...string) []formOption {
	out := make([]formOption, len(values))
	for i, v := range values {
		out[i] = formOption{Value: v, Label: httpx.Words(v)}
	}
	return out
}

func staticFields(f ...formField) func(*Handler, fiber.Ctx, formAt) ([]formField, error) {
	return func(*Handler, fiber.Ctx, formAt) ([]formField, error) { return f, nil }
}

// recordKinds are the records staff add from the household page: what
// keeps a household's checks current.
var recordKinds = map[string]recordKind{
	"visit": {request: &request.Visit{}, Title: "Record a visit", Submit: "Save the visit",
		fields: func(s *Handler, c fiber.Ctx, at formAt) ([]formField, error) {
			visitors, err := s.visitorChoices(c, at)
			if err != nil {
				return nil, err
			}
			return []formField{
				{Name: "kind", Label: "Kind of visit", Kind: "radios", Options: options("supervisory", "unannounced", "telephone")},
				{Name: "visited_on", Label: "Date of the visit", Kind: "date"},
				{Name: "visitor_id", Label: "Who visited", Kind: "select", Options: visitors, Number: true, Optional: true},
				{Name: "children_seen", Label: "The children were seen", Kind: "checkbox"},
				{Name: "note", Label: "Note", Kind: "textarea", Optional: true},
			}, nil
		},
		// Most visits are recorded by the social worker who made them.
		initial: func(c fiber.Ctx) map[string]string {
			if me := httpx.CurrentUser(c); me != nil {
				return map[string]string{"visitor_id": strconv.Itoa(me.ID)}
			}
			return map[string]string{}
		},
		save: func(s *Handler, c fiber.Ctx, householdID, _ int, body []byte, found map[string]string) error {
			var in request.Visit
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.CreateVisit(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), householdID, in.Fields())
				return err
			})
		}},
	"training": {request: &request.Training{}, Title: "Record training", Submit: "Save the training", perCarer: true,
		fields: func(s *Handler, c fiber.Ctx, _ formAt) ([]formField, error) {
			courses, err := registry.CoursesMandatoryFirst(c.Context(), s.Store.Client)
			if err != nil {
				return nil, err
			}
			choices := make([]formOption, len(courses))
			for i, k := range courses {
				choices[i] = formOption{Value: strconv.Itoa(k.ID), Label: k.Title}
			}
			return []formField{
				{Name: "course_id", Label: "Course", Kind: "select", Options: choices, Number: true},
				{Name: "completed_on", Label: "Date completed", Kind: "date"},
				{Name: "provider", Label: "Provider", Kind: "text", Optional: true},
				{Name: "evidence", Label: "Evidence seen", Hint: "For example, the certificate", Kind: "text", Optional: true},
			}, nil
		},
		save: func(s *Handler, c fiber.Ctx, _, carerID int, body []byte, found map[string]string) error {
			in := request.Training{CarerID: carerID}
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.CreateTrainingRecord(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), carerID, in.Fields())
				return err
			})
		}},
	"health": {request: &request.HealthAssessment{}, Title: "Record a health assessment", Submit: "Save the assessment", perCarer: true,
		fields: staticFields(
			formField{Name: "kind", Label: "Kind of assessment", Kind: "radios", Options: options("initial", "renewal", "change_of_health")},
			formField{Name: "assessed_on", Label: "Date of the assessment", Kind: "date"},
			formField{Name: "assessed_by", Label: "GP or practice", Kind: "text", Optional: true},
			formField{Name: "outcome", Label: "Outcome", Kind: "radios", Options: options("fit", "fit_with_conditions", "not_fit", "pending")}),
		save: func(s *Handler, c fiber.Ctx, _, carerID int, body []byte, found map[string]string) error {
			var in request.HealthAssessment
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.CreateHealthAssessment(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), carerID, in.Fields())
				return err
			})
		}},
	"dbs": {request: &request.DBSCheck{}, Title: "Record a DBS check", Submit: "Save the DBS check", perCarer: true,
		fields: staticFields(
			formField{Name: "certificate_number", Label: "Certificate number", Hint: "12 digits", Kind: "text"},
			formField{Name: "issued_on", Label: "Date of issue", Kind: "date"},
			formField{Name: "level", Label: "Level", Kind: "radios", Options: options("enhanced_with_barred_lists", "enhanced", "standard", "basic")},
			formField{Name: "update_service", Label: "Subscribed to the DBS Update Service", Kind: "checkbox"},
			formField{Name: "outcome", Label: "Outcome", Kind: "radios", Options: options("clear", "information_disclosed", "pending")}),
		save: func(s *Handler, c fiber.Ctx, _, carerID int, body []byte, found map[string]string) error {
			var in request.DBSCheck
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.CreateDBSCheck(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), httpx.CarerSubject(carerID), in.Fields())
				return err
			})
		}},
}

// saveForm decodes a form's body into the API's request, checks it as the
// API would, and then writes the record.
func (s *Handler) saveForm(c fiber.Ctx, body []byte, found map[string]string, in any, write func() error) error {
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(in); err != nil {
		return err // the form builds the body itself: a mismatch is a bug
	}
	err := s.CheckRequest(c, in)
	if len(found) == 0 {
		if err != nil {
			return err
		}
		return write()
	}
	// The page found problems of its own (a date that does not exist, a
	// carer not chosen). The request's checks still run, so one answer
	// names every problem, not one round at a time; nothing is written.
	problems := maps.Clone(found)
	if err != nil {
		var re *registry.Error
		if !errors.As(err, &re) || re.Code != registry.EINVALID {
			return err
		}
		for name, msg := range re.Fields {
			if _, named := problems[name]; !named { // the page's own word on its field stands
				problems[name] = msg
			}
		}
	}
	return registry.Invalid(problems)
}

// recordFormPage is what the record form template shows.
type recordFormPage struct {
	Kind, Title, Submit string
	Action              string
	Version             int
	Household           *ent.Household
	Carers              []*ent.Carer
	CarerID             string
	Fields              []formField
	Values              map[string]string
	Dates               map[string]dateInput
}

// controlIDs are the ids of the form's controls in the order it asks its
// questions, each where its error summary link should take the person:
// a date's day box, radios' first choice (httpx's error summary).
func (p recordFormPage) controlIDs() []string {
	var ids []string
	if len(p.Carers) > 0 {
		ids = append(ids, "carer_id-"+httpx.Itoa(p.Carers[0].ID))
	}
	for _, f := range p.Fields {
		switch {
		case f.Kind == "date":
			ids = append(ids, f.Name+"-day")
		case f.Kind == "radios" && len(f.Options) > 0:
			ids = append(ids, f.Name+"-"+f.Options[0].Value)
		case f.Kind == "checkbox":
			ids = append(ids, f.Name+"-yes")
		case f.Kind == "checkboxes" && len(f.Options) > 0:
			ids = append(ids, f.Name+"-"+f.Options[0].Value)
		default:
			ids = append(ids, f.Name)
		}
	}
	return ids
}

// HandleRecordForm handles GET /households/:id/add/:kind.
func (s *Handler) HandleRecordForm(c fiber.Ctx) error {
	values := map[string]string{}
	if kind, ok := recordKinds[c.Params("kind")]; ok && kind.initial != nil {
		values = kind.initial(c)
	}
	return s.recordForm(c, fiber.StatusOK, nil, values, map[string]dateInput{})
}

func (s *Handler) recordForm(c fiber.Ctx, status int, errs map[string]string, values map[string]string, dates map[string]dateInput) error {
	kind, ok := recordKinds[c.Params("kind")]
	if !ok {
		return fiber.ErrNotFound
	}
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	h, err := registry.ViewHousehold(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	carers, err := registry.CarersOf(c.Context(), s.Store.Client, s.Viewer(c), id)
	if err != nil {
		return err
	}
	fields, err := kind.fields(s, c, formAt{householdID: id, values: values})
	if err != nil {
		return err
	}
	page := recordFormPage{Kind: c.Params("kind"), Title: kind.Title, Submit: kind.Submit, Household: h, Fields: fields,
		Action: "/households/" + httpx.Itoa(id) + "/add/" + c.Params("kind"),
		Values: values, Dates: dates, CarerID: c.FormValue("carer_id")}
	if kind.perCarer {
		page.Carers = carers
	}
	return s.Render(c, status, "record_form", fiber.Map{"Title": kind.Title + " – " + h.Reference, "Form": page,
		"Errors": errs, "ErrorOrder": page.controlIDs(), "Back": "/households/" + httpx.Itoa(id)})
}

// HandleRecordAdd handles POST /households/:id/add/:kind: the form's
// answers become the API's request, checked and saved the same way; on a
// refusal the form comes back with the answers kept and each problem
// beside its question (422).
func (s *Handler) HandleRecordAdd(c fiber.Ctx) error {
	kind, ok := recordKinds[c.Params("kind")]
	if !ok {
		return fiber.ErrNotFound
	}
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	fields, err := kind.fields(s, c, formAt{householdID: id})
	if err != nil {
		return err
	}
	body, values, dates, errs := readForm(c, fields, kind.request)
	carerID := 0
	if kind.perCarer {
		carerID = atoiOr(c.FormValue("carer_id"))
		carers, err := registry.CarersOf(c.Context(), s.Store.Client, s.Viewer(c), id)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(carers, func(cr *ent.Carer) bool { return cr.ID == carerID }) {
			errs["carer_id"] = "Choose which carer this is for"
		}
	}
	raw, _ := json.Marshal(body)
	err = kind.save(s, c, id, carerID, raw, errs)
	if err == nil {
		return c.Redirect().To("/households/" + httpx.Itoa(id) + "?added=" + c.Params("kind"))
	}
	var re *registry.Error
	if !errors.As(err, &re) || re.Code != registry.EINVALID {
		return err
	}
	errs = re.Fields
	return s.recordForm(c, fiber.StatusUnprocessableEntity, errs, values, dates)
}

// readForm reads a form's answers to fields: the JSON body for the API's
// request req, what was typed (to show again), and the problems found
// before the API's own checks (a date that does not exist, a choice not
// offered), worded with req's plain names as the API's own problems are.
func readForm(c fiber.Ctx, fields []formField, req any) (map[string]any, map[string]string, map[string]dateInput, map[string]string) {
	errs := map[string]string{}
	values, dates := map[string]string{}, map[string]dateInput{}
	body := map[string]any{}
	for _, f := range fields {
		switch f.Kind {
		case "date":
			in, d, msg := formDate(c, f.Name, request.Sentence(request.PlainName(req, f.Name)))
			dates[f.Name] = in
			switch {
			case msg != "":
				errs[f.Name] = msg
			case d != nil:
				body[f.Name] = d.String()
			case !f.Optional:
				body[f.Name] = ""
			}
		case "checkbox":
			values[f.Name] = c.FormValue(f.Name)
			body[f.Name] = c.FormValue(f.Name) == "yes"
		case "checkboxes":
			var ticked []string
			ids := []int{}
			for _, raw := range formValues(c, f.Name) {
				n, err := strconv.Atoi(raw)
				if err != nil || !slices.ContainsFunc(f.Options, func(o formOption) bool { return o.Value == raw }) {
					errs[f.Name] = "Choose " + strings.ToLower(f.Label) + " from the list"
					continue
				}
				ticked, ids = append(ticked, raw), append(ids, n)
			}
			values[f.Name], body[f.Name] = strings.Join(ticked, ","), ids
		default:
			v := c.FormValue(f.Name)
			values[f.Name] = v
			switch n, err := strconv.Atoi(v); {
			case !f.Number:
				body[f.Name] = v
			case v == "":
				body[f.Name] = nil
			case err != nil && f.Kind == "text":
				errs[f.Name] = request.Sentence(request.PlainName(req, f.Name)) + " must be a whole number"
			case err != nil:
				errs[f.Name] = "Choose " + request.PlainName(req, f.Name)
			default:
				body[f.Name] = n
			}
		}
	}
	return body, values, dates, errs
}

// dateOrEmpty is a stored date as the API writes it, or "" for none.
func dateOrEmpty(d *civil.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}
