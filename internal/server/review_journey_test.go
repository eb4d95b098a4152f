package server

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/review"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// journey is the people of one review's journey and the calls they make.
type journey struct {
	t                 *testing.T
	manager           apiClient
	officer, adm, sat *browser
	officerID, satID  int
	household, rev    int
}

// day is today moved by n days, as JSON.
func day(n int) string { return `"` + todayPlus(n).String() + `"` }

// expect fails unless the answer it is given has status want, and returns
// its body: expect(t, 200)(api.send(…)).
func expect(t *testing.T, want int) func(*http.Response, string) string {
	return func(resp *http.Response, body string) string {
		t.Helper()
		if resp.StatusCode != want {
			t.Fatalf("%s %s: %d %s, want %d", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, body, want)
		}
		return body
	}
}

// newJourney approves a household through the API, which schedules its
// first review, and returns that review.
func newJourney(t *testing.T, d string) (*journey, *Server) {
	s, st, _ := testServerOn(t, d)
	j := &journey{t: t, manager: newAPIClient(t, s, "manager")}
	j.officer, j.officerID = reviewSignedIn(t, s, "iro@example.org", "reviewing_officer")
	j.adm, _ = reviewSignedIn(t, s, "adm@example.org", "adm")
	j.sat, j.satID = reviewSignedIn(t, s, "panel@example.org", "panel_member")
	approved := todayPlus(-330)
	hh := fmt.Sprintf(`{"reference": "FH-0900", "address_line1": "1 Fore Street", "town": "Totnes", "postcode": "TQ9 5RP",
		"status": "approved", "approved_on": "%s"}`, approved)
	j.household = decodeReviewBody[jsonapi.HouseholdJSON](t, expect(t, 201)(j.manager.send("POST", "/api/v1/households", hh))).ID
	reviews := decodeReviewBody[httpx.Page[jsonapi.ReviewJSON]](t, expect(t, 200)(j.manager.send("GET", fmt.Sprintf("/api/v1/households/%d/reviews", j.household), "")))
	if len(reviews.Items) != 1 {
		t.Fatalf("approval scheduled %d reviews, want 1", len(reviews.Items))
	}
	first := reviews.Items[0]
	if first.Kind != review.KindFirst || !first.PanelRequired || first.Status != review.StatusScheduled || first.DueOn != approved.AddYears(1) {
		t.Fatalf("first review %+v, want first, to panel, scheduled, due %s", first, approved.AddYears(1))
	}
	j.rev = first.ID
	if n := st.Client.AuditEvent.Query().Where(auditevent.Entity("review"), auditevent.EntityID(first.ID)).CountX(t.Context()); n != 1 {
		t.Errorf("%d audit events for the scheduled review, want 1", n)
	}
	return j, s
}

// post adds a record to the household.
func (j *journey) post(what, body string) {
	j.t.Helper()
	expect(j.t, 201)(j.manager.send("POST", fmt.Sprintf("/api/v1/households/%d/%s", j.household, what), body))
}

// put changes the review from version, as the manager.
func (j *journey) put(version int, body string) (*http.Response, string) {
	return j.manager.send("PUT", fmt.Sprintf("/api/v1/reviews/%d", j.rev), body, "If-Match", fmt.Sprintf(`"%d"`, version))
}

func (j *journey) views() jsonapi.ViewsChecklistJSON {
	j.t.Helper()
	return decodeReviewBody[jsonapi.ViewsChecklistJSON](j.t, expect(j.t, 200)(j.manager.send("GET", fmt.Sprintf("/api/v1/reviews/%d/views", j.rev), "")))
}

// TestReviewJourney follows a first review from approval to decision
// through the API: the checklist of views derived from the household,
// transitions with their roles and a 409 naming the state, the panel and
// its recommendation, the pack for the panel's members only, and a
// decision that revises the terms and schedules the next review.
func TestReviewJourney(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { reviewJourney(t, d) })
	}
}

func reviewJourney(t *testing.T, d string) {
	j, s := newJourney(t, d)
	st := s.Store
	j.post("carers", `{"first_name": "Zoë", "last_name": "Ó Briain"}`)
	j.post("members", fmt.Sprintf(`{"first_name": "Cai", "last_name": "Ó Briain", "relationship": "birth_child", "date_of_birth": %s}`, day(-3000)))
	j.post("placements", fmt.Sprintf(`{"child_reference": "LA-20417", "placing_authority": "Torbay Council", "category": "long_term", "started_on": %s}`, day(-200)))
	j.post("approval-terms", fmt.Sprintf(`{"categories": ["short_term"], "number_of_children": 1, "age_from": 0, "age_to": 11,
		"effective_from": %s, "decision": "Approved by the ADM after panel"}`, day(-330)))

	const base = `{"kind": "first", "due_on": %q, "status": %q, "reviewing_officer_id": %d}`
	due := todayPlus(35).String()
	expect(t, 200)(j.put(1, fmt.Sprintf(base, due, "gathering_views", j.officerID)))

	views := j.views()
	var who []string
	for _, v := range views.Views {
		who = append(who, v.Source+":"+v.Who)
	}
	want := "carer:Zoë Ó Briain ssw:Supervising social worker fostered_child:LA-20417 child_social_worker:LA-20417 placing_authority:Torbay Council household_child:Cai Ó Briain"
	if strings.Join(who, " ") != want || views.Missing != 6 {
		t.Fatalf("views checklist %q (%d missing), want %q", who, views.Missing, want)
	}
	contribution := func(source, author, text string) {
		t.Helper()
		body := fmt.Sprintf(`{"source": %q, "author_name": %q, "received_on": %s, "text": %q}`, source, author, day(-25), text)
		expect(t, 201)(j.manager.send("POST", fmt.Sprintf("/api/v1/reviews/%d/contributions", j.rev), body))
	}
	contribution("carer", "zoë ó briain", "We would like <b>one more</b> child & to keep going.")
	contribution("iro", "IRO for LA-20417", "Placement stable; the child is settled at school.")
	if views := j.views(); views.Missing != 4 || !views.Views[0].Received || !views.Views[3].Received || views.Views[1].Received {
		t.Errorf("after two views: %+v", views)
	}

	report := fmt.Sprintf(`{"kind": "first", "due_on": %q, "status": "report_written", "reviewing_officer_id": %d,
		"meeting_on": %s, "report": "A warm, safe home.", "recommendation": "change_terms",
		"proposed_categories": ["short_term", "long_term"], "proposed_number_of_children": 2, "proposed_age_from": 0, "proposed_age_to": 16}`,
		due, j.officerID, day(-20))
	expectRefused(t, st.Client, 409, "", "Review "+fmt.Sprint(j.rev)+" is gathering_views and cannot move to awaiting_panel", func() (*http.Response, string) {
		return j.put(2, strings.Replace(report, `"report_written"`, `"awaiting_panel"`, 1))
	})
	expect(t, 200)(j.officer.sendVersioned("PUT", fmt.Sprintf("/api/v1/reviews/%d", j.rev), report, `"2"`))
	expectRefused(t, st.Client, 403, "status", "You cannot change this on this review", func() (*http.Response, string) {
		return j.officer.sendVersioned("PUT", fmt.Sprintf("/api/v1/reviews/%d", j.rev), strings.Replace(report, `"report_written"`, `"awaiting_panel"`, 1), `"3"`)
	})
	decision := fmt.Sprintf(`{"decided_on": %s, "outcome": "terms_revised", "carer_agreed_to_change": true,
		"decision_reasons": "As the panel recommended.",
		"terms": {"categories": ["short_term", "long_term"], "number_of_children": 2, "age_from": 0, "age_to": 16}}`, day(-5))
	decide := func(version int) (*http.Response, string) {
		return j.adm.sendVersioned("POST", fmt.Sprintf("/api/v1/reviews/%d/decision", j.rev), decision, fmt.Sprintf(`"%d"`, version))
	}
	expectRefused(t, st.Client, 409, "", "must go to panel before it is decided", func() (*http.Response, string) { return decide(3) })
	expect(t, 200)(j.put(3, strings.Replace(report, `"report_written"`, `"awaiting_panel"`, 1)))

	panelBody := fmt.Sprintf(`{"name": "Fostering panel", "meets_on": %s, "member_ids": [%d]}`, day(-10), j.satID)
	panelID := decodeReviewBody[jsonapi.PanelJSON](t, expect(t, 201)(j.manager.send("POST", "/api/v1/panels", panelBody))).ID
	otherPanel := decodeReviewBody[jsonapi.PanelJSON](t, expect(t, 201)(j.manager.send("POST", "/api/v1/panels", fmt.Sprintf(`{"name": "Other panel", "meets_on": %s}`, day(-10))))).ID
	item := decodeReviewBody[jsonapi.PanelItemJSON](t, expect(t, 201)(j.manager.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", panelID),
		fmt.Sprintf(`{"review_id": %d, "papers_sent_on": %s}`, j.rev, day(-20)))))
	expectRefused(t, st.Client, 409, "", "has not yet made its recommendation", func() (*http.Response, string) { return decide(4) })
	expect(t, 200)(j.manager.send("PUT", fmt.Sprintf("/api/v1/panel-items/%d", item.ID), fmt.Sprintf(
		`{"review_id": %d, "papers_sent_on": %s, "recommendation": "change_terms", "recommended_on": %s, "minute": "Agreed unanimously."}`,
		j.rev, day(-20), day(-10)), "If-Match", `"1"`))

	// The panel member downloads the pack of their panel's item, and
	// nothing of a panel they do not sit on.
	resp, pdf := j.sat.get(fmt.Sprintf("/api/v1/reviews/%d/pack", j.rev))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("panel member's pack: %d %s %.40q", resp.StatusCode, resp.Header.Get("Content-Type"), pdf)
	}
	if text := pdfText(t, []byte(pdf)); text != "" {
		for _, want := range []string{"FH-0900 / R-" + fmt.Sprint(j.rev), "OFFICIAL-SENSITIVE", "We would like <b>one more</b> child & to keep going.",
			"Zoë Ó Briain", "LA-20417", "Fostering panel", "Test panel_member", "A warm, safe home."} {
			if !strings.Contains(text, want) {
				t.Errorf("pack text lacks %q", want)
			}
		}
	}
	// A review on a panel the member does not sit on: its pack is not
	// found for them, by id or through the other panel's bundle.
	elsewhere := mustPostReview(t, j.manager, mustCreateReviewedHousehold(t, st.Client, "FH-0901", nil, nil), reviewBody)
	expect(t, 201)(j.manager.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", otherPanel), fmt.Sprintf(`{"review_id": %d}`, elsewhere.ID)))
	if resp, body := j.sat.get(fmt.Sprintf("/api/v1/reviews/%d/pack", elsewhere.ID)); resp.StatusCode != 404 || strings.HasPrefix(body, "%PDF") {
		t.Errorf("another panel's pack: %d, want 404", resp.StatusCode)
	}
	if resp, _ := j.manager.send("GET", fmt.Sprintf("/api/v1/reviews/%d/pack", elsewhere.ID), ""); resp.StatusCode != 200 {
		t.Errorf("a manager's download of the other pack: %d, want 200", resp.StatusCode)
	}
	if resp, body := j.sat.get(fmt.Sprintf("/api/v1/panels/%d/packs", otherPanel)); resp.StatusCode != 404 {
		t.Errorf("another panel's bundle: %d %s, want 404", resp.StatusCode, body)
	}
	resp, bundle := j.sat.get(fmt.Sprintf("/api/v1/panels/%d/packs", panelID))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("bundle: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	z, err := zip.NewReader(bytes.NewReader([]byte(bundle)), int64(len(bundle)))
	if err != nil || len(z.File) != 1 || z.File[0].Name != fmt.Sprintf("01 FH-0900-R-%d.pdf", j.rev) {
		t.Fatalf("bundle: %v %v", err, z)
	}
	if n := st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionDownload), auditevent.Entity("review_pack"),
		auditevent.EntityID(j.rev), auditevent.ActorID(j.satID)).CountX(t.Context()); n != 2 {
		t.Errorf("%d pack downloads audited, want 2 (the pack and the bundle)", n)
	}

	decided := decodeReviewBody[jsonapi.ReviewJSON](t, expect(t, 200)(decide(4)))
	if decided.Status != review.StatusDecided || *decided.Outcome != review.OutcomeTermsRevised || decided.RepresentationsUntil != nil {
		t.Errorf("decided: %+v", decided)
	}
	terms := st.Client.ApprovalTerms.Query().Where(approvalterms.HouseholdID(j.household)).Order(approvalterms.ByEffectiveFrom()).AllX(t.Context())
	if len(terms) != 2 || terms[0].EffectiveTo == nil || *terms[0].EffectiveTo != todayPlus(-6) ||
		terms[1].EffectiveFrom != todayPlus(-5) || terms[1].NumberOfChildren != 2 || terms[1].AgeTo != 16 || *terms[1].ReviewID != j.rev {
		t.Errorf("terms after the decision: %+v", terms)
	}
	next := st.Client.Review.Query().Where(review.HouseholdID(j.household), review.StatusEQ(review.StatusScheduled)).OnlyX(t.Context())
	if next.Kind != review.KindAnnual || next.DueOn != todayPlus(-20).AddYears(1) || next.PanelRequired {
		t.Errorf("next review %+v, want annual due %s", next, todayPlus(-20).AddYears(1))
	}
	expectRefused(t, st.Client, 409, "", "is decided: only notice_sent_on and decision_reasons", func() (*http.Response, string) {
		return j.put(5, strings.Replace(report, `"report_written"`, `"cancelled"`, 1))
	})
}

// TestQualifyingDetermination shows a termination decided after panel:
// notice is required, nothing changes during the carer's 28 days, and
// afterwards the decision maker makes it take effect, which ends the
// approval and cancels the reviews still open.
func TestQualifyingDetermination(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { qualifyingDetermination(t, d) })
	}
}

func qualifyingDetermination(t *testing.T, d string) {
	j, s := newJourney(t, d)
	st := s.Store
	meeting := day(-60)
	report := fmt.Sprintf(`{"kind": "first", "due_on": %q, "status": "%%s", "meeting_on": %s, "report": "Serious concerns.",
		"recommendation": "terminate_approval", "panel_required": true}`, todayPlus(35), meeting)
	expect(t, 200)(j.put(1, fmt.Sprintf(report, "gathering_views")))
	expect(t, 200)(j.put(2, fmt.Sprintf(report, "report_written")))
	expect(t, 200)(j.put(3, fmt.Sprintf(report, "awaiting_panel")))
	panelID := decodeReviewBody[jsonapi.PanelJSON](t, expect(t, 201)(j.manager.send("POST", "/api/v1/panels",
		fmt.Sprintf(`{"name": "Fostering panel", "meets_on": %s}`, day(-50))))).ID
	expect(t, 201)(j.manager.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", panelID), fmt.Sprintf(
		`{"review_id": %d, "papers_sent_on": %s, "recommendation": "terminate_approval", "recommended_on": %s}`, j.rev, day(-58), day(-50))))
	// An agenda item for a later panel warns that its papers are not sent.
	later := decodeReviewBody[jsonapi.PanelJSON](t, expect(t, 201)(j.manager.send("POST", "/api/v1/panels",
		fmt.Sprintf(`{"name": "Later panel", "meets_on": %s}`, day(30))))).ID
	item := decodeReviewBody[jsonapi.PanelItemJSON](t, expect(t, 201)(j.manager.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", later),
		fmt.Sprintf(`{"review_id": %d}`, j.rev))))
	if item.PapersDueBy == nil || len(item.Warnings) != 1 || !strings.Contains(item.Warnings[0], "Papers not yet sent: they must go out by") {
		t.Errorf("unsent papers: due by %v, warnings %q", item.PapersDueBy, item.Warnings)
	}
	path := fmt.Sprintf("/api/v1/reviews/%d", j.rev)
	terminate := fmt.Sprintf(`{"decided_on": %s, "outcome": "approval_terminated", "decision_reasons": "Standards of care not met."}`, day(-45))
	expectRefused(t, st.Client, 422, "notice_sent_on", "Enter the date written notice was sent", func() (*http.Response, string) {
		return j.adm.sendVersioned("POST", path+"/decision", terminate, `"4"`)
	})
	withNotice := withJSONField(t, terminate, "notice_sent_on", day(-44))
	decided := decodeReviewBody[jsonapi.ReviewJSON](t, expect(t, 200)(j.adm.sendVersioned("POST", path+"/decision", withNotice, `"4"`)))
	until := todayPlus(-44).AddDays(28)
	if decided.RepresentationsUntil == nil || *decided.RepresentationsUntil != until {
		t.Fatalf("representations until %v, want %s", decided.RepresentationsUntil, until)
	}
	h := st.Client.Household.GetX(t.Context(), j.household)
	if h.Status != "approved" || st.Client.Review.Query().Where(review.HouseholdID(j.household)).CountX(t.Context()) != 1 {
		t.Errorf("a termination in its 28 days changed the household (%s) or scheduled a review", h.Status)
	}
	expectRefused(t, st.Client, 422, "effective_on", "28 days from the notice", func() (*http.Response, string) {
		return j.adm.sendVersioned("POST", path+"/determination", `{"effective_on": "`+until.String()+`"}`, `"5"`)
	})
	effective := until.AddDays(1)
	expect(t, 200)(j.adm.sendVersioned("POST", path+"/determination", `{"effective_on": "`+effective.String()+`"}`, `"5"`))
	h = st.Client.Household.GetX(t.Context(), j.household)
	if h.Status != "terminated" || h.EndedOn == nil || *h.EndedOn != effective {
		t.Errorf("household %s ended %v, want terminated on %s", h.Status, h.EndedOn, effective)
	}
	expectRefused(t, st.Client, 409, "", "already took effect", func() (*http.Response, string) {
		return j.adm.sendVersioned("POST", path+"/determination", `{"effective_on": "`+effective.String()+`"}`, `"6"`)
	})
}

// pdfText extracts a PDF's text with poppler's pdftotext, or returns ""
// where it is not installed (it is required in CI).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("HEARTH_REQUIRE_TOOLS") == "1" {
			t.Fatalf("pdftotext not found and HEARTH_REQUIRE_TOOLS=1: %v", err)
		}
		t.Logf("pdftotext not found; the pack's text is not checked: %v", err)
		return ""
	}
	f := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", "-raw", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
