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
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	target := func(k string) (int, string) {
		for i, id := range order {
			if id == k || strings.HasPrefix(id, k+"-") {
				return i, id
			}
		}
		return len(order), k
	}
	slices.SortStableFunc(keys, func(a, b string) int {
		i, _ := target(a)
		j, _ := target(b)
		return i - j
	})
	out := make([]ErrorLink, len(keys))
	for i, k := range keys {
		_, href := target(k)
		out[i] = ErrorLink{Href: href, Message: errs[k]}
	}
	return out
}
