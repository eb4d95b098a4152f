package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/internal/hidden"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// maxViewsLength bounds a carer's views, as the API does.
const maxViewsLength = 20000

// HandleMyViews handles GET /my/views: the carer's household's review that
// is gathering views, the views they have sent, and a form to send more.
func (s *Handler) HandleMyViews(c fiber.Ctx) error {
	return s.myViewsPage(c, fiber.StatusOK, nil, "")
}

func (s *Handler) myViewsPage(c fiber.Ctx, status int, errs map[string]string, typed string) error {
	me, err := s.myCarer(c)
	if err != nil || me == nil {
		return s.renderUnlinked(c, "My views", err)
	}
	v := s.Viewer(c)
	r, err := registry.ReviewGatheringViews(c.Context(), s.Store.Client, v, me.HouseholdID)
	if err != nil {
		return err
	}
	var sent []*ent.Contribution
	if r != nil {
		if sent, err = registry.ViewsSent(c.Context(), s.Store.Client, v, r); err != nil {
			return err
		}
	}
	return s.Render(c, status, "carer_views", fiber.Map{
		"Title": "My views", "Review": r, "Sent": sent, "Errors": errs, "Typed": typed,
		"Done": c.Query("sent") == "1",
	})
}

// HandleMyViewsSend handles POST /my/views: the carer's own views for
// their household's review, attributed to them and dated today. The
// registry holds the rules the API follows too: only a review gathering
// views, never a decided or cancelled one, only in the carer's own name.
func (s *Handler) HandleMyViewsSend(c fiber.Ctx) error {
	me, err := s.myCarer(c)
	if err != nil || me == nil {
		return s.renderUnlinked(c, "My views", err)
	}
	text := strings.TrimSpace(c.FormValue("views"))
	switch {
	case text == "":
		return s.myViewsPage(c, fiber.StatusUnprocessableEntity, map[string]string{"views": "Enter your views"}, text)
	case utf8.RuneCountInString(text) > maxViewsLength:
		return s.myViewsPage(c, fiber.StatusUnprocessableEntity,
			map[string]string{"views": "Your views must be 20,000 characters or fewer"}, text)
	case hidden.InNotes(text):
		return s.myViewsPage(c, fiber.StatusUnprocessableEntity, map[string]string{"views": hidden.Problem("Your views")}, text)
	}
	reviewID := atoiOr(c.FormValue("review"))
	_, err = registry.CreateContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), reviewID,
		registry.ContributionFields{Source: contribution.SourceCarer, AuthorName: me.FirstName + " " + me.LastName,
			ReceivedOn: httpx.Today(), Text: text})
	if err != nil {
		return err
	}
	return c.Redirect().To("/my/views?sent=1")
}
