package ui

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// reviewStages are the lifecycle's steps in order, for the timeline.
var reviewStages = []review.Status{review.StatusScheduled, review.StatusGatheringViews, review.StatusReportWritten,
	review.StatusAwaitingPanel, review.StatusDecided}

// reviewStage is one step of the timeline.
type reviewStage struct {
	Status        review.Status
	Done, Current bool
}

// reviewForm is what the review workspace's forms were sent with, kept to
// show again beside their errors.
type reviewForm struct {
	Meeting, Decided, Notice, Received dateInput
	// The revised terms a decision asks for, as typed: categories
	// comma-separated (the checkboxes ticked), the rest as written.
	Categories, Children, AgeFrom, AgeTo, TermsNotes string
	Report, Recommendation, Reason                   string
	Outcome, Reasons, Agreed, PanelID                string
	Source, Author, Text                             string
	// Contributor is the choice from the expected list: "source|who",
	// or "other" for someone typed in.
	Contributor string
}

// reviewPage gathers the review workspace: the timeline, whose views are
// missing, the views themselves, the report, the panel and the decision,
// with the forms for the next steps the viewer may take.
func (s *Handler) reviewPage(c fiber.Ctx, id int, status int, errs map[string]string, form *reviewForm) error {
	ctx, client, v := c.Context(), s.Store.Client, s.Viewer(c)
	r, err := registry.ViewReview(ctx, client, s.Actor(c), v, id)
	if err != nil {
		return err
	}
	h := r.Edges.Household
	views, period, err := registry.ExpectedViews(ctx, client, v, id)
	if err != nil {
		return err
	}
	missing := 0
	for _, ev := range views {
		if ev.ContributionID == nil {
			missing++
		}
	}
	w, err := registry.ReadReviewWorkspace(ctx, client, v, r, httpx.Today())
	if err != nil {
		return err
	}
	var stages []reviewStage
	reached := true
	for _, st := range reviewStages {
		cur := st == r.Status
		stages = append(stages, reviewStage{Status: st, Done: reached && !cur, Current: cur})
		if cur {
			reached = false
		}
	}
	if form == nil {
		form = &reviewForm{Meeting: dateInputOf(r.MeetingOn), Report: r.Report, Decided: dateInputOf(nil)}
		if r.Recommendation != nil {
			form.Recommendation = string(*r.Recommendation)
		}
		proposedTerms(form, r)
	}
	var steps []review.Status
	if v.MayWriteReview(r, h.SswID) {
		steps = registry.NextSteps(r.Status)
	}
	decidable := v.MayDecideReviews() && (r.Status == review.StatusAwaitingPanel ||
		(r.Status == review.StatusReportWritten && !r.PanelRequired))
	open := r.Status != review.StatusDecided && r.Status != review.StatusCancelled
	return s.Render(c, status, "review", fiber.Map{
		// The browser's tab names the household too: several reviews
		// are often open at once.
		"Title": httpx.Words(r.Kind) + " review", "PageTitle": httpx.Words(r.Kind) + " review – " + h.Reference,
		"Review": r, "Household": h, "Officer": w.Officer, "Stages": stages,
		"Views": views, "Missing": missing, "Period": period, "Given": w.Given, "Items": w.Items, "Panels": w.Panels,
		"Steps": steps, "MayManagePanels": v.MayManagePanels(), "Decidable": decidable,
		"ErrorOrder":           reviewControls,
		"Done":                 reviewDone(c.Query("done"), r),
		"MayReschedule":        open && v.MayWriteReview(r, h.SswID),
		"MayAssignOfficer":     open && v.MayAllocate(),
		"MayGatherViews":       v.MayGatherViews(r, h.SswID) && (r.Status == review.StatusScheduled || r.Status == review.StatusGatheringViews),
		"Sources":              options("fostered_child", "household_child", "child_social_worker", "iro", "placing_authority", "ssw", "carer", "other"),
		"RepresentationsUntil": registry.RepresentationsUntil(r), "Errors": errs, "Form": form,
		"Categories":   options(schema.ApprovalCategories()...),
		"Contributors": contributorChoices(views),
		"StepLabels":   stepLabels(r.Status),
		"Back":         "/households/" + httpx.Itoa(h.ID),
	})
}

// HandleReviewPage handles GET /reviews/:id: the review workspace.
func (s *Handler) HandleReviewPage(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	return s.reviewPage(c, id, fiber.StatusOK, nil, nil)
}

// HandleReviewStep handles POST /reviews/:id/step: moves the review to the
// status sent, with what that step needs (the meeting date, report and
// recommendation for a written report; the reason for a cancellation).
// Problems come back on the page, beside their fields, with status 422.
func (s *Handler) HandleReviewStep(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	ctx, v := c.Context(), s.Viewer(c)
	r, err := registry.VisibleReview(ctx, s.Store.Client, v, id)
	if err != nil {
		return err
	}
	form := &reviewForm{Report: c.FormValue("report"), Recommendation: c.FormValue("recommendation"), Reason: c.FormValue("reason")}
	// The step is the change the API's PUT would make (request.Review,
	// from the review as it stands), checked the same way: a report or a
	// reason too long, or holding hidden characters, is refused here as
	// there, in the same words. The page reads only the date's boxes.
	errs := map[string]string{}
	in := request.ReviewOf(r)
	in.Status = c.FormValue("to")
	if c.FormValue("meeting-day")+c.FormValue("meeting-month")+c.FormValue("meeting-year") != "" || in.Status == string(review.StatusReportWritten) {
		form.Meeting, in.MeetingOn = pageDate(c, errs, "meeting", &in, "meeting_on")
	}
	switch review.Status(in.Status) {
	case review.StatusReportWritten:
		in.Report, in.Recommendation = form.Report, form.Recommendation
	case review.StatusCancelled:
		in.CancelledReason = form.Reason
	}
	if err := checkForm(s, c, errs, &in, nil); err != nil {
		return err
	}
	f := in.Fields()
	if len(errs) == 0 {
		_, err = registry.UpdateReview(ctx, s.Store.Client, s.Actor(c), v, id, atoiOr(c.FormValue("version")), f)
		if err == nil {
			return c.Redirect().To("/reviews/" + httpx.Itoa(id) + "?done=" + string(f.Status))
		}
		return s.pageRefusal(c, id, err, errs, form)
	}
	return s.reviewPage(c, id, fiber.StatusUnprocessableEntity, errs, form)
}

// pageField is the form field an API field's problem belongs to.
func pageField(name string) string {
	switch name {
	case "meeting_on":
		return "meeting"
	case "cancelled_reason":
		return "reason"
	case "received_on":
		return "received"
	case "decided_on":
		return "decided"
	case "notice_sent_on":
		return "notice"
	case "decision_reasons":
		return "reasons"
	}
	return name
}

// reviewControls are the ids of the review page's controls in page order,
// for its error summary: the views form, the report, cancelling, the
// panel's agenda and recommendation, and the decision.
var reviewControls = []string{
	"source", "author_name", "received-day", "text",
	"meeting-day", "report", "recommendation-continue_approval", "reason",
	"panel_id", "papers-day", "panel_recommendation-continue_approval", "recommended-day",
	"outcome-approval_continues", "categories-short_term", "children", "age_from", "age_to", "terms_notes",
	"carer_agreed_to_change-yes", "decided-day", "reasons", "notice-day",
}

// reviewDone is the banner after a step: what happened, what happens next
// and who does it.
func reviewDone(done string, r *ent.Review) string {
	switch done {
	case "gathering_views":
		return "The review is gathering views. Next, record each person's views below as they come in."
	case "report_written":
		if r.PanelRequired {
			return "The report is saved. Next, a manager refers the review to panel and puts it on a panel's agenda."
		}
		return "The report is saved. Next, the agency decision maker records the decision."
	case "awaiting_panel":
		return "The review is referred to panel. Next, a manager puts it on a panel's agenda."
	case "cancelled":
		return "The review is cancelled."
	case "panel":
		return "The review is on the panel's agenda. Next, after the panel meets, a manager records its recommendation."
	case "recommendation":
		return "The panel's recommendation is recorded. Next, the agency decision maker records the decision."
	case "decided":
		return "The decision is recorded, and the household's next review is scheduled."
	case "views":
		return "The views are saved."
	case "views_changed":
		return "The views are changed."
	case "views_removed":
		return "The views are removed from the review. The audit trail keeps who removed them."
	case "officer":
		return "The reviewing officer is saved."
	case "rescheduled":
		return "The review's date is changed, with the reason kept."
	}
	return ""
}

// proposedTerms starts the decision's revised terms from those the report
// proposed, for the decision maker to confirm or change.
func proposedTerms(form *reviewForm, r *ent.Review) {
	form.Categories, form.TermsNotes = strings.Join(r.ProposedCategories, ","), r.ProposedTermsNote
	for box, v := range map[*string]*int{&form.Children: r.ProposedNumberOfChildren, &form.AgeFrom: r.ProposedAgeFrom, &form.AgeTo: r.ProposedAgeTo} {
		if v != nil {
			*box = strconv.Itoa(*v)
		}
	}
}

// contributorChoices are whose views the views form offers: everyone the
// review expects views from, those still missing first, and the foster
// carers together when there are two or more. Each answer is the source
// and name the expected list attributes views by ("carer|Dermot Ionescu").
func contributorChoices(views []registry.ExpectedView) []formOption {
	var missing, received []formOption
	var carers []string
	for _, ev := range views {
		o := formOption{Value: string(ev.Source) + "|" + ev.Who, Label: ev.Who + " (" + ev.Why + ")"}
		if ev.ContributionID == nil {
			missing = append(missing, o)
		} else {
			o.Label += ", views received"
			received = append(received, o)
		}
		if ev.Source == contribution.SourceCarer {
			carers = append(carers, ev.Who)
		}
	}
	out := append(missing, received...)
	if len(carers) > 1 {
		joint := strings.Join(carers, " and ")
		out = append(out, formOption{Value: string(contribution.SourceCarer) + "|" + joint,
			Label: "The foster carers together (" + joint + ")"})
	}
	return out
}

// stepLabels words the buttons that move a review from one step to the
// next, as what the person does ("Refer to panel"), and says so when a
// step goes back.
func stepLabels(from review.Status) map[string]string {
	labels := map[string]string{
		string(review.StatusGatheringViews): "Start gathering views",
		string(review.StatusAwaitingPanel):  "Refer to panel",
	}
	if from == review.StatusReportWritten {
		labels[string(review.StatusGatheringViews)] = "Go back to gathering views"
	}
	return labels
}
