package server

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/visit"
)

// TestFormNamesEveryProblemAtOnce sends the visit form with an impossible
// date (31 February) and no kind of visit. One answer names both
// problems, not the date first and the kind on the next try; the error
// summary lists them in the order the form asks its questions, the date's
// link going to its day box; each message has an id that its control's
// aria-describedby names; and nothing is saved.
func TestFormNamesEveryProblemAtOnce(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	b := signedIn(t, s)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0520", nil, nil)
	resp, page := b.post(fmt.Sprintf("/households/%d/add/visit", h), url.Values{
		"visited_on-day": {"31"}, "visited_on-month": {"2"}, "visited_on-year": {"2026"}, "visitor_id": {""}})
	if resp.StatusCode != 422 {
		t.Fatalf("answered %d, want 422: %.500s", resp.StatusCode, page)
	}
	summary := page[strings.Index(page, "govuk-error-summary__list"):]
	summary = summary[:strings.Index(summary, "</ul>")]
	links := regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(summary, -1)
	var hrefs []string
	for _, l := range links {
		hrefs = append(hrefs, l[1])
	}
	if strings.Join(hrefs, " ") != "kind-supervisory visited_on-day" {
		t.Errorf("the error summary links to %v, want the kind's first choice, then the date's day box", hrefs)
	}
	for _, want := range []string{`id="kind-error"`, `id="visited_on-error"`,
		`aria-describedby="kind-error"`, `aria-describedby="visited_on-error"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
	if text := html.UnescapeString(summary); !strings.Contains(text, "real date") {
		t.Errorf("the summary does not say the date is not a real one: %s", text)
	}
	if n := st.Client.Visit.Query().Where(visit.HouseholdID(h)).CountX(t.Context()); n != 0 {
		t.Errorf("%d visits saved from a form with problems", n)
	}
}
