package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// TestRecordFormsOnTheHouseholdPage adds a visit, training, a health
// assessment and a DBS check through the household page's forms: each bad
// answer (31 February, a future date, a missing choice, a short DBS number,
// a carer of another household) comes back as 422 with the error summary
// and the answers kept, and writes nothing; good answers are saved through
// the same rules as the API.
func TestRecordFormsOnTheHouseholdPage(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	b := signedIn(t, s)
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0500", nil, nil)
	other := mustCreateReviewedHousehold(t, st.Client, "FH-0501", nil, nil)
	me := st.Client.Carer.Query().Where(carer.HouseholdID(h)).OnlyX(t.Context())
	stranger := st.Client.Carer.Query().Where(carer.HouseholdID(other)).OnlyX(t.Context())
	pfa := mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
	date := func(prefix, d, m, y string) url.Values {
		return url.Values{prefix + "-day": {d}, prefix + "-month": {m}, prefix + "-year": {y}}
	}
	merge := func(vs ...url.Values) url.Values {
		out := url.Values{}
		for _, v := range vs {
			for k, x := range v {
				out[k] = x
			}
		}
		return out
	}
	carerID := url.Values{"carer_id": {fmt.Sprint(me.ID)}}
	manager := st.Client.User.Query().Where(user.Email("manager@example.org")).OnlyX(t.Context())
	carerUser := mustCreateUser(t, st.Client, "portal@example.net", "carer")
	// The visit form asks who visited, the person recording it first; it
	// offers them and the household's SSW, not the whole team.
	if _, form := b.get(fmt.Sprintf("/households/%d/add/visit", h)); !strings.Contains(form, fmt.Sprintf(`<option value="%d" selected>`, manager.ID)) {
		t.Errorf("the visit form does not start with its recorder as the visitor: %.2000s", form)
	}
	theirSSW := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	colleague := mustCreateUser(t, st.Client, "colleague@example.org", "ssw")
	supervised := mustCreateReviewedHousehold(t, st.Client, "FH-0502", &theirSSW.ID, nil)
	_, form := b.get(fmt.Sprintf("/households/%d/add/visit", supervised))
	offered := func(u *ent.User) bool { return strings.Contains(form, fmt.Sprintf(`<option value="%d"`, u.ID)) }
	if !offered(manager) || !offered(theirSSW) || offered(colleague) {
		t.Errorf("the visit form offers the recorder %v, the household's SSW %v, another SSW %v; want true, true, false",
			offered(manager), offered(theirSSW), offered(colleague))
	}
	future := fmt.Sprint(httpx.Today().Year() + 1)
	cases := []struct {
		name, kind string
		form       url.Values
		field      string
		says       string
	}{
		{"VisitImpossibleDate", "visit", merge(url.Values{"kind": {"supervisory"}, "note": {"Kept note"}}, date("visited_on", "31", "2", "2026")), "visited_on", "must be a real date"},
		{"VisitNoKind", "visit", merge(url.Values{"note": {"Kept note"}}, date("visited_on", "3", "2", "2026")), "kind", "kind"},
		{"VisitByACarer", "visit", merge(url.Values{"kind": {"supervisory"}, "note": {"Kept note"}, "visitor_id": {fmt.Sprint(carerUser.ID)}}, date("visited_on", "3", "2", "2026")), "visitor_id", "Choose an active supervising social worker or manager as the visitor"},
		{"VisitInFuture", "visit", merge(url.Values{"kind": {"supervisory"}, "note": {"Kept note"}}, date("visited_on", "3", "2", future)), "visited_on", "must be today or in the past"},
		{"TrainingNoCourse", "training", merge(carerID, date("completed_on", "3", "2", "2026"), url.Values{"provider": {"Kept note"}}), "course_id", "course_id"},
		{"TrainingOtherHouseholdsCarer", "training", merge(url.Values{"carer_id": {fmt.Sprint(stranger.ID)}, "course_id": {fmt.Sprint(pfa.ID)}, "provider": {"Kept note"}},
			date("completed_on", "3", "2", "2026")), "carer_id", "Choose which carer"},
		{"HealthNoOutcome", "health", merge(carerID, url.Values{"kind": {"renewal"}, "assessed_by": {"Kept note"}}, date("assessed_on", "3", "2", "2026")), "outcome", "outcome"},
		{"CarerNoName", "carer", url.Values{"last_name": {"Kept note"}}, "first_name", "first_name"},
		{"MemberBornInFuture", "member", merge(url.Values{"first_name": {"Kept note"}, "last_name": {"X"}, "relationship": {"birth_child"}},
			date("date_of_birth", "1", "1", future)), "date_of_birth", "must be today or in the past"},
		{"PlacementFullName", "placement", merge(url.Values{"child_reference": {"Jo Bloggs"}, "placing_authority": {"Kept note"}, "category": {"long_term"}},
			date("started_on", "1", "1", "2026")), "child_reference", "child_reference"},
		{"DBSShortNumber", "dbs", merge(carerID, url.Values{"certificate_number": {"Kept note 1"}, "level": {"enhanced"}, "outcome": {"clear"}},
			date("issued_on", "3", "2", "2026")), "certificate_number", "12"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := fmt.Sprintf("/households/%d/add/%s", h, tc.kind)
			b.get(path)
			before := recordsState(t, st.Client)
			resp, body := b.post(path, tc.form)
			// The summary links to the control, or to a date's day box or
			// radios' first choice (href="#visited_on-day").
			links := strings.Contains(body, `href="#`+tc.field+`"`) || strings.Contains(body, `href="#`+tc.field+`-`)
			if resp.StatusCode != 422 || !strings.Contains(body, `class="govuk-error-summary"`) || !links {
				t.Fatalf("%d, want 422 naming %s: %.400s", resp.StatusCode, tc.field, body)
			}
			if !strings.Contains(body, tc.says) || !strings.Contains(body, "Kept note") {
				t.Errorf("the page does not say %q or lost the answers", tc.says)
			}
			if after := recordsState(t, st.Client); after != before {
				t.Errorf("changed: %s, then %s", before, after)
			}
		})
	}
	for kind, form := range map[string]url.Values{
		"visit":    merge(url.Values{"kind": {"unannounced"}, "children_seen": {"yes"}, "visitor_id": {fmt.Sprint(manager.ID)}}, date("visited_on", "3", "2", "2026")),
		"training": merge(carerID, url.Values{"course_id": {fmt.Sprint(pfa.ID)}}, date("completed_on", "3", "2", "2026")),
		"health":   merge(carerID, url.Values{"kind": {"renewal"}, "outcome": {"fit"}}, date("assessed_on", "3", "2", "2026")),
		"dbs": merge(carerID, url.Values{"certificate_number": {"0012 3456 7890"}, "level": {"enhanced_with_barred_lists"}, "outcome": {"clear"}},
			date("issued_on", "3", "2", "2026")),
		"carer":     url.Values{"first_name": {"Zoë"}, "last_name": {"Ó Briain"}, "connected_person": {"yes"}},
		"member":    url.Values{"first_name": {"Cai"}, "last_name": {"Price"}, "relationship": {"birth_child"}},
		"placement": merge(url.Values{"child_reference": {"LA-1"}, "placing_authority": {"Torbay Council"}, "category": {"long_term"}}, date("started_on", "1", "1", "2026")),
	} {
		path := fmt.Sprintf("/households/%d/add/%s", h, kind)
		b.get(path)
		if resp, body := b.post(path, form); resp.StatusCode != 303 {
			t.Errorf("%s: %d %.300s", kind, resp.StatusCode, body)
		}
	}
	v := st.Client.Visit.Query().OnlyX(t.Context())
	tr := st.Client.TrainingRecord.Query().OnlyX(t.Context())
	d := st.Client.DBSCheck.Query().OnlyX(t.Context())
	if v.Kind != "unannounced" || !v.ChildrenSeen || v.VisitorID == nil || *v.VisitorID != manager.ID || v.VisitedOn.String() != "2026-02-03" || tr.CarerID != me.ID ||
		tr.ExpiresOn == nil || tr.ExpiresOn.String() != "2029-02-03" || d.CertificateNumber != "001234567890" ||
		st.Client.HealthAssessment.Query().CountX(t.Context()) != 1 || st.Client.Placement.Query().CountX(t.Context()) != 1 ||
		st.Client.HouseholdMember.Query().CountX(t.Context()) != 1 ||
		!st.Client.Carer.Query().Where(carer.HouseholdID(h), carer.FirstName("Zoë"), carer.ConnectedPerson(true)).ExistX(t.Context()) {
		t.Errorf("saved visit %+v, training %+v, DBS %+v", v, tr, d)
	}
	_, page := b.get(fmt.Sprintf("/households/%d?added=visit", h))
	if !strings.Contains(page, "The visit has been recorded.") {
		t.Error("no banner after saving")
	}
	// The page shows each new record in its section, with whose it is.
	cell := func(text string) string { return `<td class="govuk-table__cell">` + text + `</td>` }
	name := me.FirstName + " " + me.LastName
	visitor := manager.Name
	for what, want := range map[string]string{
		"health assessment": cell(name) + "\n    " + cell("Health assessment (Renewal)"),
		"DBS check":         cell(name) + "\n    " + cell("DBS check (Enhanced with barred lists)"),
		"visit":             cell("Unannounced") + "\n    " + cell(visitor),
		"member":            "Cai Price",
		"placement":         "Torbay Council",
		"new carer":         "Zoë Ó Briain",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the household page does not show the %s: no %q", what, want)

		}
	}
}

// TestRecordEditForms changes a visit and a carer through their edit
// forms: the form starts filled in (the visit's visitor chosen); a bad date
// is refused beside it and writes nothing; a change keeps the fields the
// form does not ask (the carer's portal account); a change from an old copy
// is refused with 412.
func TestRecordEditForms(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	b := signedIn(t, s)
	ssw := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	portal := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0700", nil, &portal.ID)
	me := st.Client.Carer.Query().Where(carer.HouseholdID(h)).OnlyX(t.Context())
	api := newAPIClient(t, s, "manager")
	v := decodeInto[jsonapi.VisitJSON](t, expect(t, 201)(api.send("POST", fmt.Sprintf("/api/v1/households/%d/visits", h),
		fmt.Sprintf(`{"kind": "supervisory", "visited_on": "2026-02-03", "visitor_id": %d, "note": "First note"}`, ssw.ID))))

	edit := fmt.Sprintf("/records/visit/%d/edit", v.ID)
	_, page := b.get(edit)
	if !strings.Contains(page, "First note") || !strings.Contains(page, `name="visited_on-day" type="text" inputmode="numeric" value="3"`) ||
		!strings.Contains(page, fmt.Sprintf(`<option value="%d" selected>`, ssw.ID)) {
		t.Fatal("the visit's form is not filled in")
	}
	form := url.Values{"version": {"1"}, "kind": {"supervisory"}, "note": {"Second note"}, "visited_on-day": {"30"},
		"visited_on-month": {"2"}, "visited_on-year": {"2026"}, "visitor_id": {fmt.Sprint(ssw.ID)}}
	expectPageRefused(t, st.Client, b, edit, form, "must be a real date")
	form.Set("visited_on-day", "4")
	if resp, body := b.post(edit, form); resp.StatusCode != 303 {
		t.Fatalf("change: %d %.300s", resp.StatusCode, body)
	}
	got := st.Client.Visit.GetX(t.Context(), v.ID)
	if got.Note != "Second note" || got.VisitedOn.String() != "2026-02-04" || got.VisitorID == nil || *got.VisitorID != ssw.ID {
		t.Errorf("after the change: %+v", got)
	}
	if resp, _ := b.post(edit, form); resp.StatusCode != 412 {
		t.Errorf("a change from an old copy: %d, want 412", resp.StatusCode)
	}

	carerEdit := fmt.Sprintf("/records/carer/%d/edit", me.ID)
	b.get(carerEdit)
	if resp, body := b.post(carerEdit, url.Values{"version": {"1"}, "first_name": {"Siân"}, "last_name": {"Price-Jones"}}); resp.StatusCode != 303 {
		t.Fatalf("carer: %d %.300s", resp.StatusCode, body)
	}
	if got := st.Client.Carer.GetX(t.Context(), me.ID); got.LastName != "Price-Jones" || got.UserID == nil || *got.UserID != portal.ID {
		t.Errorf("the carer after the change: %+v", got)
	}

	// A placement's end is recorded by changing it.
	p := decodeInto[jsonapi.PlacementJSON](t, expect(t, 201)(api.send("POST", fmt.Sprintf("/api/v1/households/%d/placements", h), validPlacement)))
	placementEdit := fmt.Sprintf("/records/placement/%d/edit", p.ID)
	b.get(placementEdit)
	ended := url.Values{"version": {"1"}, "child_reference": {"LA-20417"}, "placing_authority": {"Torbay Council"}, "category": {"long_term"},
		"started_on-day": {"1"}, "started_on-month": {"6"}, "started_on-year": {"2024"},
		"ended_on-day": {"1"}, "ended_on-month": {"5"}, "ended_on-year": {"2024"}, "end_reason": {"returned_home"}}
	expectPageRefused(t, st.Client, b, placementEdit, ended, "ended_on")
	ended.Set("ended_on-year", "2025")
	if resp, body := b.post(placementEdit, ended); resp.StatusCode != 303 {
		t.Fatalf("placement: %d %.300s", resp.StatusCode, body)
	}
	if got := st.Client.Placement.GetX(t.Context(), p.ID); got.EndedOn == nil || got.EndedOn.String() != "2025-05-01" || got.EndReason == nil {
		t.Errorf("the placement after the change: %+v", got)
	}

	// A health assessment's outcome and a DBS check's level are corrected;
	// the medical adviser's opinion, which the form does not ask, stays.
	ha := decodeInto[jsonapi.HealthAssessmentJSON](t, expect(t, 201)(api.send("POST", fmt.Sprintf("/api/v1/carers/%d/health-assessments", me.ID), validHealthAssessment)))
	dbs := decodeInto[jsonapi.DBSCheckJSON](t, expect(t, 201)(api.send("POST", fmt.Sprintf("/api/v1/carers/%d/dbs-checks", me.ID), validDBSCheck)))
	for path, form := range map[string]url.Values{
		fmt.Sprintf("/records/health/%d/edit", ha.ID): {"version": {"1"}, "kind": {"initial"}, "outcome": {"fit_with_conditions"},
			"assessed_on-day": {"10"}, "assessed_on-month": {"1"}, "assessed_on-year": {"2024"}},
		fmt.Sprintf("/records/dbs/%d/edit", dbs.ID): {"version": {"1"}, "certificate_number": {"001234567890"}, "level": {"enhanced"},
			"outcome": {"clear"}, "issued_on-day": {"10"}, "issued_on-month": {"1"}, "issued_on-year": {"2024"}},
	} {
		b.get(path)
		if resp, body := b.post(path, form); resp.StatusCode != 303 {
			t.Errorf("%s: %d %.300s", path, resp.StatusCode, body)
		}
	}
	if got := st.Client.HealthAssessment.GetX(t.Context(), ha.ID); got.Outcome != "fit_with_conditions" || got.AdviserOpinion != "Fit to foster." {
		t.Errorf("the health assessment after the change: %+v", got)
	}
	if got := st.Client.DBSCheck.GetX(t.Context(), dbs.ID); got.Level != "enhanced" {
		t.Errorf("the DBS check after the change: %+v", got)
	}
}
