package server

import (
	"fmt"
	"html"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/user"
)

// TestHouseholdPageNamesTheFamilyAndLeadsBack: a household's page is headed
// with its carers' names (the reference its caption), lists its sections
// to jump to, and its back link returns to the Hearth page the person came
// from (a search), never to another site.
func TestHouseholdPageNamesTheFamilyAndLeadsBack(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	b := signedIn(t, s)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0560", nil, nil)
	c := st.Client.Carer.Query().FirstX(t.Context())
	path := fmt.Sprintf("/households/%d", h)
	from := func(referer string) string {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Referer", referer)
		_, page := b.do(req)
		return html.UnescapeString(page)
	}
	page := from("http://example.com/households?q=FH-0560")
	if !strings.Contains(page, `<h1 class="govuk-heading-xl">`+c.FirstName+" "+c.LastName) || !strings.Contains(page, "Household FH-0560 · ") {
		t.Errorf("the heading does not name the carers with the reference as its caption: %.1500s", page[strings.Index(page, "<main"):])
	}
	for _, section := range []string{"#due", "#reviews", "#training", "#visits"} {
		if !strings.Contains(page, `href="`+section+`"`) {
			t.Errorf("the page does not link to its section %s", section)
		}
	}
	if !strings.Contains(page, `href="/households?q=FH-0560" class="govuk-back-link"`) {
		t.Error("the back link does not return to the search the person came from")
	}
	if page := from("https://elsewhere.example/phish"); !strings.Contains(page, `href="/households" class="govuk-back-link"`) {
		t.Error("a Referer from another site was followed by the back link")
	}
}

// TestCarerIsToldAPastDueDateIsPast: a carer asked for their views on a
// review due by a date already gone is told it was due, in sentence case,
// not that it "is due by" a past date.
func TestCarerIsToldAPastDueDateIsPast(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	carerBrowser := signedInAs(t, s, "carer0600@example.net", "Carer Zero", "carer")
	u := st.Client.User.Query().Where(user.Email("carer0600@example.net")).OnlyX(t.Context())
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0600", nil, &u.ID)
	mustPostReview(t, newAPIClient(t, s, "manager"), h, withJSONField(t, reviewBody, "meeting_on", "null"))
	_, page := carerBrowser.get("/my/views")
	page = html.UnescapeString(page)
	if !strings.Contains(page, "Your household's annual review was due by 14 March 2026, and your views are still wanted") {
		t.Errorf("the carer is not told the review's date has passed: %.1200s", page[strings.Index(page, "<main"):])
	}
}
