package server

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// panelBody is a panel with the given members.
func panelBody(members ...int) string {
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = fmt.Sprint(m)
	}
	return fmt.Sprintf(`{"name": "Fostering panel", "meets_on": "2026-04-09", "location": "Paignton", "member_ids": [%s]}`,
		strings.Join(ids, ", "))
}

// mustPostPanel arranges a panel through the API.
func mustPostPanel(t *testing.T, api apiClient, body string) jsonapi.PanelJSON {
	t.Helper()
	resp, out := api.send("POST", "/api/v1/panels", body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create panel: %d %s", resp.StatusCode, out)
	}
	return decodeReviewBody[jsonapi.PanelJSON](t, out)
}

// TestPanelLifecycle shows a panel arranged with its members (audited),
// changed with If-Match (428 without, 412 stale), refused archiving while
// a review is on its agenda, and archived once it is not.
func TestPanelLifecycle(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	a := mustCreateUser(t, st.Client, "a@example.org", "panel_member")
	b := mustCreateUser(t, st.Client, "b@example.org", "panel_member")
	api := newAPIClient(t, s, "manager")
	p := mustPostPanel(t, api, panelBody(b.ID, a.ID))
	if !slices.Equal(p.MemberIDs, []int{a.ID, b.ID}) || p.Name != "Fostering panel" || p.Version != 1 {
		t.Errorf("created %+v", p)
	}
	e := st.Client.AuditEvent.Query().Where(auditevent.Entity("panel"), auditevent.ActionEQ(auditevent.ActionCreate)).OnlyX(t.Context())
	if e.Changes["member_ids"].New != fmt.Sprintf("%d,%d", a.ID, b.ID) || e.Changes["meets_on"].New != "2026-04-09" {
		t.Errorf("audit = %v", e.Changes)
	}
	path := fmt.Sprintf("/api/v1/panels/%d", p.ID)
	if resp, _ := api.send("PUT", path, panelBody(a.ID)); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d", resp.StatusCode)
	}
	resp, out := api.send("PUT", path, panelBody(a.ID), "If-Match", `"1"`)
	if got := decodeReviewBody[jsonapi.PanelJSON](t, out); resp.StatusCode != 200 || !slices.Equal(got.MemberIDs, []int{a.ID}) {
		t.Fatalf("update: %d %s", resp.StatusCode, out)
	}
	if resp, _ := api.send("PUT", path, panelBody(b.ID), "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale: %d", resp.StatusCode)
	}
	e = st.Client.AuditEvent.Query().Where(auditevent.Entity("panel"), auditevent.ActionEQ(auditevent.ActionUpdate)).OnlyX(t.Context())
	if len(e.Changes) != 1 || e.Changes["member_ids"].Old != fmt.Sprintf("%d,%d", a.ID, b.ID) || e.Changes["member_ids"].New != fmt.Sprint(a.ID) {
		t.Errorf("audit changes = %v", e.Changes)
	}
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0400", nil, nil)
	r := mustPostReview(t, api, h, reviewBody)
	resp, out = api.send("POST", path+"/items", fmt.Sprintf(`{"review_id": %d}`, r.ID))
	if resp.StatusCode != 201 {
		t.Fatalf("agenda item: %d %s", resp.StatusCode, out)
	}
	item := decodeReviewBody[jsonapi.PanelItemJSON](t, out)
	if resp, body := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusConflict {
		t.Errorf("archive with an agenda: %d %s, want 409", resp.StatusCode, body)
	}
	if resp, body := api.send("DELETE", fmt.Sprintf("/api/v1/reviews/%d", r.ID), "", "If-Match", `"1"`); resp.StatusCode != http.StatusConflict {
		t.Errorf("archive a review on the agenda: %d %s, want 409", resp.StatusCode, body)
	}
	if resp, _ := api.send("DELETE", fmt.Sprintf("/api/v1/panel-items/%d", item.ID), "", "If-Match", `"1"`); resp.StatusCode != 204 {
		t.Errorf("take off the agenda: %d", resp.StatusCode)
	}
	if resp, _ := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusNoContent {
		t.Errorf("archive: %d", resp.StatusCode)
	}
}

// TestPanelRejectsBadInput shows each bad panel refused with a 4xx naming
// what was wrong, and the registry unchanged.
func TestPanelRejectsBadInput(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	member := mustCreateUser(t, st.Client, "member@example.org", "panel_member")
	gone := mustCreateUser(t, st.Client, "gone@example.org", "panel_member")
	st.Client.User.UpdateOneID(gone.ID).SetActive(false).ExecX(t.Context())
	api := newAPIClient(t, s, "manager")
	with := func(field, value string) string { return withJSONField(t, panelBody(member.ID), field, value) }
	expectReviewRefusals(t, st.Client, func(body string) (*http.Response, string) {
		return api.send("POST", "/api/v1/panels", body)
	}, []reviewRefusal{
		{"ErrNameBlank", with("name", `"  "`), 422, "name", "Enter the panel's name"},
		{"ErrMeetsOnMissing", with("meets_on", ""), 422, "meets_on", "Enter the date the panel meets"},
		{"ErrMeetsOnNotADate", with("meets_on", `"next Tuesday"`), 422, "meets_on", "2026-03-14"},
		{"ErrMemberInactive", panelBody(member.ID, gone.ID), 422, "member_ids[1]", "Choose active users as the panel's members"},
		{"ErrMemberUnknown", panelBody(999999), 422, "member_ids[0]", "Choose active users as the panel's members"},
		{"ErrMemberTwice", panelBody(member.ID, member.ID), 422, "member_ids", "Choose each of the panel's members once"},
		{"ErrMemberNotAnID", panelBody(0), 422, "member_ids[0]", "Choose the panel's members"},
		{"ErrChairUnknown", with("chair_id", "999999"), 422, "chair_id", "Choose an active user as the panel's chair"},
		{"ErrLocationTooLong", with("location", `"`+strings.Repeat("x", 201)+`"`), 422, "location", "200"},
	})
}

// TestPanelMemberSeesOnlyTheirPanels shows a panel member reading the
// panels they sit on and their agendas, and every other panel, agenda and
// agenda item answered 404; and that only managers arrange panels.
func TestPanelMemberSeesOnlyTheirPanels(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	member, memberID := reviewSignedIn(t, s, "member@example.org", "panel_member")
	api := newAPIClient(t, s, "manager")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0401", nil, nil)
	r := mustPostReview(t, api, h, reviewBody)
	theirs, other := mustPostPanel(t, api, panelBody(memberID)), mustPostPanel(t, api, panelBody())
	var items []jsonapi.PanelItemJSON
	for _, p := range []jsonapi.PanelJSON{theirs, other} {
		_, out := api.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", p.ID), fmt.Sprintf(`{"review_id": %d, "minute": "Discussed"}`, r.ID))
		items = append(items, decodeReviewBody[jsonapi.PanelItemJSON](t, out))
	}
	list := getJSON[httpx.Page[jsonapi.PanelJSON]](t, member, "/api/v1/panels")
	if len(list.Items) != 1 || list.Items[0].ID != theirs.ID {
		t.Errorf("member's panels: %+v", list.Items)
	}
	for path, want := range map[string]int{
		fmt.Sprintf("/api/v1/panels/%d", theirs.ID):              200,
		fmt.Sprintf("/api/v1/panels/%d/items", theirs.ID):        200,
		fmt.Sprintf("/api/v1/panel-items/%d", items[0].ID):       200,
		fmt.Sprintf("/api/v1/panels/%d", other.ID):               404,
		fmt.Sprintf("/api/v1/panels/%d/items", other.ID):         404,
		fmt.Sprintf("/api/v1/panel-items/%d", items[1].ID):       404,
		fmt.Sprintf("/api/v1/reviews/%d", r.ID):                  403,
		fmt.Sprintf("/api/v1/households/%d/reviews", h):          403,
		fmt.Sprintf("/api/v1/panels/%d/items?page=2", theirs.ID): 422,
	} {
		if resp, body := member.get(path); resp.StatusCode != want {
			t.Errorf("%s: %d %s, want %d", path, resp.StatusCode, body, want)
		}
	}
	if resp, _ := member.sendJSON("POST", "/api/v1/panels", panelBody(memberID)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("member arranging a panel: %d, want 403", resp.StatusCode)
	}
}
