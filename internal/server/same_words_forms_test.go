package server

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/request/requesttest"
)

// twinForms is one form with an API twin, sent the same bad input both
// ways.
type twinForms struct {
	name string
	// page is the form's address: read first (for its cross-site token),
	// then sent the form.
	page string
	form url.Values
	// api sends the body to the twin.
	api          func(method, path, body string, headers ...string) (*http.Response, string)
	method, path string
	body         string
	// fields are the API fields the mistakes must be named in; the page
	// must show the API's words for each.
	fields []string
}

// TestEveryFormSaysWhatTheAPISays drives each form that has an API twin
// with the same mistakes through the page and the API: the household
// page's record forms, a record's edit form, the household form, a panel,
// a review's views, agenda item, panel recommendation, decision and new
// date, and the admin's users, tokens, courses and settings (a review's
// steps are TestReviewStepSameWordsOnPageAndAPI's, a carer's own views
// TestMyViewsSaysWhatTheAPISays's). The API must name each mistake in a
// person's words, and the page's error summary must hold those very
// words: the rules, and what they say, live once, below HTTP. It also
// fails on any message, API or page, in a program's words (visited_on,
// "must be one of [a b]").
func TestEveryFormSaysWhatTheAPISays(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	manager := signedIn(t, s)
	api := newAPIClient(t, s, "manager")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0320", nil, nil)
	me := st.Client.Carer.Query().Where(carer.HouseholdID(h)).OnlyX(t.Context())
	r := mustPostReview(t, api, h, withJSONField(t, reviewBody, "meeting_on", "null"))
	admin := signedInAdmin(t, s)
	adminAPI := newAPIClient(t, s, "admin")
	adm, _ := reviewSignedIn(t, s, "adm@example.org", "adm")
	admAPI := newAPIClient(t, s, "adm")
	next := httpx.Today().AddDays(400)
	future := func(name string) url.Values {
		return url.Values{name + "-day": {fmt.Sprint(next.Day())}, name + "-month": {fmt.Sprint(int(next.Month()))},
			name + "-year": {fmt.Sprint(next.Year())}}
	}
	with := func(vs ...url.Values) url.Values {
		out := url.Values{}
		for _, v := range vs {
			for k, x := range v {
				out[k] = x
			}
		}
		return out
	}
	carerID := url.Values{"carer_id": {fmt.Sprint(me.ID)}}
	ifMatch := func(send func(string, string, string, ...string) (*http.Response, string)) func(string, string, string, ...string) (*http.Response, string) {
		return func(method, path, body string, _ ...string) (*http.Response, string) {
			return send(method, path, body, "If-Match", `"1"`)
		}
	}
	// A visit to change through its edit form, and the review on a panel's
	// agenda, for the panel's recommendation.
	resp, out := api.send("POST", fmt.Sprintf("/api/v1/households/%d/visits", h), validVisit)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("visit: %d %s", resp.StatusCode, out)
	}
	visit := decodeInto[struct{ ID int }](t, out)
	panel := mustPostPanel(t, api, panelBody())
	resp, out = api.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", panel.ID), fmt.Sprintf(`{"review_id": %d}`, r.ID))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("agenda item: %d %s", resp.StatusCode, out)
	}
	item := decodeInto[struct{ ID int }](t, out)
	add := func(kind string) string { return fmt.Sprintf("/households/%d/add/%s", h, kind) }
	hidden := "Bedrooms\u202e seen"
	cases := []twinForms{
		{"VisitEmpty", add("visit"), url.Values{}, api.send, "POST", fmt.Sprintf("/api/v1/households/%d/visits", h),
			`{"kind": "", "visited_on": ""}`, []string{"kind", "visited_on"}},
		{"VisitInFutureWithHiddenNote", add("visit"), with(url.Values{"kind": {"supervisory"}, "note": {hidden}}, future("visited_on")),
			api.send, "POST", fmt.Sprintf("/api/v1/households/%d/visits", h),
			fmt.Sprintf(`{"kind": "supervisory", "visited_on": %q, "note": %q}`, next, hidden), []string{"visited_on", "note"}},
		{"TrainingEmpty", add("training"), carerID, api.send, "POST", fmt.Sprintf("/api/v1/carers/%d/training", me.ID),
			`{"course_id": 0, "completed_on": ""}`, []string{"course_id", "completed_on"}},
		{"HealthEmpty", add("health"), carerID, api.send, "POST", fmt.Sprintf("/api/v1/carers/%d/health-assessments", me.ID),
			`{"kind": "", "assessed_on": "", "outcome": ""}`, []string{"kind", "assessed_on", "outcome"}},
		{"DBSShortAndFuture", add("dbs"), with(carerID, url.Values{"certificate_number": {"123"}}, future("issued_on")),
			api.send, "POST", fmt.Sprintf("/api/v1/carers/%d/dbs-checks", me.ID),
			fmt.Sprintf(`{"certificate_number": "123", "issued_on": %q, "level": "", "outcome": ""}`, next),
			[]string{"certificate_number", "issued_on", "level", "outcome"}},
		{"CarerEmptyWithBadEmail", add("carer"), url.Values{"email": {"zoe at example"}}, api.send, "POST",
			fmt.Sprintf("/api/v1/households/%d/carers", h), `{"first_name": "", "last_name": "", "email": "zoe at example"}`,
			[]string{"first_name", "last_name", "email"}},
		{"MemberEmptyBornInFuture", add("member"), future("date_of_birth"), api.send, "POST",
			fmt.Sprintf("/api/v1/households/%d/members", h), fmt.Sprintf(`{"first_name": "", "last_name": "", "relationship": "", "date_of_birth": %q}`, next),
			[]string{"first_name", "last_name", "relationship", "date_of_birth"}},
		{"PlacementFullNameAndEmpty", add("placement"), url.Values{"child_reference": {"Jo Bloggs"}}, api.send, "POST",
			fmt.Sprintf("/api/v1/households/%d/placements", h), `{"child_reference": "Jo Bloggs", "placing_authority": "", "category": "", "started_on": ""}`,
			[]string{"child_reference", "placing_authority", "category", "started_on"}},
		{"HouseholdWithoutItsAddressOrApproval", "/households/new", url.Values{"postcode": {"NOWHERE"}, "status": {"approved"}}, api.send, "POST",
			"/api/v1/households", `{"reference": "", "address_line1": "", "town": "", "postcode": "NOWHERE", "status": "approved"}`,
			[]string{"reference", "address_line1", "town", "postcode", "approved_on"}},
		{"ViewsEmpty", fmt.Sprintf("/reviews/%d/views", r.ID), url.Values{}, api.send, "POST",
			fmt.Sprintf("/api/v1/reviews/%d/contributions", r.ID), `{"source": "", "author_name": "", "received_on": "", "text": ""}`,
			[]string{"source", "author_name", "received_on", "text"}},
		{"DecisionEmpty", fmt.Sprintf("/reviews/%d/decide", r.ID), url.Values{"version": {"1"}}, ifMatch(admAPI.send), "POST",
			fmt.Sprintf("/api/v1/reviews/%d/decision", r.ID), `{"decided_on": "", "outcome": "", "decision_reasons": ""}`,
			[]string{"decided_on", "outcome", "decision_reasons"}},
		{"UserEmptyWithBadEmailAndRole", "/admin/users", url.Values{"email": {"nope"}, "role": {"boss"}, "password": {"a long and unusual pass phrase 7"}},
			adminAPI.send, "POST", "/api/v1/users", `{"name": "", "email": "nope", "role": "boss", "password": "a long and unusual pass phrase 7"}`,
			[]string{"name", "email", "role"}},
		{"TokenEmptyWithBadRole", "/admin/tokens", url.Values{"role": {"boss"}}, func(method, path, body string, _ ...string) (*http.Response, string) {
			return admin.sendJSON(method, path, body)
		}, "POST", "/api/v1/tokens",
			`{"name": "", "role": "boss"}`, []string{"name", "role"}},
		{"CourseEmpty", "/training/courses", url.Values{"validity_months": {"0"}}, adminAPI.send, "POST", "/api/v1/courses",
			`{"code": "", "title": "", "validity_months": 0}`, []string{"code", "title"}},
		{"VisitChangedToNoKindInFuture", fmt.Sprintf("/records/visit/%d/edit", visit.ID), with(url.Values{"version": {"1"}}, future("visited_on")),
			ifMatch(api.send), "PUT", fmt.Sprintf("/api/v1/visits/%d", visit.ID), fmt.Sprintf(`{"kind": "", "visited_on": %q}`, next),
			[]string{"kind", "visited_on"}},
		{"RecommendationInFuture", fmt.Sprintf("/reviews/%d/recommendation", r.ID), with(url.Values{"panel_recommendation": {"continue_approval"}},
			future("recommended")), ifMatch(api.send), "PUT", fmt.Sprintf("/api/v1/panel-items/%d", item.ID),
			fmt.Sprintf(`{"review_id": %d, "recommended_on": %q, "recommendation": "continue_approval"}`, r.ID, next), []string{"recommended_on"}},
		{"PapersSentInFuture", fmt.Sprintf("/reviews/%d/panel", r.ID), with(url.Values{"panel_id": {fmt.Sprint(panel.ID)}}, future("papers")),
			api.send, "POST", fmt.Sprintf("/api/v1/panels/%d/items", panel.ID), fmt.Sprintf(`{"review_id": %d, "papers_sent_on": %q}`, r.ID, next),
			[]string{"papers_sent_on"}},
		{"ReviewMovedWithHiddenReason", fmt.Sprintf("/reviews/%d/reschedule", r.ID),
			url.Values{"version": {"1"}, "due_on-day": {"21"}, "due_on-month": {"3"}, "due_on-year": {"2026"}, "reschedule_reason": {hidden}},
			ifMatch(api.send), "PUT", fmt.Sprintf("/api/v1/reviews/%d", r.ID),
			withJSONField(t, withJSONField(t, withJSONField(t, reviewBody, "meeting_on", "null"), "due_on", `"2026-03-21"`), "reschedule_reason", fmt.Sprintf("%q", hidden)),
			[]string{"reschedule_reason"}},
		{"PanelEmpty", "/panels/new", url.Values{}, api.send, "POST", "/api/v1/panels", `{"name": "", "meets_on": ""}`,
			[]string{"name", "meets_on"}},
		{"PolicyOutOfRange", "/admin/policy", url.Values{"warning_days": {"0"}, "health_renewal_months": {"36"}, "dbs_renewal_months": {"36"},
			"supervisory_visit_days": {"42"}, "post_allegation_review_days": {"42"}, "new_carer_training_months": {"121"}, "version": {"0"}},
			adminAPI.send, "PUT", "/api/v1/compliance/policy", `{"warning_days": 0, "health_renewal_months": 36, "dbs_renewal_months": 36,
			"supervisory_visit_days": 42, "post_allegation_review_days": 42, "new_carer_training_months": 121, "version": 0}`,
			[]string{"warning_days", "new_carer_training_months"}},
	}
	pageOf := map[string]*browser{"/admin/users": admin, "/admin/tokens": admin, "/training/courses": admin, "/admin/policy": admin,
		fmt.Sprintf("/reviews/%d/decide", r.ID): adm}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, out := tc.api(tc.method, tc.path, tc.body)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("API: %d, want 422: %.400s", resp.StatusCode, out)
			}
			said := decodeProblem(t, resp, out).Fields
			for f, msg := range said {
				if why := requesttest.DeveloperWords(msg); why != "" {
					t.Errorf("the API's message for %s, %q, %s", f, msg, why)
				}
			}
			b := manager
			if other, ok := pageOf[tc.page]; ok {
				b = other
			}
			read := tc.page
			if strings.HasPrefix(read, "/reviews/") { // a review's forms are on its page
				read = read[:strings.LastIndex(read, "/")]
			}
			b.get(read)
			resp, page := b.post(tc.page, tc.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("page: %d, want 422: %.400s", resp.StatusCode, page)
			}
			summary := errorSummary(t, page)
			for _, msg := range summary {
				if why := requesttest.DeveloperWords(msg); why != "" {
					t.Errorf("the page says %q, which %s", msg, why)
				}
			}
			for _, f := range tc.fields {
				msg := said[f]
				if msg == "" {
					t.Errorf("the API names no problem with %s: %v", f, said)
					continue
				}
				if !slices.Contains(summary, msg) {
					t.Errorf("the API says %q of %s; the page does not (it says %q)", msg, f, summary)
				}
			}
		})
	}
}

var summaryItem = regexp.MustCompile(`(?s)<li>\s*<a href="#[^"]*">(.*?)</a>\s*</li>`)

// errorSummary is what a page's error summary lists, as read.
func errorSummary(t *testing.T, page string) []string {
	t.Helper()
	_, list, ok := strings.Cut(page, "govuk-error-summary__list")
	if !ok {
		return nil
	}
	list, _, _ = strings.Cut(list, "</ul>")
	var out []string
	for _, m := range summaryItem.FindAllStringSubmatch(list, -1) {
		out = append(out, pageText(t, m[1]))
	}
	return out
}

// TestMyViewsSaysWhatTheAPISays sends a carer's empty views through their
// "My views" page and, signed in as the same carer, through the API: both
// say the same words.
func TestMyViewsSaysWhatTheAPISays(t *testing.T) {
	t.Parallel()
	f := newViewsHousehold(t, dialect.SQLite)
	resp, out := f.zoe.sendJSON("POST", fmt.Sprintf("/api/v1/reviews/%d/contributions", f.gathering), views(t, "text", `""`))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("API: %d, want 422: %.400s", resp.StatusCode, out)
	}
	msg := decodeProblem(t, resp, out).Fields["text"]
	if why := requesttest.DeveloperWords(msg); msg == "" || why != "" {
		t.Errorf("the API's message for text, %q, %s", msg, why)
	}
	f.zoe.get("/my/views")
	form := f.myViews(f.gathering)
	form.Set("views", "")
	resp, page := f.zoe.post("/my/views", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("page: %d, want 422: %.400s", resp.StatusCode, page)
	}
	if !slices.Contains(errorSummary(t, page), msg) {
		t.Errorf("the API says %q; the page says %q", msg, errorSummary(t, page))
	}
}
