package server

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/course"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestCourseRulesUpdate shows an administrator making a course mandatory:
// carers who lack it fall due at once, the change is audited, a stale edit
// is refused and bad values are named.
func TestCourseRulesUpdate(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { testCourseRulesUpdate(t, d) })
	}
}

func testCourseRulesUpdate(t *testing.T, d string) {
	s, _ := seededServerOn(t, d, 20)
	admin := signedInAdmin(t, s)
	ctx := t.Context()
	attach := s.Store.Client.Course.Query().Where(course.Mandatory(false), course.ValidityMonthsEQ(0)).FirstX(ctx)
	due := func() int {
		return s.Store.Client.DueItem.Query().Where(dueitem.Kind("training"), dueitem.Ref(attach.ID)).CountX(ctx)
	}
	if n := due(); n != 0 {
		t.Fatalf("%d items for an optional course", n)
	}
	path := fmt.Sprintf("/api/v1/courses/%d", attach.ID)
	body := func(version int) string {
		return fmt.Sprintf(`{"mandatory": true, "validity_months": 36, "applies_to": [], "counts_toward_tsd": false, "version": %d}`, version)
	}
	resp, out := admin.sendJSON("PUT", path, body(attach.Version))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("make mandatory: %d %s", resp.StatusCode, out)
	}
	finishRecalculation(t, s.Store)
	if n := due(); n == 0 {
		t.Error("no carer fell due for a course made mandatory")
	}
	records := s.Store.Client.TrainingRecord.Query().Where(trainingrecord.CourseID(attach.ID)).AllX(ctx)
	for _, r := range records {
		if r.ExpiresOn == nil || *r.ExpiresOn != r.CompletedOn.AddMonths(36) {
			t.Errorf("record completed %s expires %v, want 36 months later", r.CompletedOn, r.ExpiresOn)
		}
	}
	if len(records) == 0 {
		t.Error("no training records of the course to re-date")
	}
	events := s.Store.Client.AuditEvent.Query().Where(auditevent.Entity("course"), auditevent.EntityID(attach.ID)).AllX(ctx)
	if len(events) != 1 || events[0].Changes["mandatory"].New != true || events[0].Changes["validity_months"].New != float64(36) {
		t.Errorf("audit = %+v", events)
	}
	resp, out = admin.sendJSON("PUT", path, body(attach.Version))
	if resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale version: %d %s, want 412", resp.StatusCode, out)
	}
	resp, out = admin.sendJSON("PUT", path, `{"validity_months": -1, "applies_to": ["fortnightly"], "version": 0}`)
	p := decodeProblem(t, resp, out)
	if resp.StatusCode != http.StatusUnprocessableEntity || p.Fields["validity_months"] == "" ||
		p.Fields["applies_to"] == "" || p.Fields["version"] == "" {
		t.Errorf("bad values: %d %v", resp.StatusCode, p.Fields)
	}
	if resp, out := admin.sendJSON("PUT", "/api/v1/courses/999999", body(1)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("no such course: %d %s", resp.StatusCode, out)
	}
	list := getJSON[struct{ Items []jsonapi.CourseJSON }](t, admin, "/api/v1/courses")
	for _, c := range list.Items {
		if c.ID == attach.ID && (!c.Mandatory || c.ValidityMonths != 36 || c.Version != attach.Version+1) {
			t.Errorf("listed as %+v", c)
		}
	}
}
