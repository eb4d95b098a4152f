package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// TestCarerSendsTheirViews shows a carer sending their views for their
// household's review from "My views": an empty form is refused beside its
// field and writes nothing; their words are recorded as the carer's,
// dated today, and tick the carer off the review's checklist; another
// household's review is not found.
func TestCarerSendsTheirViews(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	u := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0400", nil, &u.ID)
	other := mustCreateReviewedHousehold(t, st.Client, "FH-0401", nil, nil)
	api := newAPIClient(t, s, "manager")
	r := mustPostReview(t, api, h, reviewBody)
	theirs := mustPostReview(t, api, other, reviewBody)
	b := newBrowser(t, s)
	b.signIn("zoe@example.net", testPassword)

	if _, page := b.get("/my/views"); !strings.Contains(page, `name="review" value="`+fmt.Sprint(r.ID)+`"`) {
		t.Fatalf("My views offers no form for review %d", r.ID)
	}
	expectPageRefused(t, st.Client, b, "/my/views", url.Values{"review": {fmt.Sprint(r.ID)}, "views": {"   "}}, "Enter the views")

	resp, _ := b.post("/my/views", url.Values{"review": {fmt.Sprint(r.ID)}, "views": {"We have loved this year <3"}})
	if resp.StatusCode != 303 {
		t.Fatalf("send: %d", resp.StatusCode)
	}
	got := st.Client.Contribution.Query().Where(contribution.ReviewID(r.ID)).OnlyX(t.Context())
	if got.Source != contribution.SourceCarer || got.Text != "We have loved this year <3" || got.ReceivedOn != httpx.Today() ||
		got.AuthorID == nil || *got.AuthorID != u.ID || !strings.HasPrefix(got.AuthorName, "Siân") {
		t.Errorf("recorded %+v", got)
	}
	if _, page := b.get("/my/views"); !strings.Contains(page, "We have loved this year &lt;3") {
		t.Error("the sent views are not shown back, escaped")
	}
	views := decodeReviewBody[jsonapi.ViewsChecklistJSON](t, expect(t, 200)(api.send("GET", fmt.Sprintf("/api/v1/reviews/%d/views", r.ID), "")))
	if views.Views[0].Source != "carer" || !views.Views[0].Received {
		t.Errorf("the carer's views are not ticked off: %+v", views.Views[0])
	}
	if resp, _ := b.post("/my/views", url.Values{"review": {fmt.Sprint(theirs.ID)}, "views": {"Not mine"}}); resp.StatusCode != 404 {
		t.Errorf("views for another household's review: %d, want 404", resp.StatusCode)
	}
}

// expectPageRefused posts a form that must be refused: 422, the error
// summary, the message, and no record written.
func expectPageRefused(t *testing.T, client *ent.Client, b *browser, path string, form url.Values, says string) {
	t.Helper()
	before := recordsState(t, client)
	resp, body := b.post(path, form)
	if resp.StatusCode != 422 || !strings.Contains(body, `class="govuk-error-summary"`) || !strings.Contains(body, says) {
		t.Errorf("%s: %d, want 422 with an error summary saying %q", path, resp.StatusCode, says)
	}
	if after := recordsState(t, client); after != before {
		t.Errorf("changed: %s, then %s", before, after)
	}
}
