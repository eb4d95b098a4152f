package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/dueitem"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

const validCourse = `{"code": "attach", "title": "Attachment and trauma", "description": "Half a day.",
	"mandatory": true, "validity_months": 36, "applies_to": []}`

// TestCourseCatalogueLifecycle shows an administrator adding a mandatory
// course (carers fall due for it at once, audited), reading it, and
// archiving it with the current version while a training record still
// names it: nobody is due it any more, the record keeps its course, and
// the code stays taken.
func TestCourseCatalogueLifecycle(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { testCourseCatalogueLifecycle(t, d) })
	}
}

func testCourseCatalogueLifecycle(t *testing.T, d string) {
	s, st, _ := testServerOn(t, d)
	a := mustCreateFosterHome(t, st.Client, "FH-0001", nil, nil)
	mustCreateFosterHome(t, st.Client, "FH-0002", nil, nil)
	admin := newAPIClient(t, s, "admin")
	resp, body := admin.send("POST", "/api/v1/courses", validCourse)
	var k jsonapi.CourseDetailJSON
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &k) != nil {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	if k.Code != "ATTACH" || !k.Mandatory || k.ValidityMonths != 36 || k.Description != "Half a day." ||
		resp.Header.Get("Location") != fmt.Sprintf("/api/v1/courses/%d", k.ID) || resp.Header.Get("ETag") != `"1"` {
		t.Errorf("created %+v, Location %q", k, resp.Header.Get("Location"))
	}
	due := func() int {
		return st.Client.DueItem.Query().Where(dueitem.Kind("training"), dueitem.Ref(k.ID)).CountX(t.Context())
	}
	finishRecalculation(t, st)
	if n := due(); n != 2 {
		t.Errorf("%d carers due the new mandatory course, want 2", n)
	}
	e := st.Client.AuditEvent.Query().Where(auditevent.Entity("course"), auditevent.ActionEQ(auditevent.ActionCreate)).OnlyX(t.Context())
	if *e.EntityID != k.ID || e.Changes["code"].New != "ATTACH" || e.Changes["mandatory"].New != true {
		t.Errorf("audit = %+v", e.Changes)
	}
	path := fmt.Sprintf("/api/v1/courses/%d", k.ID)
	if resp, body := admin.send("GET", path, ""); resp.StatusCode != 200 || resp.Header.Get("ETag") != `"1"` || !strings.Contains(body, "Half a day.") {
		t.Errorf("show: %d %s", resp.StatusCode, body)
	}
	record := mustRecordTraining(t, newAPIClient(t, s, "manager"), a.carer, k.ID, "2025-06-01")
	if resp, _ := admin.send("DELETE", path, ""); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("archive without If-Match: %d", resp.StatusCode)
	}
	if resp, _ := admin.send("DELETE", path, "", "If-Match", `"7"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale archive: %d", resp.StatusCode)
	}
	if resp, body := admin.send("DELETE", path, "", "If-Match", `"1"`); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("archive while a record names it: %d %s", resp.StatusCode, body)
	}
	if n := st.Client.AuditEvent.Query().Where(auditevent.Entity("course"), auditevent.ActionEQ(auditevent.ActionArchive)).CountX(t.Context()); n != 1 {
		t.Errorf("%d archives audited, want 1", n)
	}
	finishRecalculation(t, st)
	if n := due(); n != 0 {
		t.Errorf("%d carers still due an archived course", n)
	}
	if resp, _ := admin.send("GET", path, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("archived course: %d, want 404", resp.StatusCode)
	}
	kept := getJSON[jsonapi.TrainingJSON](t, signedIn(t, s), fmt.Sprintf("/api/v1/training/%d", record.ID))
	if kept.CourseCode != "ATTACH" {
		t.Errorf("the record lost its course: %+v", kept)
	}
	resp, body = admin.send("POST", "/api/v1/courses", validCourse)
	if p := decodeProblem(t, resp, body); resp.StatusCode != 422 || !strings.Contains(p.Fields["code"], "is already another course's code") {
		t.Errorf("code of an archived course: %d %v", resp.StatusCode, p.Fields)
	}
}

// TestCourseRejectsBadInput shows each bad course refused with a 4xx
// naming what was wrong, and nothing written.
func TestCourseRejectsBadInput(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
	admin := newAPIClient(t, s, "admin")
	with := func(field, value string) string { return recordBodyWith(t, validCourse, field, value) }
	for _, tc := range []struct {
		name, body  string
		status      int
		field, says string
	}{
		{"ErrCodeMissing", with("code", ""), 422, "code", "Enter the course's code"},
		{"ErrCodeBlank", with("code", `"   "`), 422, "code", "Enter the course's code"},
		{"ErrCodeTaken", with("code", `"pfa"`), 422, "code", "is already another course's code"},
		{"ErrCodeHasSpaces", with("code", `"first aid"`), 422, "code", "Enter a code of letters, numbers, - or _, like PFA"},
		{"ErrCodeTooLong", with("code", `"`+strings.Repeat("C", 31)+`"`), 422, "code", "30"},
		{"ErrTitleMissing", with("title", ""), 422, "title", "Enter the course's title"},
		{"ErrTitleBlank", with("title", `"  "`), 422, "title", ""},
		{"ErrValidityNegative", with("validity_months", "-1"), 422, "validity_months", "0"},
		{"ErrValidityTooLong", with("validity_months", "241"), 422, "validity_months", "240"},
		{"ErrAppliesToUnknown", with("applies_to", `["fortnightly"]`), 422, "applies_to", "Choose who the course is for from the categories of approval, or none for every carer"},
		{"ErrMandatoryNotBool", with("mandatory", `"yes"`), 422, "mandatory", "bool"},
		{"ErrVersionSent", with("version", "1"), 422, "version", "unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			expectRefused(t, st.Client, tc.status, tc.field, tc.says, func() (*http.Response, string) {
				return admin.send("POST", "/api/v1/courses", tc.body)
			})
		})
	}
	if resp, body := admin.send("GET", "/api/v1/courses/999999", ""); resp.StatusCode != 404 {
		t.Errorf("no such course: %d %s", resp.StatusCode, body)
	}
}
