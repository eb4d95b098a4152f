package httpx

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// PageFuncs are the helpers the page templates share.
var PageFuncs = template.FuncMap{
	"statusTag": statusTag,
	"dueIn":     dueIn,
	"words":     Words,
	"longDate":  func(d *civil.Date) string { return orDash(d, civil.Date.Long) },
	"query":     pageQuery,
	"add":       func(a, b int) int { return a + b },
	"itoa":      Itoa,
	"list":      func(v ...string) []string { return v },
	"dict":      dict,
	// lower puts words in the middle of a sentence: "Annual" → "annual".
	"lower": strings.ToLower,
	// has says whether a comma-separated list of answers (the ticked
	// boxes of a checkboxes question) holds v.
	"has":    func(list, v string) bool { return slices.Contains(strings.Split(list, ","), v) },
	"source": func(v any) string { return registry.SourceLabel(contribution.Source(fmt.Sprint(v))) },
}

// statusTag is a compliance status as a GOV.UK tag: red overdue, yellow
// due soon, green on time, grey for what does not apply.
func statusTag(status string) template.HTML {
	label, colour := "Not applicable", "grey"
	switch status {
	case "overdue":
		label, colour = "Overdue", "red"
	case "due_soon":
		label, colour = "Due soon", "yellow"
	case "ok":
		label, colour = "On time", "green"
	case "expired":
		label, colour = "Expired", "red"
	case "current":
		label, colour = "Current", "green"
	}
	return template.HTML(fmt.Sprintf(`<strong class="govuk-tag govuk-tag--%s">%s</strong>`, colour, label)) //nolint:gosec // only the constant words above
}

// dueIn says how far off a date is as people say it: "today", "in 5
// days", "in 3 weeks", "in 4 months", "2 weeks overdue", "over 2 years
// overdue". A count of days past a fortnight is hard to read ("4133 days
// overdue"), so larger spans round down to weeks, months or years.
func dueIn(days *int) string {
	switch {
	case days == nil:
		return ""
	case *days == 0:
		return "today"
	case *days == 1:
		return "tomorrow"
	case *days < 0:
		return span(-*days) + " overdue"
	}
	return "in " + span(*days)
}

// span is a number of days in the largest unit that reads naturally.
func span(days int) string {
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case days < 14:
		return plural(days, "day")
	case days < 61:
		return plural(days/7, "week")
	case days < 365:
		return plural(days/30, "month")
	case days%365 < 30:
		return plural(days/365, "year")
	}
	return "over " + plural(days/365, "year")
}

// Words turns an enum value into words: "gathering_views" → "Gathering views".
func Words(v any) string {
	s := strings.ReplaceAll(fmt.Sprint(v), "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func orDash(d *civil.Date, format func(civil.Date) string) string {
	if d == nil || d.IsZero() {
		return "Not recorded"
	}
	return format(*d)
}

// pageQuery builds a query string from name, value pairs, leaving out
// empty values: {{query "status" .Status "cursor" .Next}}.
func pageQuery(pairs ...string) template.URL {
	var parts []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			parts = append(parts, template.URLQueryEscaper(pairs[i])+"="+template.URLQueryEscaper(pairs[i+1]))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return template.URL("?" + strings.Join(parts, "&")) //nolint:gosec // every name and value is query-escaped, and "?" keeps it a relative query
}

// dict makes a map from name, value pairs, to pass several values to a
// shared template: {{template "date-input" (dict "Name" "meeting" ...)}}.
func dict(pairs ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[fmt.Sprint(pairs[i])] = pairs[i+1]
	}
	return m
}

func Itoa(n int) string { return strconv.Itoa(n) }
