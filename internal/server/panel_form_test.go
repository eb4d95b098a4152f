package server

import (
	"fmt"
	"html"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/user"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
)

// TestManagerArrangesAPanelThroughItsForm arranges a panel through the
// panels page's form. Sent empty, with an impossible date, it names every
// problem at once in plain words and saves nothing; sent right, the panel
// is saved with its chair and members, and its page says it is arranged
// and what comes next. A supervising social worker may not arrange one.
func TestManagerArrangesAPanelThroughItsForm(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	b := signedIn(t, s)
	chair := mustCreateUser(t, st.Client, "chair@example.org", "panel_member")
	member := mustCreateUser(t, st.Client, "member@example.org", "panel_member")
	if _, page := b.get("/panels"); !strings.Contains(page, `href="/panels/new"`) {
		t.Error("the panels page offers a manager no way to arrange a panel")
	}
	_, form := b.get("/panels/new")
	if !strings.Contains(form, fmt.Sprintf(`id="member_ids-%d"`, member.ID)) {
		t.Fatalf("the form does not offer the panel members: %.1500s", form)
	}
	resp, page := b.post("/panels/new", url.Values{"meets_on-day": {"31"}, "meets_on-month": {"2"}, "meets_on-year": {"2027"}})
	page = html.UnescapeString(page)
	if resp.StatusCode != 422 || !strings.Contains(page, `href="#name"`) || !strings.Contains(page, `href="#meets_on-day"`) {
		t.Fatalf("an empty name and 31 February answered %d without naming both: %.800s", resp.StatusCode, page)
	}
	if !strings.Contains(page, "Enter the panel's name") || strings.Contains(page, "name is a required") {
		t.Errorf("the form does not say what to do in plain words: %s", page[strings.Index(page, "govuk-error-summary__list"):][:400])
	}
	if n := st.Client.Panel.Query().CountX(t.Context()); n != 0 {
		t.Fatalf("%d panels saved from a form with problems", n)
	}
	resp, _ = b.post("/panels/new", url.Values{"name": {"Fostering panel"}, "meets_on-day": {"14"}, "meets_on-month": {"3"},
		"meets_on-year": {"2027"}, "chair_id": {fmt.Sprint(chair.ID)},
		"member_ids": {fmt.Sprint(chair.ID), fmt.Sprint(member.ID)}})
	if resp.StatusCode != 303 && resp.StatusCode != 302 {
		t.Fatalf("arranging a panel answered %d", resp.StatusCode)
	}
	p := st.Client.Panel.Query().Where(panel.Name("Fostering panel")).WithMembers().OnlyX(t.Context())
	if p.ChairID == nil || *p.ChairID != chair.ID || len(p.Edges.Members) != 2 || p.MeetsOn.String() != "2027-03-14" {
		t.Errorf("saved %+v with %d members", p, len(p.Edges.Members))
	}
	if _, page := b.get(resp.Header.Get("Location")); !strings.Contains(page, "Panel arranged") || !strings.Contains(page, "Next, put reviews on its agenda") {
		t.Errorf("the panel's page does not say it is arranged and what comes next: %.600s", page)
	}
	ssw := signedInAs(t, s, "ssw@example.org", "Sam SSW", "ssw")
	if resp, _ := ssw.get("/panels/new"); resp.StatusCode != 403 {
		t.Errorf("a supervising social worker asked for the form: %d, want 403", resp.StatusCode)
	}
}

// TestAgendaItemsLeadToTheirReview: on a panel's page, staff find a link
// from each agenda item to its review; a panel member, who may not open
// reviews, is offered only the pack.
func TestAgendaItemsLeadToTheirReview(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	manager := signedIn(t, s)
	api := newAPIClient(t, s, "manager")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0530", nil, nil)
	r := mustPostReview(t, api, h, withJSONField(t, withJSONField(t, withJSONField(t, reviewBody, "status", `"awaiting_panel"`),
		"report", `"Written."`), "recommendation", `"continue_approval"`))
	sitting := signedInAs(t, s, "sitting@example.org", "Sitting Member", "panel_member")
	member := st.Client.User.Query().Where(user.Email("sitting@example.org")).OnlyX(t.Context())
	p := mustPostPanel(t, api, fmt.Sprintf(`{"name": "Fostering panel", "meets_on": "%s", "member_ids": [%d]}`, todayPlus(10), member.ID))
	expect(t, 201)(api.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", p.ID), fmt.Sprintf(`{"review_id": %d}`, r.ID)))
	link := fmt.Sprintf(`href="/reviews/%d"`, r.ID)
	if _, page := manager.get(fmt.Sprintf("/panels/%d", p.ID)); !strings.Contains(page, link) {
		t.Error("a manager's agenda does not link the item to its review")
	}
	if resp, page := sitting.get(fmt.Sprintf("/panels/%d", p.ID)); resp.StatusCode != 200 || strings.Contains(page, link) {
		t.Errorf("a panel member's agenda (%d) links to a review they may not open", resp.StatusCode)
	}
}

// TestManagerOrdersTheAgenda moves a review up the agenda and takes
// another off it from the panel's page: the order is saved (positions
// renumbered) and said in a banner; a panel member is offered neither.
func TestManagerOrdersTheAgenda(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	manager := signedIn(t, s)
	api := newAPIClient(t, s, "manager")
	p := mustPostPanel(t, api, fmt.Sprintf(`{"name": "Fostering panel", "meets_on": "%s"}`, todayPlus(20)))
	var items []int
	for _, ref := range []string{"FH-0610", "FH-0611", "FH-0612"} {
		h := mustCreateReviewedHousehold(t, st.Client, ref, nil, nil)
		r := mustPostReview(t, api, h, reviewBody)
		_, out := api.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", p.ID), fmt.Sprintf(`{"review_id": %d}`, r.ID))
		items = append(items, decodeReviewBody[jsonapi.PanelItemJSON](t, out).ID)
	}
	path := fmt.Sprintf("/panels/%d", p.ID)
	manager.get(path)
	resp, _ := manager.post(fmt.Sprintf("%s/items/%d/move", path, items[2]), url.Values{"version": {"1"}, "direction": {"up"}})
	if resp.StatusCode != 303 && resp.StatusCode != 302 {
		t.Fatalf("moving an item up answered %d", resp.StatusCode)
	}
	order := func() []int {
		rows := st.Client.PanelItem.Query().Where(panelitem.PanelID(p.ID)).Order(ent.Asc(panelitem.FieldPosition)).AllX(t.Context())
		var ids []int
		for _, r := range rows {
			ids = append(ids, r.ID)
		}
		return ids
	}
	if got := order(); !slices.Equal(got, []int{items[0], items[2], items[1]}) {
		t.Errorf("agenda after moving the third up: %v", got)
	}
	_, page := manager.get(path + "?done=moved")
	if !strings.Contains(page, "The agenda&#39;s order is saved") && !strings.Contains(page, "The agenda's order is saved") {
		t.Error("no banner after moving an item")
	}
	first := st.Client.PanelItem.GetX(t.Context(), items[0])
	if resp, _ := manager.post(fmt.Sprintf("%s/items/%d/remove", path, items[0]), url.Values{"version": {fmt.Sprint(first.Version)}}); resp.StatusCode != 303 && resp.StatusCode != 302 {
		t.Fatalf("taking an item off answered %d", resp.StatusCode)
	}
	if got := order(); !slices.Equal(got, []int{items[2], items[1]}) {
		t.Errorf("agenda after taking the first off: %v", got)
	}
	ssw := signedInAs(t, s, "ssw0610@example.org", "Sam", "ssw")
	ssw.get(path)
	if resp, _ := ssw.post(fmt.Sprintf("%s/items/%d/move", path, items[1]), url.Values{"version": {"1"}, "direction": {"up"}}); resp.StatusCode != 403 {
		t.Errorf("a social worker moved an agenda item: %d", resp.StatusCode)
	}
}
