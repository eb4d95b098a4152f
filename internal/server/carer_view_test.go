package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// jointHousehold is a household of two carers, Zoë (signed in) and
// Bartholomew, and an adult son, each with their own health assessment or
// DBS check, as the tests of what a carer may see set it up.
type jointHousehold struct {
	client                            *ent.Client
	zoe                               *browser
	household, me, coCarer, member    int
	myHealth, myDBS                   int
	coCarerHealth, coCarerDBS, review int
	memberDBS, myTraining, coTraining int
}

// What only the co-carer's and the son's records hold: none of it may
// reach Zoë by any route.
const (
	coCarerOpinion     = "Bartholomew's heart condition is well managed"
	coCarerCertificate = "300000004242"
	coCarerEvidence    = "Certificate seen after Bartholomew's surgery"
	memberCertificate  = "300000005353"
	// Zoë's own checks are clear; only the others' disclosed anything.
	disclosed = "information_disclosed"
)

func newJointHousehold(t *testing.T, d string) jointHousehold {
	t.Helper()
	s, st, _ := testServerOn(t, d)
	u := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	f := jointHousehold{client: st.Client}
	ctx := t.Context()
	on := civil.MustParse("2025-05-05")
	pfa := mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
	storetest.Write(t, st.Client, func(tx *ent.Client) error {
		f.household = tx.Household.Create().SetReference("FH-0500").SetAddressLine1("1 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus(household.StatusApproved).SetApprovedOn(civil.MustParse("2020-01-06")).SaveX(ctx).ID
		f.me = tx.Carer.Create().SetHouseholdID(f.household).SetFirstName("Zoë").SetLastName("Quince").SetUserID(u.ID).SaveX(ctx).ID
		f.coCarer = tx.Carer.Create().SetHouseholdID(f.household).SetFirstName("Bartholomew").SetLastName("Quince").SaveX(ctx).ID
		f.member = tx.HouseholdMember.Create().SetHouseholdID(f.household).SetFirstName("Wilhelmina").SetLastName("Quince").
			SetRelationship("adult_child").SetDateOfBirth(civil.MustParse("2000-02-02")).SaveX(ctx).ID
		f.myHealth = tx.HealthAssessment.Create().SetCarerID(f.me).SetKind("renewal").SetAssessedOn(on).
			SetMedicalAdviser("Dr Ngozi Àdìgún").SetAdviserOpinion("Zoë is fit to foster.").SetOutcome("fit").SaveX(ctx).ID
		f.coCarerHealth = tx.HealthAssessment.Create().SetCarerID(f.coCarer).SetKind("renewal").SetAssessedOn(on).
			SetMedicalAdviser("Dr Ngozi Àdìgún").SetAdviserOpinion(coCarerOpinion).SetOutcome("fit_with_conditions").SaveX(ctx).ID
		f.myDBS = tx.DBSCheck.Create().SetCarerID(f.me).SetCertificateNumber("300000006464").SetIssuedOn(on).
			SetOutcome("clear").SaveX(ctx).ID
		f.coCarerDBS = tx.DBSCheck.Create().SetCarerID(f.coCarer).SetCertificateNumber(coCarerCertificate).SetIssuedOn(on).
			SetOutcome(disclosed).SaveX(ctx).ID
		f.memberDBS = tx.DBSCheck.Create().SetHouseholdMemberID(f.member).SetCertificateNumber(memberCertificate).SetIssuedOn(on).
			SetOutcome(disclosed).SaveX(ctx).ID
		f.myTraining = tx.TrainingRecord.Create().SetCarerID(f.me).SetCourseID(pfa.ID).SetCompletedOn(on).
			SetEvidence("Zoë's certificate").SaveX(ctx).ID
		f.coTraining = tx.TrainingRecord.Create().SetCarerID(f.coCarer).SetCourseID(pfa.ID).SetCompletedOn(on).
			SetEvidence(coCarerEvidence).SaveX(ctx).ID
		f.review = tx.Review.Create().SetHouseholdID(f.household).SetKind("annual").SetDueOn(civil.MustParse("2026-03-14")).
			SetStatus("gathering_views").SaveX(ctx).ID
		return nil
	})
	f.zoe = newBrowser(t, s)
	f.zoe.signIn("zoe@example.net", testPassword)
	return f
}

// feed turns on Zoë's calendar feed and reads it.
func (f jointHousehold) feed(t *testing.T) (*http.Response, string) {
	t.Helper()
	_, page := f.zoe.post("/account/calendar", url.Values{})
	m := feedAddress.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no feed address shown")
	}
	return f.zoe.get(m[1])
}

// TestCarerSeesOnlyTheirOwnHealthAndDBS asks, as a carer, for everything
// Hearth shows a carer: the co-carer's and an adult son's health
// assessments, DBS checks and training records are answered 404 by the
// API and left off "My household", the home page and the calendar feed;
// the subject access bundle and review packs are not a carer's to
// download; the carer's own assessment (with the adviser's opinion), DBS
// check and training stay theirs to read, and the co-carer's and son's
// names theirs to see. No answer to the carer holds the others' opinion,
// training evidence, certificate numbers or outcomes.
func TestCarerSeesOnlyTheirOwnHealthAndDBS(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		f := newJointHousehold(t, d)
		// The dates a carer must not be shown are there for staff.
		_, items, _, err := registry.HouseholdCompliance(t.Context(), f.client, f.household)
		if err != nil {
			t.Fatal(err)
		}
		staffSee := map[string]bool{}
		for _, it := range items {
			staffSee[fmt.Sprintf("%s %s %d", it.Kind, it.Subject.Kind, it.Subject.ID)] = true
		}
		for _, want := range []string{fmt.Sprintf("health_assessment carer %d", f.coCarer), fmt.Sprintf("dbs_check carer %d", f.coCarer),
			fmt.Sprintf("dbs_check member %d", f.member), fmt.Sprintf("unannounced_visit household %d", f.household)} {
			if !staffSee[want] {
				t.Fatalf("the household has no %s item for staff, so the test shows nothing: %v", want, staffSee)
			}
		}
		dueTitles := func(names ...string) []string {
			var out []string
			for _, n := range names {
				out = append(out, "Health assessment — "+n, "DBS check — "+n)
			}
			return out
		}
		for _, tc := range []struct {
			name   string
			get    func() (*http.Response, string)
			status int
			// shows and hides are read in the answer's text (a page's
			// without its tags).
			shows, hides []string
		}{
			{"CoCarerHealthList", f.path("/api/v1/carers/%d/health-assessments", f.coCarer), 404, nil, nil},
			{"CoCarerHealthShow", f.path("/api/v1/health-assessments/%d", f.coCarerHealth), 404, nil, nil},
			{"CoCarerDBSList", f.path("/api/v1/carers/%d/dbs-checks", f.coCarer), 404, nil, nil},
			{"CoCarerDBSShow", f.path("/api/v1/dbs-checks/%d", f.coCarerDBS), 404, nil, nil},
			{"MemberDBSList", f.path("/api/v1/members/%d/dbs-checks", f.member), 404, nil, nil},
			{"MemberDBSShow", f.path("/api/v1/dbs-checks/%d", f.memberDBS), 404, nil, nil},
			{"CoCarerTrainingList", f.path("/api/v1/carers/%d/training", f.coCarer), 404, nil, nil},
			{"CoCarerTrainingShow", f.path("/api/v1/training/%d", f.coTraining), 404, nil, nil},
			{"CoCarerSubjectAccess", f.path("/api/v1/carers/%d/subject-access", f.coCarer), 403, nil, nil},
			{"OwnSubjectAccess", f.path("/api/v1/carers/%d/subject-access", f.me), 403, nil, nil},
			{"ReviewPack", f.path("/api/v1/reviews/%d/pack", f.review), 403, nil, nil},
			{"CoCarerRecord", f.path("/api/v1/carers/%d", f.coCarer), 200, []string{"Bartholomew"}, nil},
			{"MemberRecord", f.path("/api/v1/members/%d", f.member), 200, []string{"Wilhelmina"}, nil},
			{"MyHousehold", f.path("/my/household"), 200, dueTitles("Zoë Quince"),
				append(dueTitles("Bartholomew Quince", "Wilhelmina Quince"), "nannounced")},
			{"MyTraining", f.path("/"), 200, []string{"My training"}, []string{"Bartholomew", "Wilhelmina"}},
			{"CalendarFeed", func() (*http.Response, string) { return f.feed(t) }, 200,
				[]string{fmt.Sprintf("-carer-%d-", f.me)},
				[]string{fmt.Sprintf("-carer-%d-", f.coCarer), fmt.Sprintf("-member-%d-", f.member), "nannounced"}},
			{"OwnHealthList", f.path("/api/v1/carers/%d/health-assessments", f.me), 200, []string{"Zoë is fit to foster."}, nil},
			{"OwnHealthShow", f.path("/api/v1/health-assessments/%d", f.myHealth), 200, []string{"Zoë is fit to foster."}, nil},
			{"OwnDBSList", f.path("/api/v1/carers/%d/dbs-checks", f.me), 200, []string{"********6464"}, nil},
			{"OwnTrainingList", f.path("/api/v1/carers/%d/training", f.me), 200, []string{"Zoë's certificate"}, nil},
			{"OwnTrainingShow", f.path("/api/v1/training/%d", f.myTraining), 200, []string{"Zoë's certificate"}, nil},
			{"OwnDBSShow", f.path("/api/v1/dbs-checks/%d", f.myDBS), 200, []string{"********6464", `"outcome":"clear"`}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				resp, body := tc.get()
				if resp.StatusCode != tc.status {
					t.Errorf("%d %.300s, want %d", resp.StatusCode, body, tc.status)
				}
				text := body
				if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
					text = pageText(t, body)
				}
				for _, never := range append([]string{coCarerOpinion, coCarerEvidence, coCarerCertificate[8:], memberCertificate[8:], disclosed}, tc.hides...) {
					if strings.Contains(text, never) {
						t.Errorf("the answer shows %q", never)
					}
				}
				for _, want := range tc.shows {
					if !strings.Contains(text, want) {
						t.Errorf("the answer does not show %q: %.500s", want, text)
					}
				}
			})
		}
	})
}

// path is a GET of the formatted path as Zoë.
func (f jointHousehold) path(format string, args ...any) func() (*http.Response, string) {
	return func() (*http.Response, string) { return f.zoe.get(fmt.Sprintf(format, args...)) }
}
