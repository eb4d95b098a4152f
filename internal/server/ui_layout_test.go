package server

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
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
