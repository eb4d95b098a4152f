package ui

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

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
		"Done": c.Query("sent") == "1", "On": httpx.Today(),
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
	// The views are the API's request.Contribution, checked the same way, so
	// that the page and the API refuse the same things in the same words.
	in := request.Contribution{Source: string(contribution.SourceCarer), AuthorName: me.FirstName + " " + me.LastName,
		ReceivedOn: httpx.Today().String(), Text: c.FormValue("views")}
	errs := map[string]string{}
	if err := checkForm(s, c, errs, &in, map[string]string{"text": "views"}); err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.myViewsPage(c, fiber.StatusUnprocessableEntity, errs, in.Text)
	}
	reviewID := atoiOr(c.FormValue("review"))
	_, err = registry.CreateContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), reviewID, in.Fields())
	if err != nil {
		return err
	}
	return c.Redirect().To("/my/views?sent=1")
}
