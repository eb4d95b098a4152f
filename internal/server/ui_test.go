package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestCarerChecksTrainingOnAPhone signs a carer in on a phone-sized window:
// "My training" lists exactly their completed courses, with the expired
// ones marked, and what they must do next with its reason; "My household"
// shows their dates; another household's record is not found by any route.
func TestCarerChecksTrainingOnAPhone(t *testing.T) {
	t.Parallel()
	svc := newUIService(t)
	ctx := svc.browse(t, 390, 844)
	me := svc.st.Client.Carer.Query().Where(carer.UserIDNotNil()).WithUser().WithHousehold().
		Order(ent.Asc(carer.FieldID)).FirstX(t.Context())
	records := svc.st.Client.TrainingRecord.Query().Where(trainingrecord.CarerID(me.ID)).WithCourse().AllX(t.Context())
	svc.open(t, ctx, "/sign-in")
	checkAccessibility(t, ctx, "sign in")
	svc.signIn(t, ctx, me.Edges.User.Email, false)

	if h1 := text(t, ctx, "h1"); h1 != "My training" {
		t.Fatalf("a carer lands on %q, want My training", h1)
	}
	page := text(t, ctx, "main")
	// The latest completion of each course is what stands.
	latest := map[int]*ent.TrainingRecord{}
	for _, r := range records {
		if l := latest[r.CourseID]; l == nil || r.CompletedOn.After(l.CompletedOn) {
			latest[r.CourseID] = r
		}
	}
	expired := 0
	for _, r := range latest {
		if !strings.Contains(page, r.Edges.Course.Title) {
			t.Errorf("My training lacks %q", r.Edges.Course.Title)
		}
		if r.ExpiresOn != nil && r.ExpiresOn.Before(httpx.Today()) {
			expired++
		}
	}
	rows := get(t, ctx, chromedpCount("main table tbody tr"))
	if rows != len(latest) || len(latest) == 0 {
		t.Errorf("%d courses shown as done, want the carer's %d", rows, len(latest))
	}
	if tags := strings.Count(page, "Expired"); tags != expired {
		t.Errorf("%d courses marked expired, want %d", tags, expired)
	}
	checkAccessibility(t, ctx, "My training")
	svc.screenshot(t, ctx, "carer-training")

	svc.open(t, ctx, "/my/household")
	if got := text(t, ctx, "main"); !strings.Contains(got, me.Edges.Household.Reference) || strings.Contains(got, "Unannounced") {
		t.Errorf("My household: %.300q", got)
	}
	checkAccessibility(t, ctx, "My household")
	svc.open(t, ctx, "/my/views")
	checkAccessibility(t, ctx, "My views")

	other := svc.st.Client.Household.Query().Where(household.IDNEQ(me.HouseholdID)).FirstIDX(t.Context())
	for _, path := range []string{fmt.Sprintf("/api/v1/households/%d", other), fmt.Sprintf("/api/v1/households/%d/carers", other)} {
		if got := fetchStatus(t, ctx, path); !strings.HasPrefix(got, "404") {
			t.Errorf("a carer fetching %s: %s, want 404", path, got)
		}
	}
	if got := fetchStatus(t, ctx, fmt.Sprintf("/households/%d", other)); !strings.HasPrefix(got, "403") {
		t.Errorf("a carer opening another household's page: %s, want 403", got)
	}
}

// TestPanelMemberDownloadsPacks signs a panel member in: "My panels" lists
// the panels they sit on; on one, each item's pack downloads as a PDF and
// the whole agenda as a ZIP; a panel they do not sit on, and its packs,
// are not found.
func TestPanelMemberDownloadsPacks(t *testing.T) {
	t.Parallel()
	svc := newUIService(t)
	ctx := svc.browse(t, 1280, 900)
	member := svc.st.Client.User.Query().Where(user.RoleEQ(user.RolePanelMember), user.EmailHasSuffix("@hearth.example")).
		Order(ent.Asc(user.FieldID)).FirstX(t.Context())
	mine := svc.st.Client.Panel.Query().Where(panel.HasMembersWith(user.ID(member.ID)), panel.HasItems(), panel.MeetsOnGTE(httpx.Today())).
		Order(ent.Asc(panel.FieldMeetsOn)).FirstX(t.Context())
	var elsewhere, elsewhereReview int
	storetest.Write(t, svc.st.Client, func(tx *ent.Client) error {
		r := tx.Review.Query().Where(review.StatusEQ(review.StatusScheduled)).FirstX(t.Context())
		p := tx.Panel.Create().SetName("A panel the member does not sit on").SetMeetsOn(httpx.Today().AddDays(40)).SaveX(t.Context())
		tx.PanelItem.Create().SetPanelID(p.ID).SetReviewID(r.ID).ExecX(t.Context())
		elsewhere, elsewhereReview = p.ID, r.ID
		return nil
	})
	svc.signIn(t, ctx, member.Email, true)
	if h1 := text(t, ctx, "h1"); h1 != "My panels" {
		t.Fatalf("a panel member lands on %q, want My panels", h1)
	}
	if page := text(t, ctx, "main"); !strings.Contains(page, mine.Name) || strings.Contains(page, "does not sit on") {
		t.Errorf("My panels: %.400q", page)
	}
	checkAccessibility(t, ctx, "My panels")
	svc.screenshot(t, ctx, "my-panels")
	svc.open(t, ctx, fmt.Sprintf("/panels/%d", mine.ID))
	checkAccessibility(t, ctx, "panel agenda")
	svc.screenshot(t, ctx, "panel-agenda")
	links := get(t, ctx, chromedpAttrs(`a[href$="/pack"]`, "href"))
	if len(links) == 0 {
		t.Fatal("no pack to download on the agenda")
	}
	for _, href := range links {
		if got := fetchStatus(t, ctx, href); got != "200 application/pdf" {
			t.Errorf("%s: %s, want a PDF", href, got)
		}
	}
	if got := fetchStatus(t, ctx, fmt.Sprintf("/api/v1/panels/%d/packs", mine.ID)); got != "200 application/zip" {
		t.Errorf("the agenda's bundle: %s, want a ZIP", got)
	}
	for _, path := range []string{fmt.Sprintf("/api/v1/reviews/%d/pack", elsewhereReview), fmt.Sprintf("/api/v1/panels/%d/packs", elsewhere),
		fmt.Sprintf("/panels/%d", elsewhere)} {
		if got := fetchStatus(t, ctx, path); !strings.HasPrefix(got, "404") {
			t.Errorf("%s for a panel the member does not sit on: %s, want 404", path, got)
		}
	}
}

// TestAdminPagesAreAccessible signs an administrator in and checks the
// pages only staff reach — users, the audit trail, households, panels, the
// record forms — with axe-core.
func TestAdminPagesAreAccessible(t *testing.T) {
	t.Parallel()
	svc := newUIService(t)
	ctx := svc.browse(t, 1280, 900)
	admin := svc.st.Client.User.Query().Where(user.RoleEQ(user.RoleAdmin), user.EmailHasSuffix("@hearth.example")).FirstX(t.Context())
	svc.signIn(t, ctx, admin.Email, true)
	h := svc.st.Client.Household.Query().FirstIDX(t.Context())
	// A token issued by the admin and one by the command line, so that the
	// tokens page shows its issuer, expiry and last-use columns filled.
	for _, issuer := range []*ent.User{admin, nil} {
		if _, _, err := auth.CreateToken(t.Context(), svc.st.Client, registry.System("test"),
			auth.NewToken{Name: "Nightly export to the data warehouse", Role: "manager", Issuer: issuer}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	for _, path := range []string{"/admin/users", "/admin/audit", "/households", "/panels", "/account/password", "/training", "/training/courses", "/admin/tokens", "/admin/policy",
		fmt.Sprintf("/households/%d/add/training", h), fmt.Sprintf("/households/%d/add/dbs", h),
		fmt.Sprintf("/households/%d/edit", h), "/households/new", "/households/import", "/account/calendar", "/sign-in/code"} {
		svc.open(t, ctx, path)
		checkAccessibility(t, ctx, path)
		if path == "/admin/tokens" {
			svc.screenshot(t, ctx, "admin-tokens")
		}
	}
	svc.open(t, ctx, "/households?sort=-approved_on")
	checkAccessibility(t, ctx, "households by approval date")
	svc.screenshot(t, ctx, "households")
}

// TestRecalculationBannerIsAccessible changes a setting that moves every
// household's DBS dates and, while the recalculation waits to run, opens
// the pages that show its banner, at desktop and phone widths, through
// axe.
func TestRecalculationBannerIsAccessible(t *testing.T) {
	t.Parallel()
	svc := newUIService(t)
	p, err := registry.Policy(t.Context(), svc.st.Client)
	if err != nil {
		t.Fatal(err)
	}
	p.DBSRenewalMonths++
	if _, err := registry.UpdatePolicy(t.Context(), svc.st.Client, registry.System("test"), p); err != nil {
		t.Fatal(err)
	}
	admin := svc.st.Client.User.Query().Where(user.RoleEQ(user.RoleAdmin), user.EmailHasSuffix("@hearth.example")).FirstX(t.Context())
	// One sign-in, the window narrowed for the phone: signing in again
	// would reuse the second-factor code, which Hearth refuses.
	ctx := svc.browse(t, 1280, 900)
	svc.signIn(t, ctx, admin.Email, true)
	for _, width := range []int{1280, 375} {
		run(t, ctx, chromedp.EmulateViewport(int64(width), 900))
		for _, path := range []string{"/", "/admin/policy", "/training/courses"} {
			svc.open(t, ctx, path)
			if got := text(t, ctx, "body"); !strings.Contains(got, "being recalculated") {
				t.Fatalf("%s at %d px does not say the due dates are being recalculated", path, width)
			}
			checkAccessibility(t, ctx, fmt.Sprintf("%s at %d px, recalculating", path, width))
		}
		svc.screenshot(t, ctx, fmt.Sprintf("recalculating-%d", width))
	}
}
