package registry_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestPurgeLeavesNoPersonalDataInTheAudit records a household's life
// through the registry, so that the audit trail holds its people's names,
// address, dates of birth and visit notes (in creations, changes, views,
// the carer's own account and its actions), then purges it, on both
// databases: no audit entry's label or changes holds any of them
// afterwards, every entry is still there with its action, actor, record
// and time, and another household's entries are untouched.
func TestPurgeLeavesNoPersonalDataInTheAudit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx, client := t.Context(), st.Client
		staff := registry.Actor{Label: "Sam Worker <sam@example.org>"}
		manager := registry.Viewer{Role: user.RoleManager}
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		date := func(s string) *civil.Date { d := civil.MustParse(s); return &d }

		h, err := registry.CreateHousehold(ctx, client, staff, manager, registry.HouseholdFields{
			Reference: "FH-0101", AddressLine1: "17 Larkspur Mews", AddressLine2: "Upper Wexcombe", Town: "Wexcombe",
			Postcode: "TQ9 7ZZ", Phone: "01803 555 019", Email: "quillfeathers@example.net", Status: household.StatusAssessment})
		must(err)
		account, err := auth.CreateUser(ctx, client, staff, auth.NewUser{Email: "araminta@example.net",
			Name: "Araminta Quillfeather", Role: "carer", Password: "cobalt lantern harbour"})
		must(err)
		carer, err := registry.CreateCarer(ctx, client, staff, manager, h.ID, registry.CarerFields{FirstName: "Araminta",
			LastName: "Quillfeather", Email: "araminta@example.net", Phone: "07700 900 417",
			DateOfBirth: date("1971-03-14"), UserID: &account.ID})
		must(err)
		member, err := registry.CreateMember(ctx, client, staff, manager, h.ID, registry.MemberFields{FirstName: "Bartholomew",
			LastName: "Quillfeather", Relationship: householdmember.RelationshipBirthChild, DateOfBirth: date("2009-08-02")})
		must(err)
		_, err = registry.UpdateMember(ctx, client, staff, manager, member.ID, member.Version, registry.MemberFields{
			FirstName: "Barty", LastName: "Quillfeather", Relationship: householdmember.RelationshipBirthChild,
			DateOfBirth: date("2009-08-03")})
		must(err)
		v, err := registry.CreateVisit(ctx, client, staff, manager, h.ID, registry.VisitFields{Kind: visit.KindSupervisory,
			VisitedOn: civil.MustParse("2024-02-01"), Note: "Spoke with Barty about his bereavement counselling"})
		must(err)
		_, err = registry.UpdateVisit(ctx, client, staff, manager, v.ID, v.Version, registry.VisitFields{Kind: visit.KindSupervisory,
			VisitedOn: civil.MustParse("2024-02-01"), Note: "Barty is settling after the bereavement counselling ended"})
		must(err)
		r, err := registry.CreateReview(ctx, client, staff, manager, h.ID, registry.ReviewFields{Kind: review.KindAnnual,
			DueOn: civil.MustParse("2024-04-01"), Status: review.StatusScheduled,
			Report: "Araminta and Barty have settled well at 17 Larkspur Mews"})
		must(err)
		_, err = registry.CreateContribution(ctx, client, staff, manager, r.ID, registry.ContributionFields{
			Source: contribution.SourceCarer, AuthorName: "Araminta Quillfeather", ReceivedOn: civil.MustParse("2024-03-01"),
			Text: "We worry about the move to Wexcombe secondary"})
		must(err)
		_, err = registry.ViewHousehold(ctx, client, staff, manager, h.ID)
		must(err)
		// The carer looking at their own record through the portal: their
		// name is the actor's label.
		self := registry.Actor{UserID: &account.ID, Label: "Araminta Quillfeather <araminta@example.net>"}
		_, err = registry.ViewCarer(ctx, client, self, registry.Viewer{UserID: account.ID, Role: user.RoleCarer}, carer.ID)
		must(err)

		other, err := registry.CreateHousehold(ctx, client, staff, manager, registry.HouseholdFields{
			Reference: "FH-0102", AddressLine1: "3 Harbour Row", Town: "Dartmouth", Postcode: "TQ6 9AB",
			Status: household.StatusAssessment})
		must(err)

		before := client.AuditEvent.Query().AllX(ctx)
		_, err = registry.Purge(ctx, client, registry.System("purge"), registry.PurgeCandidate{HouseholdID: h.ID,
			Reference: "FH-0101", Status: "resigned", EndedOn: civil.MustParse("2014-01-01"), KeptUntil: civil.MustParse("2024-01-01")})
		must(err)

		after := map[int]*ent.AuditEvent{}
		for _, e := range client.AuditEvent.Query().AllX(ctx) {
			after[e.ID] = e
			text := strings.ToLower(e.ActorLabel + " " + mustJSON(t, e.Changes))
			for _, kept := range []string{"Araminta", "Quillfeather", "Bartholomew", "Barty", "17 Larkspur Mews",
				"Upper Wexcombe", "Wexcombe", "TQ9 7ZZ", "01803 555 019", "07700 900 417", "quillfeathers@example.net",
				"araminta@example.net", "1971-03-14", "2009-08-02", "2009-08-03", "bereavement counselling",
				"settling after", "worry about the move"} {
				if strings.Contains(text, strings.ToLower(kept)) {
					t.Errorf("after the purge, audit entry %d (%s %s %v) holds %q: %s", e.ID, e.Action, e.Entity,
						deref(e.EntityID), kept, text)
				}
			}
		}
		if len(after) != len(before)+1 {
			t.Errorf("%d audit entries after the purge, want the %d before and the purge's own", len(after), len(before))
		}
		for _, b := range before {
			a := after[b.ID]
			if a == nil {
				t.Errorf("audit entry %d (%s %s) is gone", b.ID, b.Action, b.Entity)
				continue
			}
			if a.Action != b.Action || deref(a.ActorID) != deref(b.ActorID) || !a.At.Equal(b.At) || a.Entity != b.Entity ||
				deref(a.EntityID) != deref(b.EntityID) || len(a.Changes) != len(b.Changes) || a.RequestID != b.RequestID {
				t.Errorf("audit entry %d was %s by %v on %s %v at %s with fields %v; now %s by %v on %s %v at %s with fields %v",
					b.ID, b.Action, deref(b.ActorID), b.Entity, deref(b.EntityID), b.At.Format(time.RFC3339Nano), keys(b.Changes),
					a.Action, deref(a.ActorID), a.Entity, deref(a.EntityID), a.At.Format(time.RFC3339Nano), keys(a.Changes))
			}
			if b.Entity == "household" && deref(b.EntityID) == other.ID && mustJSON(t, a.Changes) != mustJSON(t, b.Changes) {
				t.Errorf("another household's entry %d changed: %v, was %v", b.ID, a.Changes, b.Changes)
			}
		}
		// Only the purge may rewrite the trail, and nothing may delete from it.
		if err := client.AuditEvent.Update().Where(auditevent.ID(before[0].ID)).
			Modify(func(u *sql.UpdateBuilder) { u.Set(auditevent.FieldActorLabel, "x") }).Exec(ctx); err == nil {
			t.Error("an audit entry was updated outside the purge")
		}
		if _, err := client.AuditEvent.Delete().Exec(schema.RedactingAudit(ctx)); err == nil {
			t.Error("audit entries were deleted while redacting")
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
