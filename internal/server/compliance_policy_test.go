package server

import (
	"net/http"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestPolicyUpdate shows an administrator changing the service's settings:
// due dates move at once, each change is audited with old and new values,
// an edit from a stale copy is refused, and bad values are named.
func TestPolicyUpdate(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { testPolicyUpdate(t, d) })
	}
}

func testPolicyUpdate(t *testing.T, d string) {
	s, _ := seededServerOn(t, d, 20)
	admin := signedInAdmin(t, s)
	ctx := t.Context()
	before := getJSON[registry.PolicySettings](t, admin, "/api/v1/compliance/policy")
	if before.HealthRenewalMonths != 36 || before.WarningDays != 60 || before.Version != 0 {
		t.Fatalf("defaults = %+v", before)
	}
	healthDue := func() string {
		it := s.Store.Client.DueItem.Query().Where(dueitem.Kind("health_assessment")).Order(dueitem.ByID()).FirstX(ctx)
		return it.SubjectName + " " + it.DueOn.String()
	}
	firstItem := func() int { return s.Store.Client.DueItem.Query().Order(dueitem.ByID()).FirstIDX(ctx) }

	// A warning window alone moves no due date, so the items stay as they are.
	itemsBefore := firstItem()
	resp, body := admin.sendJSON("PUT", "/api/v1/compliance/policy", `{"warning_days": 30, "health_renewal_months": 36,
		"dbs_renewal_months": 36, "supervisory_visit_days": 42, "post_allegation_review_days": 42,
		"new_carer_training_months": 12, "version": 0}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("first change: %d %s", resp.StatusCode, body)
	}
	if firstItem() != itemsBefore {
		t.Error("changing the warning window rewrote the due items")
	}
	if got := getJSON[summaryJSON](t, admin, "/api/v1/compliance"); got.WarningDays != 30 {
		t.Errorf("summary warning days = %d, want 30", got.WarningDays)
	}

	healthBefore := healthDue()
	resp, body = admin.sendJSON("PUT", "/api/v1/compliance/policy", `{"warning_days": 30, "health_renewal_months": 24,
		"dbs_renewal_months": 36, "supervisory_visit_days": 42, "post_allegation_review_days": 42,
		"new_carer_training_months": 12, "version": 1}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("second change: %d %s", resp.StatusCode, body)
	}
	if healthDue() != healthBefore {
		t.Errorf("health assessments moved in the administrator's request, not in the background: %s", healthDue())
	}
	finishRecalculation(t, s.Store)
	if healthDue() == healthBefore {
		t.Errorf("health assessments still due as before: %s", healthBefore)
	}
	events := s.Store.Client.AuditEvent.Query().Where(auditevent.Entity("service_policy")).AllX(ctx)
	if len(events) < 2 || events[1].Changes["health_renewal_months"].New != float64(24) ||
		events[1].Changes["health_renewal_months"].Old != float64(36) || len(events[1].Changes) != 1 {
		t.Errorf("audit = %+v", events)
	}

	itemsBefore = firstItem()
	resp, body = admin.sendJSON("PUT", "/api/v1/compliance/policy", `{"warning_days": 45, "health_renewal_months": 24,
		"dbs_renewal_months": 36, "supervisory_visit_days": 42, "post_allegation_review_days": 42,
		"new_carer_training_months": 12, "version": 2}`)
	if resp.StatusCode != http.StatusOK || firstItem() != itemsBefore {
		t.Errorf("warning window change: %d %s; items rewritten: %v", resp.StatusCode, body, firstItem() != itemsBefore)
	}

	resp, body = admin.sendJSON("PUT", "/api/v1/compliance/policy", `{"warning_days": 45, "health_renewal_months": 24,
		"dbs_renewal_months": 36, "supervisory_visit_days": 42, "post_allegation_review_days": 42,
		"new_carer_training_months": 12, "version": 1}`)
	if resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale version: %d %s, want 412", resp.StatusCode, body)
	}
	resp, body = admin.sendJSON("PUT", "/api/v1/compliance/policy", `{"warning_days": 0, "health_renewal_months": 24,
		"dbs_renewal_months": 1000, "supervisory_visit_days": 42, "post_allegation_review_days": 42,
		"new_carer_training_months": 12, "version": 3}`)
	p := decodeProblem(t, resp, body)
	if resp.StatusCode != http.StatusUnprocessableEntity || p.Fields["warning_days"] == "" || p.Fields["dbs_renewal_months"] == "" {
		t.Errorf("bad values: %d %v", resp.StatusCode, p.Fields)
	}
	resp, body = admin.sendJSON("PUT", "/api/v1/compliance/policy", `{"warning_days": "soon"}`)
	if p := decodeProblem(t, resp, body); resp.StatusCode != http.StatusUnprocessableEntity || p.Fields["warning_days"] == "" {
		t.Errorf("wrong type: %d %v", resp.StatusCode, p.Fields)
	}
	if got := getJSON[registry.PolicySettings](t, admin, "/api/v1/compliance/policy"); got.Version != 3 || got.WarningDays != 45 {
		t.Errorf("after refused changes: %+v, want version 3 with 45 days' warning", got)
	}
}
