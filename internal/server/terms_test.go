package server

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/httpx"
)

const termsBody = `{"categories": ["short_term", "long_term"], "number_of_children": 2, "age_from": 0, "age_to": 11,
	"effective_from": "2025-03-20", "decision": "ADM decision after the annual review"}`

// TestTermsHistory shows new terms closing the current ones the day
// before they take effect, a warning (not a refusal) above the usual
// fostering limit, each change audited, and corrections made with If-Match
// (428 without, 412 stale).
func TestTermsHistory(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0600", nil, nil)
	api := newAPIClient(t, s, "manager")
	path := fmt.Sprintf("/api/v1/households/%d/approval-terms", h)
	resp, out := api.send("POST", path, termsBody)
	if resp.StatusCode != 201 {
		t.Fatalf("first terms: %d %s", resp.StatusCode, out)
	}
	first := decodeReviewBody[jsonapi.TermsJSON](t, out)
	if len(first.Warnings) != 0 || resp.Header.Get("Location") != fmt.Sprintf("/api/v1/approval-terms/%d", first.ID) {
		t.Errorf("first terms %+v at %s", first, resp.Header.Get("Location"))
	}
	more := withJSONField(t, withJSONField(t, termsBody, "number_of_children", "4"), "effective_from", `"2026-03-20"`)
	resp, out = api.send("POST", path, more)
	second := decodeReviewBody[jsonapi.TermsJSON](t, out)
	if resp.StatusCode != 201 || !slices.Equal(second.Warnings, []string{usualLimitWarning}) {
		t.Fatalf("second terms: %d %s", resp.StatusCode, out)
	}
	closed := st.Client.ApprovalTerms.GetX(t.Context(), first.ID)
	if closed.EffectiveTo == nil || closed.EffectiveTo.String() != "2026-03-19" {
		t.Errorf("first terms end %v, want 2026-03-19", closed.EffectiveTo)
	}
	creates := st.Client.AuditEvent.Query().Where(auditevent.Entity("approval_terms"), auditevent.ActionEQ(auditevent.ActionCreate)).CountX(t.Context())
	e := st.Client.AuditEvent.Query().Where(auditevent.Entity("approval_terms"), auditevent.ActionEQ(auditevent.ActionUpdate)).OnlyX(t.Context())
	if creates != 2 || *e.EntityID != first.ID || e.Changes["effective_to"].New != "2026-03-19" {
		t.Errorf("%d creates audited; close audited as %v", creates, e.Changes)
	}
	list := decodeReviewBody[httpx.Page[jsonapi.TermsJSON]](t, func() string { _, b := api.send("GET", path, ""); return b }())
	if len(list.Items) != 2 || list.Items[0].ID != first.ID || list.Items[1].ID != second.ID {
		t.Errorf("history: %+v", list.Items)
	}
	one := fmt.Sprintf("/api/v1/approval-terms/%d", second.ID)
	fixed := withJSONField(t, more, "age_to", "17")
	if resp, _ := api.send("PUT", one, fixed); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d", resp.StatusCode)
	}
	if resp, out := api.send("PUT", one, fixed, "If-Match", `"1"`); resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("correct: %d %s", resp.StatusCode, out)
	}
	if resp, _ := api.send("PUT", one, more, "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale: %d", resp.StatusCode)
	}
	if got := st.Client.ApprovalTerms.GetX(t.Context(), second.ID); got.AgeTo != 17 || got.Version != 2 {
		t.Errorf("saved age_to %d version %d", got.AgeTo, got.Version)
	}
}

// TestTermsRejectBadInput shows each bad set of terms refused with a 4xx
// naming what was wrong, and the registry unchanged.
func TestTermsRejectBadInput(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0601", nil, nil)
	other := mustCreateReviewedHousehold(t, st.Client, "FH-0602", nil, nil)
	api := newAPIClient(t, s, "manager")
	othersReview := mustPostReview(t, api, other, reviewBody)
	path := fmt.Sprintf("/api/v1/households/%d/approval-terms", h)
	if resp, body := api.send("POST", path, termsBody); resp.StatusCode != 201 {
		t.Fatalf("setup: %d %s", resp.StatusCode, body)
	}
	with := func(field, value string) string {
		return withJSONField(t, withJSONField(t, termsBody, "effective_from", `"2026-01-01"`), field, value)
	}
	expectReviewRefusals(t, st.Client, func(body string) (*http.Response, string) {
		return api.send("POST", path, body)
	}, []reviewRefusal{
		{"ErrCategoriesMissing", with("categories", ""), 422, "categories", "Choose the categories of approval"},
		{"ErrCategoriesEmpty", with("categories", `[]`), 422, "categories", "Choose the categories of approval"},
		{"ErrCategoryUnknown", with("categories", `["long_term", "holidays"]`), 422, "categories", "Choose the categories of approval from the list"},
		{"ErrCategoryTwice", with("categories", `["remand", "remand"]`), 422, "categories", "Choose each of the categories of approval once"},
		{"ErrNoChildren", with("number_of_children", "0"), 422, "number_of_children", "The number of children must be between 1 and 6"},
		{"ErrTooManyChildren", with("number_of_children", "7"), 422, "number_of_children", "The number of children must be between 1 and 6"},
		{"ErrChildrenMissing", with("number_of_children", ""), 422, "number_of_children", "Enter the number of children"},
		{"ErrAgeFromMissing", with("age_from", ""), 422, "age_from", "Enter the youngest age"},
		{"ErrAgeRangeBackwards", withJSONField(t, with("age_from", "12"), "age_to", "4"), 422, "age_to", "The oldest age must be the same as or more than the youngest age, 12"},
		{"ErrAgeTooOld", with("age_to", "22"), 422, "age_to", "The oldest age must be between 0 and 21"},
		{"ErrAgeNegative", with("age_from", "-1"), 422, "age_from", "The youngest age must be between 0 and 21"},
		{"ErrEffectiveFromMissing", with("effective_from", ""), 422, "effective_from", "Enter the date the terms take effect"},
		{"ErrEndsBeforeStart", with("effective_to", `"2025-12-31"`), 422, "effective_to", "The date the terms end must be the same as or after the date the terms take effect"},
		{"ErrNotAfterCurrentTerms", with("effective_from", `"2025-03-20"`), 422, "effective_from", "must be after 20 March 2025, when the current terms took effect"},
		{"ErrDecisionBlank", with("decision", `" "`), 422, "decision", "Enter the decision that set these terms"},
		{"ErrReviewOfAnotherHousehold", with("review_id", fmt.Sprint(othersReview.ID)), 422, "review_id", "Choose a review of this household"},
	})
	expectReviewRefusals(t, st.Client, func(body string) (*http.Response, string) {
		return api.send("POST", "/api/v1/households/999999/approval-terms", body)
	}, []reviewRefusal{{"ErrHouseholdUnknown", termsBody, 404, "", "no household 999999"}})
	if n := st.Client.ApprovalTerms.Query().Where(approvalterms.EffectiveToIsNil()).CountX(t.Context()); n != 1 {
		t.Errorf("%d open terms, want 1", n)
	}
}

// TestCarerSeesOnlyTheirTerms shows a carer reading their own household's
// terms, and another household's answered 404; and that a carer cannot
// record terms.
func TestCarerSeesOnlyTheirTerms(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	carer, carerID := reviewSignedIn(t, s, "sian@example.net", "carer")
	own := mustCreateReviewedHousehold(t, st.Client, "FH-0603", nil, &carerID)
	other := mustCreateReviewedHousehold(t, st.Client, "FH-0604", nil, nil)
	api := newAPIClient(t, s, "manager")
	var ids []int
	for _, h := range []int{own, other} {
		_, out := api.send("POST", fmt.Sprintf("/api/v1/households/%d/approval-terms", h), termsBody)
		ids = append(ids, decodeReviewBody[jsonapi.TermsJSON](t, out).ID)
	}
	for path, want := range map[string]int{
		fmt.Sprintf("/api/v1/approval-terms/%d", ids[0]):           200,
		fmt.Sprintf("/api/v1/households/%d/approval-terms", own):   200,
		fmt.Sprintf("/api/v1/approval-terms/%d", ids[1]):           404,
		fmt.Sprintf("/api/v1/households/%d/approval-terms", other): 404,
	} {
		if resp, body := carer.get(path); resp.StatusCode != want {
			t.Errorf("%s: %d %s, want %d", path, resp.StatusCode, body, want)
		}
	}
	if resp, _ := carer.sendJSON("POST", fmt.Sprintf("/api/v1/households/%d/approval-terms", own), termsBody); resp.StatusCode != http.StatusForbidden {
		t.Errorf("carer recording terms: %d, want 403", resp.StatusCode)
	}
}
