package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// TestSignInPagesSitInTheirColumn opens the sign-in page, signed out, on a
// phone and on a desktop. Its form sits in the two-thirds column of the
// GOV.UK grid: on a phone clear of the screen's edge, on a desktop no
// wider than two thirds of the page. The sign-in, code, password and
// second-factor pages once named a class the grid does not have, so on a
// phone their text touched the edge and on a desktop the inputs ran the
// page's whole width.
func TestSignInPagesSitInTheirColumn(t *testing.T) {
	t.Parallel()
	svc := newUIService(t)
	for _, width := range []int{375, 1280} {
		ctx := svc.browse(t, width, 900)
		svc.open(t, ctx, "/sign-in")
		checkAccessibility(t, ctx, fmt.Sprintf("sign in at %d px", width))
		svc.screenshot(t, ctx, fmt.Sprintf("sign-in-%d", width))
		left := get(t, ctx, chromedp.Evaluate[float64](`document.querySelector("#email").getBoundingClientRect().left`))
		input := get(t, ctx, chromedp.Evaluate[float64](`document.querySelector("#email").getBoundingClientRect().width`))
		page := get(t, ctx, chromedp.Evaluate[float64](`document.querySelector("main").getBoundingClientRect().width`))
		if left < 15 {
			t.Errorf("at %d px the email box starts %.0f px from the screen's edge, want at least 15", width, left)
		}
		if width > 640 && input > page*2/3+1 {
			t.Errorf("at %d px the email box is %.0f px wide in a page of %.0f: wider than the two-thirds column", width, input, page)
		}
	}
}

// TestArrangeAPanelInTheBrowser arranges a panel in Chromium as a manager:
// the form sent empty names its problems (axe on that page too), then
// filled in it leads to the panel's page with a banner saying what comes
// next; axe and screenshots at desktop and phone widths.
func TestArrangeAPanelInTheBrowser(t *testing.T) {
	t.Parallel()
	svc := newUIService(t)
	manager := svc.st.Client.User.Query().Where(user.RoleEQ(user.RoleManager), user.EmailHasSuffix("@hearth.example")).FirstX(t.Context())
	chair := svc.st.Client.User.Query().Where(user.RoleEQ(user.RolePanelMember), user.Active(true)).FirstX(t.Context())
	withItems := svc.st.Client.Panel.Query().Where(panel.HasItems()).FirstX(t.Context())
	ctx := svc.browse(t, 1280, 900)
	svc.signIn(t, ctx, manager.Email, true)
	for _, width := range []int{1280, 375} {
		run(t, ctx, chromedp.EmulateViewport(int64(width), 900))
		// A manager's agenda, with its buttons to order it.
		svc.open(t, ctx, fmt.Sprintf("/panels/%d", withItems.ID))
		checkAccessibility(t, ctx, fmt.Sprintf("a manager's agenda at %d px", width))
		svc.open(t, ctx, "/panels")
		clickAndLoad(t, ctx, `a[href="/panels/new"]`)
		checkAccessibility(t, ctx, fmt.Sprintf("arrange a panel at %d px", width))
		clickAndLoad(t, ctx, `main button[type="submit"]`)
		if n := get(t, ctx, chromedpCount(".govuk-error-summary li")); n != 2 {
			t.Errorf("at %d px the empty form's summary names %d problems, want the name and the date: %q", width, n, text(t, ctx, ".govuk-error-summary"))
		}
		checkAccessibility(t, ctx, fmt.Sprintf("arrange a panel with problems at %d px", width))
		svc.screenshot(t, ctx, fmt.Sprintf("panel-form-problems-%d", width))
		next := httpx.Today().AddDays(40)
		run(t, ctx, chromedp.SendKeys(chromedp.ID("name"), fmt.Sprintf("Fostering panel %d", width)),
			chromedp.SendKeys(chromedp.ID("meets_on-day"), fmt.Sprint(next.Day())),
			chromedp.SendKeys(chromedp.ID("meets_on-month"), fmt.Sprint(int(next.Month()))),
			chromedp.SendKeys(chromedp.ID("meets_on-year"), fmt.Sprint(next.Year())),
			chromedp.SetValue(chromedp.ID("chair_id"), fmt.Sprint(chair.ID)),
			chromedp.Click(chromedp.ID(fmt.Sprintf("member_ids-%d", chair.ID))))
		clickAndLoad(t, ctx, `main button[type="submit"]`)
		if got := text(t, ctx, "main"); !strings.Contains(got, "Panel arranged") || !strings.Contains(got, chair.Name) {
			t.Errorf("at %d px the new panel's page says %.300q", width, got)
		}
		checkAccessibility(t, ctx, fmt.Sprintf("the arranged panel at %d px", width))
		svc.screenshot(t, ctx, fmt.Sprintf("panel-arranged-%d", width))
	}
}

// TestWideTablesScrollInsideThePage opens the course catalogue and a
// household's page on a phone: their wide tables scroll within their own
// keyboard-reachable region, so the page itself never runs off the
// screen's edge (the catalogue's last column was cut off at 375 px).
func TestWideTablesScrollInsideThePage(t *testing.T) {
	t.Parallel()
	svc := newUIService(t)
	admin := svc.st.Client.User.Query().Where(user.RoleEQ(user.RoleAdmin), user.EmailHasSuffix("@hearth.example")).FirstX(t.Context())
	h := svc.st.Client.Household.Query().Where(household.HasCarers()).FirstX(t.Context())
	ctx := svc.browse(t, 375, 900)
	svc.signIn(t, ctx, admin.Email, true)
	for _, path := range []string{"/training/courses", fmt.Sprintf("/households/%d", h.ID)} {
		svc.open(t, ctx, path)
		page := get(t, ctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
		if page > 376 {
			wide := get(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 376 && !e.closest(".hearth-scroll") && ![...e.children].some(k => k.getBoundingClientRect().right > 376)).slice(0, 5).map(e => e.tagName + "." + e.className + ":" + (e.textContent||"").trim().slice(0,40) + ":" + Math.round(e.getBoundingClientRect().right)).join(" | ")`))
			t.Errorf("%s at 375 px is %.0f px wide: a table runs off the screen (%s)", path, page, wide)
		}
		checkAccessibility(t, ctx, path+" at 375 px")
	}
}
