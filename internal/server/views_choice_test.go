package server

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"

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
