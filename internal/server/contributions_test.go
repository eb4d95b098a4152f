package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/contribution"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/httpx"
)

const contributionBody = `{"source": "fostered_child", "author_name": "child AB", "received_on": "2026-02-20",
	"text": "I like living here and I want to stay."}`

// mustPostContribution records views for review r through the API.
func mustPostContribution(t *testing.T, api apiClient, r int, body string) jsonapi.ContributionJSON {
	t.Helper()
	resp, out := api.send("POST", fmt.Sprintf("/api/v1/reviews/%d/contributions", r), body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create contribution: %d %s", resp.StatusCode, out)
	}
	return decodeReviewBody[jsonapi.ContributionJSON](t, out)
}

// TestContributionLifecycle shows views recorded (audited, with their
// address), corrected with If-Match (428 without, 412 stale), and
// archived.
func TestContributionLifecycle(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0300", nil, nil)
	api := newAPIClient(t, s, "ssw")
	r := mustPostReview(t, api, h, reviewBody)
	resp, out := api.send("POST", fmt.Sprintf("/api/v1/reviews/%d/contributions", r.ID), contributionBody)
	if resp.StatusCode != 201 {
		t.Fatalf("create: %d %s", resp.StatusCode, out)
	}
	c := decodeReviewBody[jsonapi.ContributionJSON](t, out)
	if c.Source != contribution.SourceFosteredChild || c.ReviewID != r.ID || resp.Header.Get("Location") != fmt.Sprintf("/api/v1/contributions/%d", c.ID) {
		t.Errorf("created %+v at %s", c, resp.Header.Get("Location"))
	}
	e := st.Client.AuditEvent.Query().Where(auditevent.Entity("contribution"), auditevent.ActionEQ(auditevent.ActionCreate)).OnlyX(t.Context())
	if e.Changes["source"].New != "fostered_child" || e.Changes["received_on"].New != "2026-02-20" {
		t.Errorf("audit = %v", e.Changes)
	}
	path := fmt.Sprintf("/api/v1/contributions/%d", c.ID)
	fixed := withJSONField(t, contributionBody, "author_name", `"child CD"`)
	if resp, _ := api.send("PUT", path, fixed); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d", resp.StatusCode)
	}
	if resp, body := api.send("PUT", path, fixed, "If-Match", `"1"`); resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("update: %d %s", resp.StatusCode, body)
	}
	if resp, _ := api.send("PUT", path, contributionBody, "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale: %d", resp.StatusCode)
	}
	e = st.Client.AuditEvent.Query().Where(auditevent.Entity("contribution"), auditevent.ActionEQ(auditevent.ActionUpdate)).OnlyX(t.Context())
	if len(e.Changes) != 1 || e.Changes["author_name"].Old != "child AB" || e.Changes["author_name"].New != "child CD" {
		t.Errorf("audit changes = %v", e.Changes)
	}
	if resp, _ := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusNoContent {
		t.Errorf("archive: %d", resp.StatusCode)
	}
	if resp, _ := api.send("GET", path, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("archived: %d, want 404", resp.StatusCode)
	}
}

// TestContributionRejectsBadInput shows each bad set of views refused with
// a 4xx naming what was wrong, and the registry unchanged.
func TestContributionRejectsBadInput(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0301", nil, nil)
	api := newAPIClient(t, s, "manager")
	r := mustPostReview(t, api, h, reviewBody)
	with := func(field, value string) string { return withJSONField(t, contributionBody, field, value) }
	cases := []reviewRefusal{
		{"ErrSourceUnknown", with("source", `"neighbour"`), 422, "source", "Choose whose views these are"},
		{"ErrSourceMissing", with("source", ""), 422, "source", "Choose whose views these are"},
		{"ErrAuthorBlank", with("author_name", `"   "`), 422, "author_name", "Enter who gave the views"},
		{"ErrAuthorTooLong", with("author_name", `"`+strings.Repeat("a", 201)+`"`), 422, "author_name", "200"},
		{"ErrReceivedInFuture", with("received_on", `"`+httpx.Today().AddDays(1).String()+`"`), 422, "received_on", "The date the views were received must be today or in the past"},
		{"ErrReceivedNotADate", with("received_on", `"20/02/2026"`), 422, "received_on", "2026-03-14"},
		{"ErrTextMissing", with("text", ""), 422, "text", "Enter the views"},
		{"ErrTextBlank", with("text", `" "`), 422, "text", "Enter the views"},
	}
	expectReviewRefusals(t, st.Client, func(body string) (*http.Response, string) {
		return api.send("POST", fmt.Sprintf("/api/v1/reviews/%d/contributions", r.ID), body)
	}, cases)
	expectReviewRefusals(t, st.Client, func(body string) (*http.Response, string) {
		return api.send("POST", "/api/v1/reviews/999999/contributions", body)
	}, []reviewRefusal{{"ErrReviewUnknown", contributionBody, 404, "", "no review 999999"}})
}

// TestCarerGivesAndSeesOnlyTheirOwnViews shows a carer sending their own
// views on their own review, refused any other source or household, and
// never shown what a child or a social worker said, by list or by id.
func TestCarerGivesAndSeesOnlyTheirOwnViews(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	carer, carerID := reviewSignedIn(t, s, "sian@example.net", "carer")
	own := mustCreateReviewedHousehold(t, st.Client, "FH-0302", nil, &carerID)
	other := mustCreateReviewedHousehold(t, st.Client, "FH-0303", nil, nil)
	api := newAPIClient(t, s, "manager")
	mine, theirs := mustPostReview(t, api, own, reviewBody), mustPostReview(t, api, other, reviewBody)
	childViews := mustPostContribution(t, api, mine.ID, contributionBody)
	swViews := mustPostContribution(t, api, mine.ID, withJSONField(t, contributionBody, "source", `"child_social_worker"`))

	views := withJSONField(t, withJSONField(t, withJSONField(t, contributionBody, "source", `"carer"`), "author_name", `"Siân Price FH-0302"`),
		"received_on", fmt.Sprintf("%q", httpx.Today()))
	for _, tc := range []struct {
		name, path, body string
		status           int
	}{
		{"ErrChildsSource", fmt.Sprintf("/api/v1/reviews/%d/contributions", mine.ID), withJSONField(t, views, "source", `"fostered_child"`), 422},
		{"ErrOtherHousehold", fmt.Sprintf("/api/v1/reviews/%d/contributions", theirs.ID), views, 404},
		{"OK", fmt.Sprintf("/api/v1/reviews/%d/contributions", mine.ID), views, 201},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if resp, body := carer.sendJSON("POST", tc.path, tc.body); resp.StatusCode != tc.status {
				t.Errorf("%d %s, want %d", resp.StatusCode, body, tc.status)
			}
		})
	}
	list := getJSON[httpx.Page[jsonapi.ContributionJSON]](t, carer, fmt.Sprintf("/api/v1/reviews/%d/contributions", mine.ID))
	if len(list.Items) != 1 || list.Items[0].Source != contribution.SourceCarer || *list.Items[0].AuthorID != carerID {
		t.Errorf("carer's list: %+v", list.Items)
	}
	for _, id := range []int{childViews.ID, swViews.ID} {
		if resp, body := carer.get(fmt.Sprintf("/api/v1/contributions/%d", id)); resp.StatusCode != 404 || strings.Contains(body, "living here") {
			t.Errorf("contribution %d: %d %s, want 404", id, resp.StatusCode, body)
		}
	}
	staffList := decodeReviewBody[httpx.Page[jsonapi.ContributionJSON]](t, func() string {
		_, body := api.send("GET", fmt.Sprintf("/api/v1/reviews/%d/contributions?limit=2", mine.ID), "")
		return body
	}())
	if len(staffList.Items) != 2 || staffList.NextCursor == "" {
		t.Errorf("staff's first page: %+v", staffList)
	}
}
