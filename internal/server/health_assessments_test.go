package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// TestHealthAssessmentCreateUpdateArchive shows a manager recording a
// carer's health assessment, changing it only from the current version
// (428 without If-Match, 412 when stale), and archiving it; each change
// audited with its values.
func TestHealthAssessmentCreateUpdateArchive(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, testHealthAssessmentCreateUpdateArchive)
}

func testHealthAssessmentCreateUpdateArchive(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	api := newAPIClient(t, f.s, "manager")
	resp, body := api.send("POST", fmt.Sprintf("/api/v1/carers/%d/health-assessments", f.own.carer), validHealthAssessment)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	a := decodeInto[jsonapi.HealthAssessmentJSON](t, body)
	if a.CarerID != f.own.carer || a.Kind != "initial" || a.AssessedOn.String() != "2024-01-10" || a.MedicalAdviser != "Dr Ngozi Àdìgún" {
		t.Errorf("created %+v", a)
	}
	if resp.Header.Get("Location") != fmt.Sprintf("/api/v1/health-assessments/%d", a.ID) || resp.Header.Get("ETag") != `"1"` {
		t.Errorf("Location %q ETag %q", resp.Header.Get("Location"), resp.Header.Get("ETag"))
	}
	created := f.st.Client.AuditEvent.Query().Where(auditevent.Entity("health_assessment"), auditevent.ActionEQ(auditevent.ActionCreate)).OnlyX(t.Context())
	if *created.EntityID != a.ID || created.Changes["outcome"].New != "fit" || created.Changes["carer_id"].New != float64(f.own.carer) {
		t.Errorf("create audited %v", created.Changes)
	}

	path := fmt.Sprintf("/api/v1/health-assessments/%d", f.own.health)
	renewal := withJSONField(t, validHealthAssessment, "outcome", `"fit_with_conditions"`)
	if resp, body := api.send("PUT", path, renewal); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d %s", resp.StatusCode, body)
	}
	if resp, body := api.send("PUT", path, renewal, "If-Match", `"1"`); resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("update: %d %s", resp.StatusCode, body)
	}
	if resp, body := api.send("PUT", path, validHealthAssessment, "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale: %d %s", resp.StatusCode, body)
	}
	updated := f.st.Client.AuditEvent.Query().Where(auditevent.Entity("health_assessment"), auditevent.ActionEQ(auditevent.ActionUpdate)).OnlyX(t.Context())
	if c := updated.Changes; c["outcome"].Old != "fit" || c["outcome"].New != "fit_with_conditions" || c["assessed_on"].Old != "2023-05-05" {
		t.Errorf("update audited %v", c)
	}
	if resp, _ := api.send("DELETE", path, "", "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale archive: %d", resp.StatusCode)
	}
	if resp, body := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("archive: %d %s", resp.StatusCode, body)
	}
	if n := f.st.Client.AuditEvent.Query().Where(auditevent.Entity("health_assessment"), auditevent.ActionEQ(auditevent.ActionArchive), auditevent.EntityID(f.own.health)).CountX(t.Context()); n != 1 {
		t.Errorf("%d archives audited, want 1", n)
	}
	if resp, _ := api.send("GET", path, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("archived assessment: %d, want 404", resp.StatusCode)
	}
	_, body = api.send("GET", fmt.Sprintf("/api/v1/carers/%d/health-assessments", f.own.carer), "")
	if list := decodeInto[httpx.Page[jsonapi.HealthAssessmentJSON]](t, body); len(list.Items) != 1 || list.Items[0].ID != a.ID {
		t.Errorf("list after archiving = %s", body)
	}
}

// TestHealthAssessmentRejectsBadInput shows each bad assessment refused
// with a 4xx naming what was wrong, and the registry unchanged.
func TestHealthAssessmentRejectsBadInput(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, testHealthAssessmentRejectsBadInput)
}

func testHealthAssessmentRejectsBadInput(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	create := fmt.Sprintf("/api/v1/carers/%d/health-assessments", f.own.carer)
	update := fmt.Sprintf("/api/v1/health-assessments/%d", f.own.health)
	with := func(field, value string) string { return withJSONField(t, validHealthAssessment, field, value) }
	tomorrow := httpx.Today().AddDays(1).String()
	expectRefusals(t, newAPIClient(t, f.s, "manager"), f.st.Client, []refusal{
		{"ErrKindMissing", "POST", create, with("kind", ""), 422, "kind", "Choose the kind of assessment"},
		{"ErrKindUnknown", "POST", create, with("kind", `"annual"`), 422, "kind", "Choose the kind of assessment"},
		{"ErrOutcomeUnknown", "POST", create, with("outcome", `"unfit"`), 422, "outcome", "Choose the outcome of the assessment"},
		{"ErrAssessedMissing", "POST", create, with("assessed_on", ""), 422, "assessed_on", "Enter the date of the assessment"},
		{"ErrAssessedNotADate", "POST", create, with("assessed_on", `"2024-13-01"`), 422, "assessed_on", "2026-03-14"},
		{"ErrAssessedInFuture", "POST", create, with("assessed_on", `"`+tomorrow+`"`), 422, "assessed_on", "The date of the assessment must be today or in the past"},
		{"ErrAssessedBeforeBirth", "POST", create, with("assessed_on", `"1970-01-01"`), 422, "assessed_on", "The date of the assessment must be the same as or after their date of birth"},
		{"ErrAdviserTooLong", "POST", create, with("medical_adviser", `"`+strings.Repeat("a", 201)+`"`), 422, "medical_adviser", "200"},
		{"ErrCarerInBody", "POST", create, with("carer_id", fmt.Sprint(f.other.carer)), 422, "carer_id", "unknown"},
		{"ErrCarerUnknown", "POST", "/api/v1/carers/999999/health-assessments", validHealthAssessment, 404, "", "no carer"},
		{"ErrUpdateBeforeBirth", "PUT", update, with("assessed_on", `"1970-01-01"`), 422, "assessed_on", "The date of the assessment must be the same as or after their date of birth"},
		{"ErrUpdateUnknown", "PUT", "/api/v1/health-assessments/999999", validHealthAssessment, 404, "", "no health assessment"},
		{"ErrLimitZero", "GET", create + "?limit=0", "", 422, "limit", "1 to 200"},
	})
}
