package ui

import (
	"encoding/json"
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// recordNow is a record as its edit form starts: the household it belongs
// to, its version, the answers to the form's questions, and the API fields
// the form does not ask, kept as they are (an update replaces every field).
type recordNow struct {
	householdID, version int
	values               map[string]string
	dates                map[string]dateInput
	keep                 map[string]any
}

// recordEdit reads and changes one kind of record for its edit form.
type recordEdit struct {
	load   func(s *Handler, c fiber.Ctx, id int) (recordNow, error)
	update func(s *Handler, c fiber.Ctx, id, version int, body []byte, found map[string]string) error
	// more are questions only a change asks (a placement's end).
	more []formField
}

func dates(pairs ...any) map[string]dateInput {
	out := map[string]dateInput{}
	for i := 0; i+1 < len(pairs); i += 2 {
		out[pairs[i].(string)] = dateInputOf(pairs[i+1].(*civil.Date))
	}
	return out
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// recordEdits are the records whose edit forms the household page links to.
var recordEdits = map[string]recordEdit{
	"visit": {
		load: func(s *Handler, c fiber.Ctx, id int) (recordNow, error) {
			v, err := registry.ViewVisit(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
			if err != nil {
				return recordNow{}, err
			}
			values := map[string]string{"kind": string(v.Kind), "children_seen": yes(v.ChildrenSeen), "note": v.Note}
			if v.VisitorID != nil {
				values["visitor_id"] = strconv.Itoa(*v.VisitorID)
			}
			return recordNow{householdID: v.HouseholdID, version: v.Version, values: values, dates: dates("visited_on", &v.VisitedOn)}, nil
		},
		update: func(s *Handler, c fiber.Ctx, id, version int, body []byte, found map[string]string) error {
			var in request.Visit
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.UpdateVisit(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
				return err
			})
		}},
	"training": {
		load: func(s *Handler, c fiber.Ctx, id int) (recordNow, error) {
			r, err := registry.ViewTrainingRecord(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
			if err != nil {
				return recordNow{}, err
			}
			return recordNow{householdID: r.Edges.Carer.HouseholdID, version: r.Version,
				values: map[string]string{"course_id": strconv.Itoa(r.CourseID), "provider": r.Provider, "evidence": r.Evidence},
				dates:  dates("completed_on", &r.CompletedOn), keep: map[string]any{"hours": r.Hours}}, nil
		},
		update: func(s *Handler, c fiber.Ctx, id, version int, body []byte, found map[string]string) error {
			in := request.Training{ID: id}
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.UpdateTrainingRecord(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
				return err
			})
		}},
	"carer": {
		load: func(s *Handler, c fiber.Ctx, id int) (recordNow, error) {
			cr, err := registry.ViewCarer(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
			if err != nil {
				return recordNow{}, err
			}
			return recordNow{householdID: cr.HouseholdID, version: cr.Version,
				values: map[string]string{"first_name": cr.FirstName, "last_name": cr.LastName, "email": cr.Email, "phone": cr.Phone,
					"connected_person": yes(cr.ConnectedPerson)},
				dates: dates("date_of_birth", cr.DateOfBirth),
				keep:  map[string]any{"tsd_completed_on": dateOrEmpty(cr.TsdCompletedOn), "user_id": cr.UserID}}, nil
		},
		update: func(s *Handler, c fiber.Ctx, id, version int, body []byte, found map[string]string) error {
			var in request.Carer
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.UpdateCarer(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
				return err
			})
		}},
	"member": {
		load: func(s *Handler, c fiber.Ctx, id int) (recordNow, error) {
			m, err := registry.ViewMember(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
			if err != nil {
				return recordNow{}, err
			}
			return recordNow{householdID: m.HouseholdID, version: m.Version,
				values: map[string]string{"first_name": m.FirstName, "last_name": m.LastName, "relationship": string(m.Relationship)},
				dates:  dates("date_of_birth", m.DateOfBirth, "moved_in_on", m.MovedInOn),
				keep:   map[string]any{"moved_out_on": dateOrEmpty(m.MovedOutOn)}}, nil
		},
		update: func(s *Handler, c fiber.Ctx, id, version int, body []byte, found map[string]string) error {
			var in request.Member
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.UpdateMember(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
				return err
			})
		}},
}

// HandleRecordEditForm handles GET /records/:kind/:id/edit: the record's
// form, filled in as it stands.
func (s *Handler) HandleRecordEditForm(c fiber.Ctx) error {
	kind, edit, id, err := s.editTarget(c)
	if err != nil {
		return err
	}
	now, err := edit.load(s, c, id)
	if err != nil {
		return err
	}
	return s.renderEditForm(c, fiber.StatusOK, kind, id, now, nil)
}

// HandleRecordEditSave handles POST /records/:kind/:id/edit: the answers,
// with the fields the form does not ask kept, through the API's request,
// checks and If-Match; refusals come back beside their questions (422).
func (s *Handler) HandleRecordEditSave(c fiber.Ctx) error {
	kind, edit, id, err := s.editTarget(c)
	if err != nil {
		return err
	}
	now, err := edit.load(s, c, id)
	if err != nil {
		return err
	}
	fields, err := kind.fields(s, c, formAt{householdID: now.householdID})
	if err != nil {
		return err
	}
	body, values, dates, errs := readForm(c, append(fields, edit.more...), kind.request)
	for k, v := range now.keep {
		body[k] = v
	}
	raw, _ := json.Marshal(body)
	err = edit.update(s, c, id, atoiOr(c.FormValue("version")), raw, errs)
	if err == nil {
		return c.Redirect().To("/households/" + httpx.Itoa(now.householdID) + "?added=changed")
	}
	var re *registry.Error
	if !errors.As(err, &re) || re.Code != registry.EINVALID {
		return err
	}
	errs = re.Fields
	now.values, now.dates, now.version = values, dates, atoiOr(c.FormValue("version"))
	return s.renderEditForm(c, fiber.StatusUnprocessableEntity, kind, id, now, errs)
}

func (s *Handler) editTarget(c fiber.Ctx) (recordKind, recordEdit, int, error) {
	kind, ok := recordKinds[c.Params("kind")]
	edit, editable := recordEdits[c.Params("kind")]
	if !ok || !editable {
		return kind, edit, 0, fiber.ErrNotFound
	}
	id, err := httpx.PathID(c)
	return kind, edit, id, err
}

func (s *Handler) renderEditForm(c fiber.Ctx, status int, kind recordKind, id int, now recordNow, errs map[string]string) error {
	fields, err := kind.fields(s, c, formAt{householdID: now.householdID, values: now.values})
	if err != nil {
		return err
	}
	fields = append(fields, recordEdits[c.Params("kind")].more...)
	h, err := registry.ViewHousehold(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), now.householdID)
	if err != nil {
		return err
	}
	title := "Change " + kindNoun[c.Params("kind")]
	page := recordFormPage{Title: title, Submit: "Save the changes", Household: h, Fields: fields, Values: now.values,
		Dates: now.dates, Version: now.version, Action: "/records/" + c.Params("kind") + "/" + httpx.Itoa(id) + "/edit"}
	return s.Render(c, status, "record_form", fiber.Map{"Title": title + " – " + h.Reference, "Form": page, "Errors": errs,
		"ErrorOrder": page.controlIDs(), "Back": "/households/" + httpx.Itoa(h.ID)})
}

// kindNoun names a record in the edit form's heading.
var kindNoun = map[string]string{"visit": "the visit", "training": "the training record", "carer": "the carer's details",
	"member": "the household member's details", "health": "the health assessment", "dbs": "the DBS check", "placement": "the placement"}

// The checks' and placements' edit forms.
func init() {
	recordEdits["health"] = recordEdit{
		load: func(s *Handler, c fiber.Ctx, id int) (recordNow, error) {
			a, err := registry.ViewHealthAssessment(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
			if err != nil {
				return recordNow{}, err
			}
			household, err := registry.HouseholdOfPerson(c.Context(), s.Store.Client, &a.CarerID, nil)
			if err != nil {
				return recordNow{}, err
			}
			return recordNow{householdID: household, version: a.Version,
				values: map[string]string{"kind": string(a.Kind), "assessed_by": a.AssessedBy, "outcome": string(a.Outcome)},
				dates:  dates("assessed_on", &a.AssessedOn),
				keep:   map[string]any{"medical_adviser": a.MedicalAdviser, "adviser_opinion": a.AdviserOpinion}}, nil
		},
		update: func(s *Handler, c fiber.Ctx, id, version int, body []byte, found map[string]string) error {
			var in request.HealthAssessment
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.UpdateHealthAssessment(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
				return err
			})
		}}
	recordEdits["dbs"] = recordEdit{
		load: func(s *Handler, c fiber.Ctx, id int) (recordNow, error) {
			d, err := registry.ViewDBSCheck(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
			if err != nil {
				return recordNow{}, err
			}
			household, err := registry.HouseholdOfPerson(c.Context(), s.Store.Client, d.CarerID, d.HouseholdMemberID)
			if err != nil {
				return recordNow{}, err
			}
			return recordNow{householdID: household, version: d.Version,
				values: map[string]string{"certificate_number": d.CertificateNumber, "level": string(d.Level),
					"update_service": yes(d.UpdateService), "outcome": string(d.Outcome)},
				dates: dates("issued_on", &d.IssuedOn), keep: map[string]any{}}, nil
		},
		update: func(s *Handler, c fiber.Ctx, id, version int, body []byte, found map[string]string) error {
			var in request.DBSCheck
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.UpdateDBSCheck(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
				return err
			})
		}}
	recordEdits["placement"] = recordEdit{
		more: []formField{
			{Name: "ended_on", Label: "Ended on", Kind: "date", Optional: true},
			{Name: "end_reason", Label: "Why it ended", Kind: "radios", Optional: true,
				Options: options("returned_home", "moved_placement", "adopted", "special_guardianship", "independence", "staying_put", "other")},
		},
		load: func(s *Handler, c fiber.Ctx, id int) (recordNow, error) {
			p, err := registry.ViewPlacement(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
			if err != nil {
				return recordNow{}, err
			}
			reason := ""
			if p.EndReason != nil {
				reason = string(*p.EndReason)
			}
			return recordNow{householdID: p.HouseholdID, version: p.Version,
				values: map[string]string{"child_reference": p.ChildReference, "placing_authority": p.PlacingAuthority,
					"category": string(p.Category), "end_reason": reason},
				dates: dates("started_on", &p.StartedOn, "ended_on", p.EndedOn), keep: map[string]any{}}, nil
		},
		update: func(s *Handler, c fiber.Ctx, id, version int, body []byte, found map[string]string) error {
			var in request.Placement
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.UpdatePlacement(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
				return err
			})
		}}
}
