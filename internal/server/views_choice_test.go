package server

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/internal/registry"
)

// TestViewsChosenFromTheExpectedList records views through the review
// page by choosing whose they are from the review's expected list, not by
// typing a name that must match it exactly. The carers' views given
// together count for each carer, so neither is left "Missing".
func TestViewsChosenFromTheExpectedList(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	manager := signedIn(t, s)
	api := newAPIClient(t, s, "manager")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0590", nil, nil)
	expect(t, 201)(api.send("POST", fmt.Sprintf("/api/v1/households/%d/carers", h), `{"first_name": "Chiamaka", "last_name": "Singh"}`))
	r := mustPostReview(t, api, h, reviewBody)
	path := fmt.Sprintf("/reviews/%d", r.ID)
	_, page := manager.get(path)
	page = html.UnescapeString(page)
	first := "Siân Price FH-0590"
	joint := "carer|" + first + " and Chiamaka Singh"
	for _, want := range []string{`value="carer|` + first + `"`, `value="carer|Chiamaka Singh"`, `value="` + joint + `"`, "The foster carers together"} {
		if !strings.Contains(page, want) {
			t.Errorf("the views form does not offer %s", want)
		}
	}
	on := todayPlus(-2)
	resp, _ := manager.post(path+"/views", url.Values{"contributor": {joint}, "text": {"We are proud of how settled the children are."},
		"received-day": {fmt.Sprint(on.Day())}, "received-month": {fmt.Sprint(int(on.Month()))}, "received-year": {fmt.Sprint(on.Year())}})
	if resp.StatusCode != 303 && resp.StatusCode != 302 {
		t.Fatalf("the carers' joint views answered %d", resp.StatusCode)
	}
	views, _, err := registry.ExpectedViews(t.Context(), st.Client, registry.Viewer{Role: "manager"}, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range views {
		if ev.Source == "carer" && ev.ContributionID == nil {
			t.Errorf("%s is still missing after the carers' joint views", ev.Who)
		}
	}
}

// TestSavedViewsAreChangedAndRemoved corrects views already recorded
// from the review's page and then removes them: a correction with an
// impossible date is refused beside its question; a good one is saved;
// removal takes them off the review, with a banner saying so.
func TestSavedViewsAreChangedAndRemoved(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	manager := signedIn(t, s)
	api := newAPIClient(t, s, "manager")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0620", nil, nil)
	r := mustPostReview(t, api, h, reviewBody)
	on := todayPlus(-4)
	_, out := api.send("POST", fmt.Sprintf("/api/v1/reviews/%d/contributions", r.ID), fmt.Sprintf(
		`{"source": "carer", "author_name": "Siân Price FH-0620", "received_on": "%s", "text": "Frist draft."}`, on))
	id := decodeReviewBody[struct{ ID int }](t, out).ID
	if _, page := manager.get(fmt.Sprintf("/reviews/%d", r.ID)); !strings.Contains(page, fmt.Sprintf(`href="/contributions/%d/edit"`, id)) {
		t.Fatal("the saved views offer no Change")
	}
	edit := fmt.Sprintf("/contributions/%d/edit", id)
	manager.get(edit)
	form := url.Values{"version": {"1"}, "text": {"First draft, corrected."},
		"received_on-day": {"31"}, "received_on-month": {"2"}, "received_on-year": {fmt.Sprint(on.Year())}}
	if resp, page := manager.post(edit, form); resp.StatusCode != 422 || !strings.Contains(page, `href="#received_on-day"`) {
		t.Errorf("31 February: %d", resp.StatusCode)
	}
	form.Set("received_on-day", fmt.Sprint(on.Day()))
	form.Set("received_on-month", fmt.Sprint(int(on.Month())))
	if resp, _ := manager.post(edit, form); resp.StatusCode != 303 && resp.StatusCode != 302 {
		t.Fatalf("correcting the views answered %d", resp.StatusCode)
	}
	got := st.Client.Contribution.GetX(t.Context(), id)
	if got.Text != "First draft, corrected." || got.AuthorName != "Siân Price FH-0620" {
		t.Errorf("saved %q by %q", got.Text, got.AuthorName)
	}
	manager.get(fmt.Sprintf("/reviews/%d", r.ID))
	resp, _ := manager.post(fmt.Sprintf("/contributions/%d/remove", id), url.Values{"version": {fmt.Sprint(got.Version)}})
	if resp.StatusCode != 303 && resp.StatusCode != 302 {
		t.Fatalf("removing the views answered %d", resp.StatusCode)
	}
	if _, page := manager.get(resp.Header.Get("Location")); !strings.Contains(html.UnescapeString(page), "The views are removed") {
		t.Error("no banner after removing the views")
	}
	if n := st.Client.Contribution.Query().Where(contribution.ReviewID(r.ID)).CountX(t.Context()); n != 0 {
		t.Errorf("%d views still on the review", n)
	}
}
