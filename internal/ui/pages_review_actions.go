package ui

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/hidden"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// pageRefusal turns a registry refusal of a form into the page again with
// the problems beside their fields (422); anything else is an error page.
func (s *Handler) pageRefusal(c fiber.Ctx, id int, err error, errs map[string]string, form *reviewForm) error {
	var re *registry.Error
	if err != nil && (!errors.As(err, &re) || re.Code != registry.EINVALID) {
		return err
	}
	if re != nil {
		for name, msg := range re.Fields {
			errs[pageField(name)] = msg
		}
		if len(re.Fields) == 0 {
			errs["form"] = re.Message
		}
	}
	return s.reviewPage(c, id, fiber.StatusUnprocessableEntity, errs, form)
}

// HandleReviewToPanel handles POST /reviews/:id/panel: puts the review on
// the chosen panel's agenda, with the day its papers went out if given.
func (s *Handler) HandleReviewToPanel(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	form := &reviewForm{PanelID: c.FormValue("panel_id")}
	errs := map[string]string{}
	panelID := atoiOr(form.PanelID)
	if panelID == 0 {
		errs["panel_id"] = "Choose the panel the review goes to"
	}
	in, sent, msg := formDate(c, "papers", "The date the papers were sent")
	form.Notice = in
	if msg != "" {
		errs["papers"] = msg
	}
	if len(errs) > 0 {
		return s.reviewPage(c, id, fiber.StatusUnprocessableEntity, errs, form)
	}
	_, err = registry.CreatePanelItem(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), panelID,
		registry.PanelItemFields{ReviewID: id, PapersSentOn: sent})
	if err == nil {
		return c.Redirect().To("/reviews/" + httpx.Itoa(id) + "?done=panel")
	}
	return s.pageRefusal(c, id, err, errs, form)
}

// HandleReviewRecommendation handles POST /reviews/:id/recommendation: the
// panel's recommendation on the review's latest agenda item, and its date.
func (s *Handler) HandleReviewRecommendation(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	form := &reviewForm{Recommendation: c.FormValue("panel_recommendation")}
	errs := map[string]string{}
	in, on, msg := formDate(c, "recommended", "The date of the panel's recommendation")
	form.Decided = in
	switch {
	case msg != "":
		errs["recommended"] = msg
	case on == nil:
		errs["recommended"] = "Enter the date of the panel's recommendation"
	}
	rec := request.OptionalEnum[panelitem.Recommendation](form.Recommendation)
	if rec == nil || panelitem.RecommendationValidator(*rec) != nil {
		errs["panel_recommendation"] = "Choose the panel's recommendation"
	}
	refuseHidden(errs, "minute", "Minute", c.FormValue("minute"), hidden.InNotes)
	item, err := registry.LatestAgendaItem(c.Context(), s.Store.Client, s.Viewer(c), id)
	if err != nil {
		return err
	}
	if item == nil {
		errs["panel_recommendation"] = "Put the review on a panel's agenda first"
	}
	if len(errs) > 0 {
		return s.reviewPage(c, id, fiber.StatusUnprocessableEntity, errs, form)
	}
	_, err = registry.UpdatePanelItem(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), item.ID, item.Version,
		registry.PanelItemFields{ReviewID: id, Position: &item.Position, PapersSentOn: item.PapersSentOn,
			RecommendedOn: on, Recommendation: rec, Minute: c.FormValue("minute")})
	if err == nil {
		return c.Redirect().To("/reviews/" + httpx.Itoa(id) + "?done=recommendation")
	}
	return s.pageRefusal(c, id, err, errs, form)
}

// HandleReviewDecide handles POST /reviews/:id/decide: the decision
// maker's decision. A change of terms takes the review's proposed terms.
func (s *Handler) HandleReviewDecide(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	form := &reviewForm{Outcome: c.FormValue("outcome"), Reasons: c.FormValue("reasons"), Agreed: c.FormValue("agreed")}
	errs := map[string]string{}
	decidedIn, decided, msg := formDate(c, "decided", "The date of the decision")
	form.Decided = decidedIn
	switch {
	case msg != "":
		errs["decided"] = msg
	case decided == nil:
		errs["decided"] = "Enter the date of the decision"
	case decided.After(httpx.Today()):
		errs["decided"] = "The date of the decision must be today or in the past"
	}
	noticeIn, notice, msg := formDate(c, "notice", "The date written notice was sent")
	form.Notice = noticeIn
	if msg != "" {
		errs["notice"] = msg
	}
	outcome := review.Outcome(form.Outcome)
	if review.OutcomeValidator(outcome) != nil {
		errs["outcome"] = "Choose the decision"
	}
	if form.Reasons == "" {
		errs["reasons"] = "Enter the reasons for the decision"
	}
	refuseHidden(errs, "reasons", "Reasons", form.Reasons, hidden.InNotes)
	r, err := registry.VisibleReview(c.Context(), s.Store.Client, s.Viewer(c), id)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.reviewPage(c, id, fiber.StatusUnprocessableEntity, errs, form)
	}
	d := registry.Decision{DecidedOn: *decided, Outcome: outcome, Reasons: form.Reasons, NoticeSentOn: notice}
	if form.Agreed != "" {
		agreed := form.Agreed == "yes"
		d.CarerAgreedToChange = &agreed
	}
	if outcome == review.OutcomeTermsRevised && r.ProposedNumberOfChildren != nil && r.ProposedAgeFrom != nil && r.ProposedAgeTo != nil {
		d.Terms = &registry.ProposedTerms{Categories: r.ProposedCategories, NumberOfChildren: *r.ProposedNumberOfChildren,
			AgeFrom: *r.ProposedAgeFrom, AgeTo: *r.ProposedAgeTo, Notes: r.ProposedTermsNote}
	}
	_, err = registry.DecideReview(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, atoiOr(c.FormValue("version")), d)
	if err == nil {
		return c.Redirect().To("/reviews/" + httpx.Itoa(id) + "?done=decided")
	}
	return s.pageRefusal(c, id, err, errs, form)
}

// HandleReviewViewsAdd handles POST /reviews/:id/views: views gathered by
// staff (a child's, a social worker's, a placing authority's), attributed
// as the contributor should be, with the day they were received.
func (s *Handler) HandleReviewViewsAdd(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	form := &reviewForm{Source: c.FormValue("source"), Author: strings.TrimSpace(c.FormValue("author_name")),
		Text: strings.TrimSpace(c.FormValue("text"))}
	errs := map[string]string{}
	in, received, msg := formDate(c, "received", "The date the views were received")
	form.Received = in
	switch {
	case msg != "":
		errs["received"] = msg
	case received == nil:
		errs["received"] = "Enter the date the views were received"
	case received.After(httpx.Today()):
		errs["received"] = "The date the views were received must be today or in the past"
	}
	src := contribution.Source(form.Source)
	if contribution.SourceValidator(src) != nil {
		errs["source"] = "Choose whose views these are"
	}
	if form.Author == "" {
		errs["author_name"] = "Enter who gave the views (for a child, their reference)"
	}
	if form.Text == "" {
		errs["text"] = "Enter the views"
	}
	refuseHidden(errs, "author_name", "Given by", form.Author, hidden.InLine)
	refuseHidden(errs, "text", "Their views", form.Text, hidden.InNotes)
	if len(errs) > 0 {
		return s.reviewPage(c, id, fiber.StatusUnprocessableEntity, errs, form)
	}
	_, err = registry.CreateContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id,
		registry.ContributionFields{Source: src, AuthorName: form.Author, ReceivedOn: *received, Text: form.Text})
	if err == nil {
		return c.Redirect().To("/reviews/" + httpx.Itoa(id) + "?done=views#views")
	}
	return s.pageRefusal(c, id, err, errs, form)
}
