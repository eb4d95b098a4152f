package ui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// pageRefusal turns a registry refusal of a form into the page again with
// the problems beside their fields (422), or, for a step the review is not
// ready for (409: deciding before the panel has recommended), the page
// again saying what it waits for, with what was typed kept. Anything
// else is an error page.
func (s *Handler) pageRefusal(c fiber.Ctx, id int, err error, errs map[string]string, form *reviewForm) error {
	var re *registry.Error
	if err != nil && errors.As(err, &re) && re.Code == registry.ECONFLICT {
		errs["form"] = re.Message
		return s.reviewPage(c, id, fiber.StatusConflict, errs, form)
	}
	if err != nil && (re == nil || re.Code != registry.EINVALID) {
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
	// The agenda item is the API's request.PanelItem, checked the same way:
	// papers dated in the future are refused here as the API refuses them.
	in := request.PanelItem{ReviewID: id}
	form.Notice, in.PapersSentOn = pageDate(c, errs, "papers", &in, "papers_sent_on")
	if err := checkForm(s, c, errs, &in, map[string]string{"papers_sent_on": "papers", "review_id": "panel_id"}); err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.reviewPage(c, id, fiber.StatusUnprocessableEntity, errs, form)
	}
	_, err = registry.CreatePanelItem(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), panelID, in.Fields())
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
	item, err := registry.LatestAgendaItem(c.Context(), s.Store.Client, s.Viewer(c), id)
	if err != nil {
		return err
	}
	if item == nil {
		errs["panel_recommendation"] = "Put the review on a panel's agenda first"
		return s.reviewPage(c, id, fiber.StatusUnprocessableEntity, errs, form)
	}
	// The form changes the agenda item as the API's request.PanelItem
	// does, checked the same way (a recommendation dated in the future is
	// refused both ways, in the same words). The request leaves the
	// recommendation optional, since an item is changed before its panel
	// too; this form is for recording it, so it asks for both, in the
	// request's words.
	in := request.PanelItem{ReviewID: id, Position: &item.Position, PapersSentOn: dateOrEmpty(item.PapersSentOn),
		Recommendation: form.Recommendation, Minute: c.FormValue("minute")}
	form.Decided, in.RecommendedOn = pageDate(c, errs, "recommended", &in, "recommended_on")
	if in.RecommendedOn == "" && in.Recommendation == "" && errs["recommended"] == "" {
		errs["recommended"] = "Enter " + request.PlainName(&in, "recommended_on")
		errs["panel_recommendation"] = "Choose " + request.PlainName(&in, "recommendation")
	}
	if err := checkForm(s, c, errs, &in, map[string]string{"recommended_on": "recommended", "recommendation": "panel_recommendation"}); err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.reviewPage(c, id, fiber.StatusUnprocessableEntity, errs, form)
	}
	_, err = registry.UpdatePanelItem(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), item.ID, item.Version, in.Fields())
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
	// The form is the API's decision (request.Decision), checked the same
	// way and so refused in the same words; the page reads only what is
	// its own, a date typed in three boxes.
	in := request.Decision{Outcome: form.Outcome, DecisionReasons: form.Reasons}
	errs := map[string]string{}
	form.Decided, in.DecidedOn = pageDate(c, errs, "decided", &in, "decided_on")
	form.Notice, in.NoticeSentOn = pageDate(c, errs, "notice", &in, "notice_sent_on")
	if form.Agreed != "" {
		agreed := form.Agreed == "yes"
		in.CarerAgreedToChange = &agreed
	}
	// Revised terms are asked only with that outcome, as the API takes them.
	form.Categories = strings.Join(formValues(c, "categories"), ",")
	form.Children, form.AgeFrom, form.AgeTo = c.FormValue("children"), c.FormValue("age_from"), c.FormValue("age_to")
	form.TermsNotes = c.FormValue("terms_notes")
	if form.Outcome == string(review.OutcomeTermsRevised) {
		terms := &request.DecidedTerms{Categories: formValues(c, "categories"), Notes: form.TermsNotes}
		children := pageWholeNumber(errs, "children", form.Children, &in, "terms.number_of_children")
		if children != nil {
			terms.NumberOfChildren = *children
		}
		terms.AgeFrom = pageWholeNumber(errs, "age_from", form.AgeFrom, &in, "terms.age_from")
		terms.AgeTo = pageWholeNumber(errs, "age_to", form.AgeTo, &in, "terms.age_to")
		in.Terms = terms
	}
	if err := checkForm(s, c, errs, &in, decisionBoxes); err != nil {
		return err
	}
	if _, err := registry.VisibleReview(c.Context(), s.Store.Client, s.Viewer(c), id); err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.reviewPage(c, id, fiber.StatusUnprocessableEntity, errs, form)
	}
	_, err = registry.DecideReview(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, atoiOr(c.FormValue("version")), in.Fields())
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
		Text: strings.TrimSpace(c.FormValue("text")), Contributor: c.FormValue("contributor")}
	// Whose views they are is chosen from the review's expected list
	// ("carer|Dermot Ionescu", or both carers together), so the views are
	// attributed exactly as the list names them; "Someone else" is typed.
	if source, who, listed := strings.Cut(form.Contributor, "|"); listed {
		form.Source, form.Author = source, who
	}
	// The form is the API's views (request.Contribution), checked the same
	// way and so refused in the same words.
	in := request.Contribution{Source: form.Source, AuthorName: form.Author, Text: form.Text}
	errs := map[string]string{}
	form.Received, in.ReceivedOn = pageDate(c, errs, "received", &in, "received_on")
	if err := checkForm(s, c, errs, &in, nil); err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.reviewPage(c, id, fiber.StatusUnprocessableEntity, errs, form)
	}
	_, err = registry.CreateContribution(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, in.Fields())
	if err == nil {
		return c.Redirect().To("/reviews/" + httpx.Itoa(id) + "?done=views#views")
	}
	return s.pageRefusal(c, id, err, errs, form)
}

// decisionBoxes are the decision form's own names for the revised terms'
// fields, where the API's problems with them are shown.
var decisionBoxes = map[string]string{"terms": "categories", "terms.categories": "categories",
	"terms.number_of_children": "children", "terms.age_from": "age_from", "terms.age_to": "age_to", "terms.notes": "terms_notes"}

// formValues are every value a form sent for name (ticked checkboxes).
func formValues(c fiber.Ctx, name string) []string {
	var out []string
	for _, v := range c.Request().PostArgs().PeekMulti(name) {
		out = append(out, string(v))
	}
	return out
}

// pageWholeNumber reads a number typed in box, for the request field
// field of req: nil when left empty (the request then says it is
// needed), and a problem in the request's own words when it is not a
// whole number.
func pageWholeNumber(errs map[string]string, box, typed string, req any, field string) *int {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return nil
	}
	n, err := strconv.Atoi(typed)
	if err != nil {
		errs[box] = request.Sentence(request.PlainName(req, field)) + " must be a whole number, like 2"
		return nil
	}
	return &n
}
