package server

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/auditevent"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
)

// TestCarerSeesOnlyTheirOwnHouseholdsPeople shows a carer reading their
// own household's carers and members and their own checks (a member's
// answered 404), and everything of another household answered 404 — by
// id, by guessed ids and in lists — as if it did not exist; and every
// change refused.
func TestCarerSeesOnlyTheirOwnHouseholdsPeople(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, testCarerSeesOnlyTheirOwnHouseholdsPeople)
}

func testCarerSeesOnlyTheirOwnHouseholdsPeople(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	b := newBrowser(t, f.s)
	b.signIn("zoe@example.net", testPassword)
	// A household member's DBS checks are theirs alone, even in the
	// carer's own household (TestCarerSeesOnlyTheirOwnHealthAndDBS).
	memberChecks := []string{fmt.Sprintf("/api/v1/members/%d/dbs-checks", f.own.member), fmt.Sprintf("/api/v1/dbs-checks/%d", f.own.memberDBS)}
	for _, path := range f.own.readPaths() {
		want := http.StatusOK
		if slices.Contains(memberChecks, path) {
			want = http.StatusNotFound
		}
		if resp, body := b.get(path); resp.StatusCode != want {
			t.Errorf("own %s: %d %s, want %d", path, resp.StatusCode, body, want)
		}
	}
	guessed := []string{fmt.Sprintf("/api/v1/carers/%d", f.other.carer+100), fmt.Sprintf("/api/v1/members/%d", f.other.member+100),
		fmt.Sprintf("/api/v1/dbs-checks/%d", f.other.memberDBS+100), fmt.Sprintf("/api/v1/health-assessments/%d", f.other.health+100)}
	for _, path := range append(f.other.readPaths(), guessed...) {
		resp, body := b.get(path)
		if resp.StatusCode != http.StatusNotFound || strings.Contains(body, f.other.reference) || strings.Contains(body, f.other.carerCertificate) {
			t.Errorf("other %s: %d %s", path, resp.StatusCode, body)
		}
	}
	check := getJSON[jsonapi.DBSCheckJSON](t, b, fmt.Sprintf("/api/v1/dbs-checks/%d", f.own.carerDBS))
	if check.CertificateNumber != "********0001" {
		t.Errorf("a carer was shown certificate number %q, want it masked", check.CertificateNumber)
	}
	views := map[string]int{}
	for _, e := range f.st.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionView)).AllX(t.Context()) {
		views[e.Entity]++
		if *e.ActorID != f.carer.ID {
			t.Errorf("view of %s %d audited as by %v", e.Entity, *e.EntityID, *e.ActorID)
		}
	}
	if want := map[string]int{"carer": 1, "household_member": 1, "health_assessment": 1, "dbs_check": 2}; !maps.Equal(views, want) {
		t.Errorf("views audited %v, want %v (one per record shown, none for lists or refusals)", views, want)
	}
	before := registryState(t, f.st.Client)
	for _, w := range append(f.own.writes(), f.other.writes()...) {
		if resp, body := b.do(ifMatchRequest(w.method, w.path, w.body, w.etag())); resp.StatusCode != http.StatusForbidden {
			t.Errorf("carer %s %s: %d %s, want 403", w.method, w.path, resp.StatusCode, body)
		}
	}
	if after := registryState(t, f.st.Client); after != before {
		t.Errorf("refused changes wrote: %s, then %s", before, after)
	}
}

// TestSSWChangesOnlyTheirHouseholdsPeople shows a supervising social worker
// refused every change to the people and checks of a household they do
// not supervise (403: they may read it, not change it), as is a reviewing
// officer everywhere; and making each change in their own household.
func TestSSWChangesOnlyTheirHouseholdsPeople(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, testSSWChangesOnlyTheirHouseholdsPeople)
}

func testSSWChangesOnlyTheirHouseholdsPeople(t *testing.T, d string) {
	f := newPeopleFixture(t, d)
	b := newBrowser(t, f.s)
	b.signIn("ssw@example.org", testPassword)
	officer := newAPIClient(t, f.s, "reviewing_officer")
	before := registryState(t, f.st.Client)
	for _, w := range f.other.writes() {
		if resp, body := b.do(ifMatchRequest(w.method, w.path, w.body, w.etag())); resp.StatusCode != http.StatusForbidden {
			t.Errorf("SSW on another's household %s %s: %d %s, want 403", w.method, w.path, resp.StatusCode, body)
		}
	}
	for _, w := range f.own.writes() {
		if resp, body := officer.send(w.method, w.path, w.body, "If-Match", w.etag()); resp.StatusCode != http.StatusForbidden {
			t.Errorf("reviewing officer %s %s: %d %s, want 403", w.method, w.path, resp.StatusCode, body)
		}
	}
	if after := registryState(t, f.st.Client); after != before {
		t.Errorf("refused changes wrote: %s, then %s", before, after)
	}
	for _, w := range f.own.writes() {
		if resp, body := b.do(ifMatchRequest(w.method, w.path, w.body, w.etag())); resp.StatusCode != w.wants() {
			t.Errorf("SSW on own household %s %s: %d %s, want %d", w.method, w.path, resp.StatusCode, body, w.wants())
		}
	}
}
