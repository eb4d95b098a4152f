package server

import (
	"fmt"
	"html"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/review"
)

// TestDecisionFormAsksTheNewTerms: revising a household's terms through
// the review page asks the new terms (categories, number of children,
// ages), starting from those the report proposed. Sent with none ticked
// and a number in words, every problem is named at once and nothing is
// decided; sent right, the decision carries the terms the decision maker
// chose.
func TestDecisionFormAsksTheNewTerms(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	api := newAPIClient(t, s, "manager")
	adm, _ := reviewSignedIn(t, s, "adm@example.org", "adm")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0580", nil, nil)
	r := mustPostReview(t, api, h, withJSONField(t, withJSONField(t, withJSONField(t, withJSONField(t, reviewBody,
		"status", `"report_written"`), "report", `"Written."`), "recommendation", `"change_terms"`), "panel_required", "false"))
	path := fmt.Sprintf("/reviews/%d", r.ID)
	_, page := adm.get(path)
	if !strings.Contains(page, `id="conditional-terms"`) || !strings.Contains(page, `id="categories-short_term" name="categories" type="checkbox" value="short_term" checked`) {
		t.Fatalf("the decision form does not ask the new terms, starting from the proposed ones: %.3000s", page[strings.Index(page, "Record the decision"):])
	}
	decided := todayPlus(-1)
	form := url.Values{"version": {"1"}, "outcome": {"terms_revised"}, "agreed": {"yes"}, "reasons": {"A change the carers asked for."},
		"decided-day": {fmt.Sprint(decided.Day())}, "decided-month": {fmt.Sprint(int(decided.Month()))}, "decided-year": {fmt.Sprint(decided.Year())},
		"children": {"two"}, "age_from": {"0"}, "age_to": {"11"}}
	resp, page := adm.post(path+"/decide", form)
	page = html.UnescapeString(page)
	if resp.StatusCode != 422 || !strings.Contains(page, `href="#categories-`) || !strings.Contains(page, "The number of children must be a whole number") {
		t.Fatalf("no categories and 'two' children: %d: %.1200s", resp.StatusCode, page[strings.Index(page, "<main"):])
	}
	if st.Client.Review.GetX(t.Context(), r.ID).Status == review.StatusDecided {
		t.Fatal("decided from a form with problems")
	}
	form.Set("children", "3")
	form["categories"] = []string{"long_term", "short_term"}
	if resp, page := adm.post(path+"/decide", form); resp.StatusCode != 303 && resp.StatusCode != 302 {
		t.Fatalf("deciding with revised terms answered %d: %.800s", resp.StatusCode, page)
	}
	got := st.Client.Review.GetX(t.Context(), r.ID)
	if got.Status != review.StatusDecided || got.ProposedNumberOfChildren == nil || *got.ProposedNumberOfChildren != 3 ||
		!slices.Equal(got.ProposedCategories, []string{"long_term", "short_term"}) {
		t.Errorf("decided %s with %v children, categories %v", got.Status, got.ProposedNumberOfChildren, got.ProposedCategories)
	}
}
