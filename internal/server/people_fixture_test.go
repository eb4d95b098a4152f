package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

const (
	validCarer = `{"first_name": " Zoë ", "last_name": "Ó Briain", "date_of_birth": "1980-05-17",
		"email": "zoe@example.net", "phone": "01803 000000", "connected_person": true, "tsd_completed_on": "2024-02-29"}`
	validMember = `{"first_name": "Siân", "last_name": "Àdìgún", "relationship": "adult_child",
		"date_of_birth": "2001-03-14", "moved_in_on": "2001-03-20"}`
	validHealthAssessment = `{"kind": "initial", "assessed_on": "2024-01-10", "assessed_by": "Leatside Surgery",
		"medical_adviser": "Dr Ngozi Àdìgún", "adviser_opinion": "Fit to foster.", "outcome": "fit"}`
	validDBSCheck = `{"certificate_number": "0012 3456 7890", "issued_on": "2024-01-10",
		"level": "enhanced_with_barred_lists", "update_service": true, "outcome": "clear"}`
)

// fosterFamily is one household's records as the people API's tests seed
// them: a carer, a household member, the carer's health assessment and a
// DBS check for each of them.
type fosterFamily struct {
	reference, carerCertificate                           string
	household, carer, member, health, carerDBS, memberDBS int
	// portal is the carer's account, kept by the update (an SSW may not
	// unlink it: only managers decide who sees a household).
	portal *int
}

// peopleFixture is two households, "own" supervised by ssw with carer
// signed in as its carer, and "other" supervised by nobody.
type peopleFixture struct {
	s          *Server
	st         *store.Store
	ssw, carer *ent.User
	own, other fosterFamily
}

// newPeopleFixture seeds two families on the database d.
func newPeopleFixture(t *testing.T, d string) peopleFixture {
	t.Helper()
	s, st, _ := testServerOn(t, d)
	f := peopleFixture{s: s, st: st, ssw: mustCreateUser(t, st.Client, "ssw@example.org", "ssw"),
		carer: mustCreateUser(t, st.Client, "zoe@example.net", "carer")}
	f.own = seedFosterFamily(t, st.Client, "FH-0001", 1, &f.ssw.ID, &f.carer.ID)
	f.other = seedFosterFamily(t, st.Client, "FH-0002", 2, nil, nil)
	return f
}

// seedFosterFamily writes one family; n makes its certificate numbers
// unique.
func seedFosterFamily(t *testing.T, client *ent.Client, ref string, n int, sswID, carerUserID *int) fosterFamily {
	t.Helper()
	ctx := t.Context()
	f := fosterFamily{reference: ref, carerCertificate: fmt.Sprintf("%d00000000001", n), portal: carerUserID}
	storetest.Write(t, client, func(tx *ent.Client) error {
		f.household = tx.Household.Create().SetReference(ref).SetAddressLine1("1 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus(household.StatusApproved).SetApprovedOn(civil.MustParse("2020-01-06")).
			SetNillableSswID(sswID).SaveX(ctx).ID
		f.carer = tx.Carer.Create().SetHouseholdID(f.household).SetFirstName("Carer").SetLastName("Of " + ref).
			SetDateOfBirth(civil.MustParse("1975-06-01")).SetNillableUserID(carerUserID).SaveX(ctx).ID
		f.member = tx.HouseholdMember.Create().SetHouseholdID(f.household).SetFirstName("Member").SetLastName("Of " + ref).
			SetRelationship("adult_child").SetDateOfBirth(civil.MustParse("2000-02-02")).SaveX(ctx).ID
		f.health = tx.HealthAssessment.Create().SetCarerID(f.carer).SetKind("initial").
			SetAssessedOn(civil.MustParse("2023-05-05")).SetOutcome("fit").SaveX(ctx).ID
		f.carerDBS = tx.DBSCheck.Create().SetCarerID(f.carer).SetCertificateNumber(f.carerCertificate).
			SetIssuedOn(civil.MustParse("2023-05-05")).SetOutcome("clear").SaveX(ctx).ID
		f.memberDBS = tx.DBSCheck.Create().SetHouseholdMemberID(f.member).SetCertificateNumber(fmt.Sprintf("%d00000000002", n)).
			SetIssuedOn(civil.MustParse("2023-05-05")).SetOutcome("clear").SaveX(ctx).ID
		return nil
	})
	return f
}

// readPaths are every read of the family's people and checks.
func (f fosterFamily) readPaths() []string {
	return []string{
		fmt.Sprintf("/api/v1/households/%d/carers", f.household), fmt.Sprintf("/api/v1/carers/%d", f.carer),
		fmt.Sprintf("/api/v1/households/%d/members", f.household), fmt.Sprintf("/api/v1/members/%d", f.member),
		fmt.Sprintf("/api/v1/carers/%d/health-assessments", f.carer), fmt.Sprintf("/api/v1/health-assessments/%d", f.health),
		fmt.Sprintf("/api/v1/carers/%d/dbs-checks", f.carer), fmt.Sprintf("/api/v1/members/%d/dbs-checks", f.member),
		fmt.Sprintf("/api/v1/dbs-checks/%d", f.carerDBS), fmt.Sprintf("/api/v1/dbs-checks/%d", f.memberDBS),
	}
}

// familyWrite is one change to a family's records.
type familyWrite struct{ method, path, body string }

// writes are every kind of change to the family's people and checks, in
// an order that succeeds for someone allowed to make them: creates, then
// updates from version 1, then archives from version 2.
func (f fosterFamily) writes() []familyWrite {
	dbs := strings.Replace(validDBSCheck, "0012 3456 7890", f.carerCertificate, 1)
	carer := validCarer
	if f.portal != nil {
		carer = strings.Replace(carer, "{", fmt.Sprintf(`{"user_id": %d, `, *f.portal), 1)
	}
	return []familyWrite{
		{"POST", fmt.Sprintf("/api/v1/households/%d/carers", f.household), validCarer},
		{"POST", fmt.Sprintf("/api/v1/households/%d/members", f.household), validMember},
		{"POST", fmt.Sprintf("/api/v1/carers/%d/health-assessments", f.carer), validHealthAssessment},
		{"POST", fmt.Sprintf("/api/v1/carers/%d/dbs-checks", f.carer), strings.Replace(validDBSCheck, "0012", "0099", 1)},
		{"POST", fmt.Sprintf("/api/v1/members/%d/dbs-checks", f.member), strings.Replace(validDBSCheck, "0012", "0098", 1)},
		{"PUT", fmt.Sprintf("/api/v1/carers/%d", f.carer), carer},
		{"PUT", fmt.Sprintf("/api/v1/members/%d", f.member), validMember},
		{"PUT", fmt.Sprintf("/api/v1/health-assessments/%d", f.health), validHealthAssessment},
		{"PUT", fmt.Sprintf("/api/v1/dbs-checks/%d", f.carerDBS), dbs},
		{"DELETE", fmt.Sprintf("/api/v1/health-assessments/%d", f.health), ""},
		{"DELETE", fmt.Sprintf("/api/v1/dbs-checks/%d", f.carerDBS), ""},
		{"DELETE", fmt.Sprintf("/api/v1/members/%d", f.member), ""},
		{"DELETE", fmt.Sprintf("/api/v1/carers/%d", f.carer), ""},
	}
}

// wants is the status a permitted write answers.
func (w familyWrite) wants() int {
	return map[string]int{"POST": http.StatusCreated, "PUT": http.StatusOK, "DELETE": http.StatusNoContent}[w.method]
}

// etag is the version a write is made from, in writes' order.
func (w familyWrite) etag() string {
	if w.method == "DELETE" {
		return `"2"`
	}
	return `"1"`
}

// withJSONField is the JSON object base with field set to the raw JSON
// value, or removed when value is empty.
func withJSONField(t *testing.T, base, field, value string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(base), &m); err != nil {
		t.Fatal(err)
	}
	delete(m, field)
	if value != "" {
		m[field] = json.RawMessage(value)
	}
	out, _ := json.Marshal(m)
	return string(out)
}

// refusal is a request that must be refused with status, naming field (or
// saying says in the detail when no field is at fault), and leave the
// registry as it was.
type refusal struct {
	name, method, path, body string
	status                   int
	field, says              string
}

// expectRefusals sends each refusal as api and checks its answer, and that
// nothing was written.
func expectRefusals(t *testing.T, api apiClient, client *ent.Client, cases []refusal) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectRefused(t, client, tc.status, tc.field, tc.says, func() (*http.Response, string) {
				return api.send(tc.method, tc.path, tc.body, "If-Match", `"1"`)
			})
		})
	}
}

// expectRefused makes a request with send and checks it is refused with
// status, names field (or says says in the detail when field is ""), and
// leaves the registry as it was.
func expectRefused(t *testing.T, client *ent.Client, status int, field, says string, send func() (*http.Response, string)) {
	t.Helper()
	before := registryState(t, client)
	resp, body := send()
	if resp.StatusCode != status {
		t.Fatalf("%d %s, want %d", resp.StatusCode, body, status)
	}
	p := decodeProblem(t, resp, body)
	said := p.Detail
	if field != "" {
		said = p.Fields[field]
	}
	if said == "" || !strings.Contains(said, says) {
		t.Errorf("said %q (fields %v), want it to name %q and say %q", said, p.Fields, field, says)
	}
	if after := registryState(t, client); after != before {
		t.Errorf("changed: %s, then %s", before, after)
	}
}

// onEachDatabase runs test as subtests on SQLite and on PostgreSQL (where
// HEARTH_TEST_POSTGRES_URL names one).
func onEachDatabase(t *testing.T, test func(t *testing.T, d string)) {
	t.Helper()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { test(t, d) })
	}
}

// decodeInto reads a JSON answer, failing the test if it is not one.
func decodeInto[T any](t *testing.T, body string) T {
	t.Helper()
	var out T
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("decode %T: %v in %s", out, err, body)
	}
	return out
}

// ifMatchRequest is a same-origin JSON request from a signed-in browser,
// made from version etag.
func ifMatchRequest(method, path, body, etag string) *http.Request {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("If-Match", etag)
	return req
}
