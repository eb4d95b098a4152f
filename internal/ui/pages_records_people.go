package ui

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// The household page's forms for the people of a household and the
// children placed with it, kept beside the checks' forms in recordKinds.
func init() {
	recordKinds["carer"] = recordKind{request: &request.Carer{}, Title: "Add a foster carer", Submit: "Add the carer",
		fields: staticFields(
			formField{Name: "first_name", Label: "First name", Kind: "text"},
			formField{Name: "last_name", Label: "Last name", Kind: "text"},
			formField{Name: "date_of_birth", Label: "Date of birth", Kind: "date", Optional: true},
			formField{Name: "email", Label: "Email address", Kind: "text", Optional: true},
			formField{Name: "phone", Label: "Phone", Kind: "text", Optional: true},
			formField{Name: "connected_person", Label: "A connected person (family or friend of the child)", Kind: "checkbox"}),
		save: func(s *Handler, c fiber.Ctx, householdID, _ int, body []byte, found map[string]string) error {
			var in request.Carer
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.CreateCarer(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), householdID, in.Fields())
				return err
			})
		}}
	recordKinds["member"] = recordKind{request: &request.Member{}, Title: "Add a household member", Submit: "Add the member",
		fields: staticFields(
			formField{Name: "first_name", Label: "First name", Kind: "text"},
			formField{Name: "last_name", Label: "Last name", Kind: "text"},
			formField{Name: "relationship", Label: "Relationship", Kind: "radios",
				Options: options("birth_child", "adult_child", "adopted_child", "relative", "lodger", "other")},
			formField{Name: "date_of_birth", Label: "Date of birth", Hint: "A DBS check falls due at 18", Kind: "date", Optional: true},
			formField{Name: "moved_in_on", Label: "Moved in on", Kind: "date", Optional: true}),
		save: func(s *Handler, c fiber.Ctx, householdID, _ int, body []byte, found map[string]string) error {
			var in request.Member
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.CreateMember(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), householdID, in.Fields())
				return err
			})
		}}
	recordKinds["placement"] = recordKind{request: &request.Placement{}, Title: "Record a placement", Submit: "Save the placement",
		fields: staticFields(
			formField{Name: "child_reference", Label: "Child's reference", Hint: "Initials or the placing authority's reference, never a full name", Kind: "text"},
			formField{Name: "placing_authority", Label: "Placing authority", Kind: "text"},
			formField{Name: "category", Label: "Kind of placement", Kind: "radios", Options: options(schema.ApprovalCategories()...)},
			formField{Name: "started_on", Label: "Started on", Kind: "date"}),
		save: func(s *Handler, c fiber.Ctx, householdID, _ int, body []byte, found map[string]string) error {
			var in request.Placement
			return s.saveForm(c, body, found, &in, func() error {
				_, err := registry.CreatePlacement(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), householdID, in.Fields())
				return err
			})
		}}
	addedMessage["carer"] = "The carer has been added."
	addedMessage["member"] = "The household member has been added."
	addedMessage["placement"] = "The placement has been recorded."
}
