package httpx

import (
	"slices"
	"strings"
)

// ErrorLink is one line of a page's error summary: the problem, and the
// id of the control it takes the person to.
type ErrorLink struct{ Href, Message string }

// errorSummary lists a form's problems in the order its questions are
// asked, as the GOV.UK error summary must, each linking to the control to
// correct: order is the ids of the form's controls in page order, where a
// date names its day box (meeting-day) and radios their first choice
// (recommendation-continue_approval); a problem keyed "meeting" links to
// the first id that is "meeting" or starts "meeting-". Problems with no
// control in order come last, alphabetically, linking to their own key.
func errorSummary(errs map[string]string, order []string) []ErrorLink {
	out := make([]ErrorLink, 0, len(errs))
	place := map[string]int{} // href → where its control is asked
	for k, msg := range errs {
		href, at := k, len(order)
		for i, id := range order {
			if id == k || strings.HasPrefix(id, k+"-") {
				href, at = id, i
				break
			}
		}
		out = append(out, ErrorLink{Href: href, Message: msg})
		place[href] = at
	}
	slices.SortFunc(out, func(a, b ErrorLink) int {
		if c := place[a.Href] - place[b.Href]; c != 0 {
			return c
		}
		return strings.Compare(a.Href, b.Href)
	})
	return out
}
