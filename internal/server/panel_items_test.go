package server

import (
	"fmt"
	"net/http"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// TestPanelItemRejectsBadInput shows each bad agenda item refused with a
// 4xx naming what was wrong, and the registry unchanged.
func TestPanelItemRejectsBadInput(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	api := newAPIClient(t, s, "manager")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0500", nil, nil)
	onAgenda, free := mustPostReview(t, api, h, reviewBody), mustPostReview(t, api, h, reviewBody)
	p := mustPostPanel(t, api, panelBody()) // meets on 2026-04-09
	items := fmt.Sprintf("/api/v1/panels/%d/items", p.ID)
	if resp, body := api.send("POST", items, fmt.Sprintf(`{"review_id": %d}`, onAgenda.ID)); resp.StatusCode != 201 {
		t.Fatalf("setup: %d %s", resp.StatusCode, body)
	}
	base := fmt.Sprintf(`{"review_id": %d, "papers_sent_on": "2026-03-30"}`, free.ID)
	with := func(field, value string) string { return withJSONField(t, base, field, value) }
	recommended := func(on string) string {
		return withJSONField(t, with("recommendation", `"continue_approval"`), "recommended_on", `"`+on+`"`)
	}
	expectReviewRefusals(t, st.Client, func(body string) (*http.Response, string) {
		return api.send("POST", items, body)
	}, []reviewRefusal{
		{"ErrReviewMissing", with("review_id", ""), 422, "review_id", "Choose the review"},
		{"ErrReviewUnknown", with("review_id", "999999"), 422, "review_id", "Choose a review in the registry"},
		{"ErrReviewAlreadyOnAgenda", with("review_id", fmt.Sprint(onAgenda.ID)), 422, "review_id", "This review is already on the panel's agenda"},
		{"ErrPapersAfterMeeting", with("papers_sent_on", `"2026-04-10"`), 422, "papers_sent_on", "The date the papers were sent must be the same as or before the date the panel meets, 9 April 2026"},
		{"ErrPapersInFuture", with("papers_sent_on", `"`+httpx.Today().AddDays(1).String()+`"`), 422, "papers_sent_on", "The date the papers were sent must be today or in the past"},
		{"ErrRecommendationWithoutDate", with("recommendation", `"change_terms"`), 422, "recommended_on", "Enter the date of the panel's recommendation: it starts the decision maker's 7 working days"},
		{"ErrDateWithoutRecommendation", with("recommended_on", `"2026-04-09"`), 422, "recommendation", "Choose the panel's recommendation"},
		{"ErrRecommendedBeforeMeeting", recommended("2026-04-08"), 422, "recommended_on", "The date of the panel's recommendation must be the same as or after the date the panel meets, 9 April 2026"},
		{"ErrRecommendationUnknown", withJSONField(t, recommended("2026-04-09"), "recommendation", `"approve"`), 422, "recommendation", "Choose the panel's recommendation"},
		{"ErrPositionZero", with("position", "0"), 422, "position", "The item's place on the agenda must be between 1 and 500"},
	})
	expectReviewRefusals(t, st.Client, func(body string) (*http.Response, string) {
		return api.send("POST", "/api/v1/panels/999999/items", body)
	}, []reviewRefusal{{"ErrPanelUnknown", base, 404, "", "no panel 999999"}})
}

// TestPanelItemRecordsTheRecommendation shows the panel's recommendation
// and minute recorded with If-Match (428 without, 412 stale), audited with
// old and new values, and the agenda in order.
func TestPanelItemRecordsTheRecommendation(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	api := newAPIClient(t, s, "manager")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0501", nil, nil)
	first, second := mustPostReview(t, api, h, reviewBody), mustPostReview(t, api, h, reviewBody)
	p := mustPostPanel(t, api, panelBody())
	var ids []int
	for _, r := range []jsonapi.ReviewJSON{first, second} {
		_, out := api.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", p.ID), fmt.Sprintf(`{"review_id": %d}`, r.ID))
		ids = append(ids, decodeReviewBody[jsonapi.PanelItemJSON](t, out).ID)
	}
	_, out := api.send("GET", fmt.Sprintf("/api/v1/panels/%d/items?limit=1", p.ID), "")
	firstPage := decodeReviewBody[httpx.Page[jsonapi.PanelItemJSON]](t, out)
	_, out = api.send("GET", fmt.Sprintf("/api/v1/panels/%d/items?limit=1&cursor=%s", p.ID, firstPage.NextCursor), "")
	secondPage := decodeReviewBody[httpx.Page[jsonapi.PanelItemJSON]](t, out)
	if len(firstPage.Items) != 1 || firstPage.Items[0].Position != 1 || len(secondPage.Items) != 1 ||
		secondPage.Items[0].Position != 2 || secondPage.NextCursor != "" {
		t.Errorf("agenda pages: %+v then %+v", firstPage, secondPage)
	}
	path := fmt.Sprintf("/api/v1/panel-items/%d", ids[0])
	body := fmt.Sprintf(`{"review_id": %d, "papers_sent_on": "2026-03-30", "recommendation": "continue_approval",
		"recommended_on": "2026-04-09", "minute": "The panel recommends that approval continues."}`, first.ID)
	if resp, _ := api.send("PUT", path, body); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d", resp.StatusCode)
	}
	if resp, out := api.send("PUT", path, body, "If-Match", `"1"`); resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("update: %d %s", resp.StatusCode, out)
	}
	if resp, _ := api.send("PUT", path, body, "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale: %d", resp.StatusCode)
	}
	got := st.Client.PanelItem.GetX(t.Context(), ids[0])
	if got.Recommendation == nil || *got.Recommendation != panelitem.RecommendationContinueApproval || got.Position != 1 {
		t.Errorf("saved %+v", got)
	}
	e := st.Client.AuditEvent.Query().Where(auditevent.Entity("panel_item"), auditevent.ActionEQ(auditevent.ActionUpdate)).OnlyX(t.Context())
	if e.Changes["recommendation"].Old != nil || e.Changes["recommendation"].New != "continue_approval" || e.Changes["position"].New != nil {
		t.Errorf("audit changes = %v", e.Changes)
	}
}
