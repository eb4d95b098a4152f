package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// TestManagerRecordsAReview follows an annual review through the pages
// from due to decided: the manager finds the household from the
// dashboard's service, gathers views, writes the report (a 31 February
// meeting date is refused beside its field, with what was typed kept),
// refers it to panel, puts it on a panel that has met and records its
// recommendation; the agency decision maker then decides, which schedules
// the next review.
func TestManagerRecordsAReview(t *testing.T) {
	t.Parallel()
	svc := newUIService(t)
	client := svc.st.Client
	r := client.Review.Query().Where(review.StatusEQ(review.StatusScheduled), review.KindEQ(review.KindAnnual),
		review.PanelRequired(false)).WithHousehold().Order(ent.Asc(review.FieldDueOn)).FirstX(t.Context())
	h := r.Edges.Household
	met := client.Panel.Query().Where(panel.MeetsOnLT(httpx.Today()), panel.MeetsOnGTE(httpx.Today().AddDays(-60))).
		Order(ent.Desc(panel.FieldMeetsOn)).FirstX(t.Context())
	manager := client.User.Query().Where(user.RoleEQ(user.RoleManager), user.EmailHasSuffix("@hearth.example")).FirstX(t.Context())
	adm := client.User.Query().Where(user.RoleEQ(user.RoleAdm), user.EmailHasSuffix("@hearth.example")).FirstX(t.Context())

	ctx := svc.browse(t, 1280, 900)
	svc.signIn(t, ctx, manager.Email, true)
	if h1 := text(t, ctx, "h1"); h1 != "The whole service" {
		t.Fatalf("a manager lands on %q", h1)
	}
	checkAccessibility(t, ctx, "dashboard")
	svc.screenshot(t, ctx, "dashboard")

	svc.open(t, ctx, "/households?q="+h.Reference)
	checkAccessibility(t, ctx, "households")
	clickAndLoad(t, ctx, `a[href="/households/`+fmt.Sprint(h.ID)+`"]`)
	checkAccessibility(t, ctx, "household")
	svc.screenshot(t, ctx, "household")
	// The visit form asks who visited, the manager recording it first.
	svc.open(t, ctx, fmt.Sprintf("/households/%d/add/visit", h.ID))
	checkAccessibility(t, ctx, "visit form")
	if who := get(t, ctx, chromedp.Evaluate[string](`(s => s.options[s.selectedIndex].text)(document.getElementById("visitor_id"))`)); who != manager.Name {
		t.Errorf("the visit form starts with %q as the visitor, want %q", who, manager.Name)
	}
	svc.screenshot(t, ctx, "visit-form")
	svc.open(t, ctx, fmt.Sprintf("/households/%d", h.ID))

	reviewPath := fmt.Sprintf("/reviews/%d", r.ID)
	clickAndLoad(t, ctx, `a[href="`+reviewPath+`"]`)
	step := func(to string) {
		t.Helper()
		clickAndLoad(t, ctx, `input[name="to"][value="`+to+`"] ~ button`)
		if got := text(t, ctx, ".hearth-stages__item--current"); got != httpx.Words(to) {
			t.Fatalf("after moving to %s the review is at %q", to, got)
		}
	}
	step("gathering_views")

	// The report, first with a date that does not exist.
	fill := func(day, month, year string) {
		t.Helper()
		run(t, ctx,
			chromedp.SetValue(chromedp.ID("meeting-day"), day), chromedp.SetValue(chromedp.ID("meeting-month"), month),
			chromedp.SetValue(chromedp.ID("meeting-year"), year),
			chromedp.SetValue(chromedp.ID("report"), "The carers have offered steady, warm care; the children are settled."),
			chromedp.Click(chromedp.ID("recommendation-continue_approval")))
		clickAndLoad(t, ctx, `input[name="to"][value="report_written"] ~ button`)
	}
	fill("31", "2", fmt.Sprint(httpx.Today().Year()))
	if got := text(t, ctx, ".govuk-error-summary"); !strings.Contains(got, "must be a real date") {
		t.Errorf("31 February: error summary %q", got)
	}
	if kept := get(t, ctx, chromedp.Value(chromedp.ID("report"))); !strings.Contains(kept, "steady, warm care") {
		t.Errorf("the report typed was not kept: %q", kept)
	}
	if got := client.Review.GetX(t.Context(), r.ID); got.Status != review.StatusGatheringViews || got.Report != "" {
		t.Errorf("a refused report changed the review: %s %q", got.Status, got.Report)
	}
	checkAccessibility(t, ctx, "review with errors")
	// Yesterday: after the household's previous review meeting, which a
	// meeting must follow.
	yesterday := httpx.Today().AddDays(-1)
	fill(fmt.Sprint(yesterday.Day()), fmt.Sprint(int(yesterday.Month())), fmt.Sprint(yesterday.Year()))
	if got := text(t, ctx, ".hearth-stages__item--current"); got != "Report written" {
		t.Fatalf("after the report the review is at %q: %s", got, text(t, ctx, "main"))
	}
	step("awaiting_panel")

	run(t, ctx, chromedp.SetValue(chromedp.ID("panel_id"), fmt.Sprint(met.ID)))
	clickAndLoad(t, ctx, `form[action$="/panel"] button`)
	meets := met.MeetsOn
	run(t, ctx, chromedp.Click(chromedp.ID("panel_recommendation-continue_approval")),
		chromedp.SetValue(chromedp.ID("recommended-day"), fmt.Sprint(meets.Day())),
		chromedp.SetValue(chromedp.ID("recommended-month"), fmt.Sprint(int(meets.Month()))),
		chromedp.SetValue(chromedp.ID("recommended-year"), fmt.Sprint(meets.Year())))
	clickAndLoad(t, ctx, `form[action$="/recommendation"] button`)
	if got := text(t, ctx, "#panel-section + ul"); !strings.Contains(got, "recommended Continue approval") {
		t.Errorf("panel section: %q", got)
	}

	// The agency decision maker decides, in a browser of their own.
	admCtx := svc.browse(t, 1280, 900)
	svc.signIn(t, admCtx, adm.Email, true)
	svc.open(t, admCtx, reviewPath)
	on := httpx.Today()
	run(t, admCtx, chromedp.Click(chromedp.ID("outcome-approval_continues")),
		chromedp.SetValue(chromedp.ID("decided-day"), fmt.Sprint(on.Day())),
		chromedp.SetValue(chromedp.ID("decided-month"), fmt.Sprint(int(on.Month()))),
		chromedp.SetValue(chromedp.ID("decided-year"), fmt.Sprint(on.Year())),
		chromedp.SetValue(chromedp.ID("reasons"), "As the panel recommended."))
	clickAndLoad(t, admCtx, `form[action$="/decide"] button`)
	if got := text(t, admCtx, ".hearth-stages__item--current"); got != "Decided" {
		t.Fatalf("after the decision the review is at %q: %s", got, text(t, admCtx, "main"))
	}
	checkAccessibility(t, admCtx, "decided review")
	svc.screenshot(t, admCtx, "review-workspace")

	decided := client.Review.GetX(t.Context(), r.ID)
	next := client.Review.Query().Where(review.HouseholdID(h.ID), review.StatusEQ(review.StatusScheduled), review.IDGT(r.ID)).OnlyX(t.Context())
	if decided.Outcome == nil || *decided.Outcome != review.OutcomeApprovalContinues || next.DueOn != decided.MeetingOn.AddYears(1) {
		t.Errorf("decided %+v; next review due %s", decided, next.DueOn)
	}
}
