package server

import (
	"fmt"
	"html"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// TestDashboardSaysWhatWaitsForYou: the agency decision maker's dashboard
// starts with the reviews waiting for their decision, with the date it is
// due (7 working days after the panel's recommendation); a reviewing
// officer's with the reviews assigned to them, and not another officer's.
func TestDashboardSaysWhatWaitsForYou(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	api := newAPIClient(t, s, "manager")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0550", nil, nil)
	r := mustPostReview(t, api, h, withJSONField(t, withJSONField(t, withJSONField(t, reviewBody, "status", `"awaiting_panel"`),
		"report", `"Written."`), "recommendation", `"continue_approval"`))
	met := todayPlus(-3)
	p := mustPostPanel(t, api, fmt.Sprintf(`{"name": "Fostering panel", "meets_on": "%s"}`, met))
	_, out := api.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", p.ID), fmt.Sprintf(`{"review_id": %d}`, r.ID))
	item := decodeReviewBody[jsonapi.PanelItemJSON](t, out)
	expect(t, 200)(api.send("PUT", fmt.Sprintf("/api/v1/panel-items/%d", item.ID), fmt.Sprintf(
		`{"review_id": %d, "recommendation": "continue_approval", "recommended_on": "%s"}`, r.ID, met), "If-Match", `"1"`))

	adm, _ := reviewSignedIn(t, s, "adm@example.org", "adm")
	_, page := adm.get("/")
	page = html.UnescapeString(page)
	by := compliance.AddWorkingDays(met, 7)
	if !strings.Contains(page, "Waiting for you") || !strings.Contains(page, fmt.Sprintf(`href="/reviews/%d"`, r.ID)) ||
		!strings.Contains(page, "Fostering panel recommended on "+met.Long()) || !strings.Contains(page, by.Long()) {
		t.Errorf("the decision maker's dashboard does not list the review waiting for a decision by %s", by.Long())
	}

	officer, officerID := reviewSignedIn(t, s, "iro@example.org", "reviewing_officer")
	other, _ := reviewSignedIn(t, s, "iro2@example.org", "reviewing_officer")
	assigned := mustPostReview(t, api, h, withJSONField(t, reviewBody, "reviewing_officer_id", fmt.Sprint(officerID)))
	link := fmt.Sprintf(`href="/reviews/%d"`, assigned.ID)
	if _, page := officer.get("/"); !strings.Contains(page, link) {
		t.Error("a reviewing officer's dashboard does not list the review assigned to them")
	}
	if _, page := other.get("/"); strings.Contains(page, link) || !strings.Contains(page, "Nothing is waiting for you") {
		t.Error("another reviewing officer is shown a review not theirs")
	}
}
