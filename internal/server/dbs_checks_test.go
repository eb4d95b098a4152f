package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// TestDBSCheckCreateUpdateArchive shows a manager recording DBS checks for
// a carer and for a household member, changing one only from the current
// version, and archiving it; every change audited with the certificate
// number masked, so the trail never holds a whole one.
func TestDBSCheckCreateUpdateArchive(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, testDBSCheckCreateUpdateArchive)
}

func testDBSCheckCreateUpdateArchive(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	api := newAPIClient(t, f.s, "manager")
	ids := map[string]int{}
	for who, path := range map[string]string{
		"carer":  fmt.Sprintf("/api/v1/carers/%d/dbs-checks", f.own.carer),
		"member": fmt.Sprintf("/api/v1/members/%d/dbs-checks", f.own.member),
	} {
		number := map[string]string{"carer": "0012 3456 7890", "member": "0012-3456-7891"}[who]
		resp, body := api.send("POST", path, strings.Replace(validDBSCheck, "0012 3456 7890", number, 1))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("create for %s: %d %s", who, resp.StatusCode, body)
		}
		d := decodeInto[jsonapi.DBSCheckJSON](t, body)
		subject := map[string]*int{"carer": d.CarerID, "member": d.MemberID}
		if subject[who] == nil || (d.CarerID != nil) == (d.MemberID != nil) || d.CertificateNumber != strings.NewReplacer(" ", "", "-", "").Replace(number) {
			t.Errorf("created for %s: %+v", who, d)
		}
		if resp.Header.Get("Location") != fmt.Sprintf("/api/v1/dbs-checks/%d", d.ID) || resp.Header.Get("ETag") != `"1"` {
			t.Errorf("Location %q ETag %q", resp.Header.Get("Location"), resp.Header.Get("ETag"))
		}
		ids[who] = d.ID
	}
	created := f.st.Client.AuditEvent.Query().Where(auditevent.Entity("dbs_check"), auditevent.ActionEQ(auditevent.ActionCreate), auditevent.EntityID(ids["member"])).OnlyX(t.Context())
	if c := created.Changes; c["certificate_number"].New != "********7891" || c["member_id"].New != float64(f.own.member) || c["level"].New != "enhanced_with_barred_lists" {
		t.Errorf("create audited %v", c)
	}

	path := fmt.Sprintf("/api/v1/dbs-checks/%d", ids["carer"])
	renewed := withJSONField(t, validDBSCheck, "certificate_number", `"009934567890"`)
	if resp, body := api.send("PUT", path, renewed); resp.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d %s", resp.StatusCode, body)
	}
	if resp, body := api.send("PUT", path, renewed, "If-Match", `"1"`); resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("update: %d %s", resp.StatusCode, body)
	}
	if resp, body := api.send("PUT", path, validDBSCheck, "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale: %d %s", resp.StatusCode, body)
	}
	updated := f.st.Client.AuditEvent.Query().Where(auditevent.Entity("dbs_check"), auditevent.ActionEQ(auditevent.ActionUpdate)).OnlyX(t.Context())
	if c := updated.Changes; len(c) != 1 || c["certificate_number"].Old != "********7890" || c["certificate_number"].New != "********7890" {
		t.Errorf("update audited %v", c)
	}
	if resp, _ := api.send("DELETE", path, "", "If-Match", `"1"`); resp.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("stale archive: %d", resp.StatusCode)
	}
	if resp, body := api.send("DELETE", path, "", "If-Match", `"2"`); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("archive: %d %s", resp.StatusCode, body)
	}
	if n := f.st.Client.AuditEvent.Query().Where(auditevent.Entity("dbs_check"), auditevent.ActionEQ(auditevent.ActionArchive), auditevent.EntityID(ids["carer"])).CountX(t.Context()); n != 1 {
		t.Errorf("%d archives audited, want 1", n)
	}
	if resp, _ := api.send("GET", path, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("archived check: %d, want 404", resp.StatusCode)
	}
	for _, e := range f.st.Client.AuditEvent.Query().AllX(t.Context()) {
		trail, _ := json.Marshal(e.Changes)
		for _, number := range []string{"001234567890", "001234567891", "009934567890"} {
			if strings.Contains(string(trail), number) {
				t.Errorf("audit event %d %s holds certificate number %s: %s", e.ID, e.Action, number, trail)
			}
		}
	}
}

// TestDBSCheckRejectsBadInput shows each bad DBS check refused with a 4xx
// naming what was wrong, and the registry unchanged.
func TestDBSCheckRejectsBadInput(t *testing.T) { onEachDatabase(t, testDBSCheckRejectsBadInput) }

func testDBSCheckRejectsBadInput(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	forCarer := fmt.Sprintf("/api/v1/carers/%d/dbs-checks", f.own.carer)
	forMember := fmt.Sprintf("/api/v1/members/%d/dbs-checks", f.own.member)
	update := fmt.Sprintf("/api/v1/dbs-checks/%d", f.own.memberDBS)
	with := func(field, value string) string { return withJSONField(t, validDBSCheck, field, value) }
	tomorrow := httpx.Today().AddDays(1).String()
	expectRefusals(t, newAPIClient(t, f.s, "manager"), f.st.Client, []refusal{
		{"ErrCertificateMissing", "POST", forCarer, with("certificate_number", ""), 422, "certificate_number", "Enter the certificate number"},
		{"ErrCertificateShort", "POST", forCarer, with("certificate_number", `"12345678901"`), 422, "certificate_number", "12-digit"},
		{"ErrCertificateLetters", "POST", forMember, with("certificate_number", `"00123456789O"`), 422, "certificate_number", "12-digit"},
		{"ErrCertificateTaken", "POST", forMember, with("certificate_number", `"`+f.other.carerCertificate+`"`), 422, "certificate_number", "This certificate number is already recorded"},
		{"ErrIssuedMissing", "POST", forCarer, with("issued_on", ""), 422, "issued_on", "Enter the date of issue"},
		{"ErrIssuedInFuture", "POST", forCarer, with("issued_on", `"`+tomorrow+`"`), 422, "issued_on", "The date of issue must be today or in the past"},
		{"ErrIssuedBeforeBirth", "POST", forMember, with("issued_on", `"1999-12-31"`), 422, "issued_on", "The date of issue must be the same as or after their date of birth"},
		{"ErrLevelUnknown", "POST", forCarer, with("level", `"enhanced_plus"`), 422, "level", "Choose the level of the check"},
		{"ErrOutcomeUnknown", "POST", forCarer, with("outcome", `"passed"`), 422, "outcome", "Choose the outcome of the check"},
		{"ErrSubjectInBody", "POST", forCarer, with("member_id", fmt.Sprint(f.own.member)), 422, "member_id", "unknown"},
		{"ErrCarerUnknown", "POST", "/api/v1/carers/999999/dbs-checks", validDBSCheck, 404, "", "no carer"},
		{"ErrMemberUnknown", "POST", "/api/v1/members/999999/dbs-checks", validDBSCheck, 404, "", "no household member"},
		{"ErrUpdateCertificateTaken", "PUT", update, with("certificate_number", `"`+f.own.carerCertificate+`"`), 422, "certificate_number", "This certificate number is already recorded"},
		{"ErrUpdateUnknown", "PUT", "/api/v1/dbs-checks/999999", validDBSCheck, 404, "", "no DBS check"},
		{"ErrArchiveUnknown", "DELETE", "/api/v1/dbs-checks/999999", "", 404, "", "no DBS check"},
		{"ErrUnknownParameter", "GET", forMember + "?outcome=clear", "", 422, "outcome", "not a filter"},
	})
}
