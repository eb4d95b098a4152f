package server

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/sar"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestSubjectAccessBundle prepares the bundle for one of two carers in a
// household: a ZIP with JSON and a PDF holding every record of theirs
// (training, health, DBS, their own views, their account) and nothing of
// the other carer, the household's members or the children placed; the
// export is audited; an SSW may not prepare one.
func TestSubjectAccessBundle(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	api := newAPIClient(t, s, "manager")
	portal := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0900", nil, &portal.ID)
	me := st.Client.Carer.Query().Where(carer.HouseholdID(h)).OnlyX(t.Context())
	pfa := mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
	var other *ent.Carer
	storetest.Write(t, st.Client, func(tx *ent.Client) error {
		other = tx.Carer.Create().SetHouseholdID(h).SetFirstName("Bartholomew").SetLastName("Quince").SaveX(t.Context())
		tx.HouseholdMember.Create().SetHouseholdID(h).SetFirstName("Wilhelmina").SetLastName("Quince").SetRelationship("birth_child").ExecX(t.Context())
		tx.Placement.Create().SetHouseholdID(h).SetChildReference("LA-77").SetPlacingAuthority("Torbay").SetCategory("long_term").
			SetStartedOn(civil.MustParse("2025-01-01")).ExecX(t.Context())
		tx.TrainingRecord.Create().SetCarerID(other.ID).SetCourseID(pfa.ID).SetCompletedOn(civil.MustParse("2025-02-02")).SetProvider("Quince's provider").ExecX(t.Context())
		return nil
	})
	mustRecordTraining(t, api, me.ID, pfa.ID, "2025-03-01")
	expect(t, 201)(api.send("POST", fmt.Sprintf("/api/v1/carers/%d/health-assessments", me.ID), validHealthAssessment))
	expect(t, 201)(api.send("POST", fmt.Sprintf("/api/v1/carers/%d/dbs-checks", me.ID), validDBSCheck))
	r := mustPostReview(t, api, h, reviewBody)
	carerBrowser := newBrowser(t, s)
	carerBrowser.signIn("zoe@example.net", testPassword)
	carerBrowser.get("/my/views")
	carerBrowser.post("/my/views", map[string][]string{"review": {fmt.Sprint(r.ID)}, "views": {"My own words about the year."}})
	api.send("POST", fmt.Sprintf("/api/v1/reviews/%d/contributions", r.ID),
		`{"source": "fostered_child", "author_name": "LA-77", "received_on": "2026-02-20", "text": "A child's words."}`)

	resp, body := api.send("GET", fmt.Sprintf("/api/v1/carers/%d/subject-access", me.ID), "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("%d %s %.200s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	z, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil || len(z.File) != 2 {
		t.Fatalf("zip: %v, %d files", err, len(z.File))
	}
	read := func(i int) string {
		f, _ := z.File[i].Open()
		defer f.Close()
		b, _ := io.ReadAll(f)
		return string(b)
	}
	var b sar.Bundle
	jsonText := read(0)
	if err := json.Unmarshal([]byte(jsonText), &b); err != nil || !strings.HasSuffix(z.File[0].Name, ".json") {
		t.Fatalf("JSON %s: %v", z.File[0].Name, err)
	}
	counts := map[string]int{}
	for _, sec := range b.Sections {
		counts[sec.Title] = len(sec.Records)
	}
	if counts["Training"] != 1 || counts["Health assessments"] != 1 || counts["DBS checks"] != 1 ||
		counts["Views you gave for your reviews"] != 1 || counts["Your account"] != 1 {
		t.Errorf("sections %v", counts)
	}
	pdfText := pdfText(t, []byte(read(1)))
	for _, doc := range []string{jsonText, pdfText} {
		if doc == "" {
			continue
		}
		for _, want := range []string{"Siân", "Paediatric", "My own words about the year.", "zoe@example.net", "001234567890"} {
			if want == "Paediatric" {
				want = pfa.Title
			}
			if !strings.Contains(doc, want) {
				t.Errorf("the bundle lacks %q", want)
			}
		}
		for _, other := range []string{"Bartholomew", "Wilhelmina", "LA-77", "A child's words.", "Quince's provider"} {
			if strings.Contains(doc, other) {
				t.Errorf("the bundle holds someone else's %q", other)
			}
		}
	}
	if !st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionExport), auditevent.Entity("carer"), auditevent.EntityID(me.ID)).ExistX(t.Context()) {
		t.Error("the export is not audited")
	}
	if resp, _ := newAPIClient(t, s, "ssw").send("GET", fmt.Sprintf("/api/v1/carers/%d/subject-access", me.ID), ""); resp.StatusCode != 403 {
		t.Errorf("an SSW preparing a bundle: %d, want 403", resp.StatusCode)
	}
}
