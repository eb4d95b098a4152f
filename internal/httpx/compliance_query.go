package httpx

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/registry"
)

// dueQuery is the service-wide view's filters, read from the query string.
type dueQuery struct {
	On       civil.Date
	Policy   compliance.Policy
	Filter   registry.DueFilter
	Statuses []compliance.Status
	After    *registry.DuePosition
	Limit    int
}

// dueStatuses are the statuses a list can ask for.
var dueStatuses = []compliance.Status{compliance.Overdue, compliance.DueSoon, compliance.OK}

// ParseDueQuery reads and checks the filters, naming every parameter that
// is wrong; a parameter it does not know is an error too, so a misspelt
// filter never quietly shows the whole service. list says whether the
// paging and status parameters apply.
func (s *Env) ParseDueQuery(c fiber.Ctx, list bool) (dueQuery, error) {
	q := dueQuery{}
	fields := map[string]string{}
	known := []string{"on", "ssw_id", "kind"}
	if list {
		known = append(known, "status", "limit", "cursor")
	}
	OnlyParams(c, fields, known...)
	var err error
	if q.On, err = ParseOn(c); err != nil {
		fields["on"] = err.Error()
	}
	if msg, err := s.parseSSW(c, &q.Filter); err != nil {
		return q, err
	} else if msg != "" {
		fields["ssw_id"] = msg
	}
	for _, k := range SplitList(c.Query("kind")) {
		kind, ok := compliance.ParseKind(k)
		if !ok {
			fields["kind"] = "kind must be one or more of " + strings.Join(kindNames(), ", ")
			break
		}
		q.Filter.Kinds = append(q.Filter.Kinds, kind)
	}
	if list {
		parseListParams(c, &q, fields)
	}
	if len(fields) > 0 {
		return q, FilterProblem(fields)
	}
	q.Statuses = statusesAsked(c)
	q.Policy, err = registry.CompliancePolicy(c.Context(), s.Store.Client)
	return q, err
}

// parseSSW reads ssw_id: a supervising social worker's account, or "none"
// for households nobody supervises. It returns what is wrong, if anything.
func (s *Env) parseSSW(c fiber.Ctx, f *registry.DueFilter) (string, error) {
	v := c.Query("ssw_id")
	switch v {
	case "":
		return "", nil
	case "none":
		f.Unassigned = true
		return "", nil
	}
	id, err := strconv.Atoi(v)
	if err != nil || id < 1 {
		return `ssw_id must be the id of a supervising social worker, or "none"`, nil
	}
	// Only a known member of staff can supervise a household: an unknown id
	// is a mistake to report, not an empty list.
	exists, err := registry.IsTeamMember(c.Context(), s.Store.Client, id)
	if err != nil {
		return "", err
	}
	if !exists {
		return fmt.Sprintf("ssw_id %d is not a member of the fostering team", id), nil
	}
	f.SSWID = id
	return "", nil
}

func parseListParams(c fiber.Ctx, q *dueQuery, fields map[string]string) {
	for _, st := range SplitList(c.Query("status")) {
		if !slices.Contains(dueStatuses, compliance.Status(st)) {
			fields["status"] = "status must be one or more of overdue, due_soon, ok"
		}
	}
	var after *DatedPosition
	q.Limit, after = ReadDatedPage(c, fields)
	if after != nil {
		q.After = &registry.DuePosition{DueOn: after.On, ID: after.ID}
	}
}

// statusesAsked are the statuses asked for, overdue and due soon by
// default: what needs doing now.
func statusesAsked(c fiber.Ctx) []compliance.Status {
	asked := SplitList(c.Query("status"))
	if len(asked) == 0 {
		return []compliance.Status{compliance.Overdue, compliance.DueSoon}
	}
	var out []compliance.Status
	for _, st := range dueStatuses {
		if slices.Contains(asked, string(st)) {
			out = append(out, st)
		}
	}
	return out
}

// ParseOn reads the day to look from: today in England unless on is given,
// so a manager can ask what will be overdue by the end of the month.
func ParseOn(c fiber.Ctx) (civil.Date, error) {
	v := c.Query("on")
	if v == "" {
		return Today(), nil
	}
	d, err := civil.Parse(v)
	if err != nil || d.Year() < 1900 || d.Year() > 2200 {
		return civil.Date{}, fmt.Errorf("on must be a date in the form 2026-03-14")
	}
	return d, nil
}

// FormatCursor writes where a page of due items ends, as every dated list
// writes its cursor.
func FormatCursor(p *registry.DuePosition) string {
	if p == nil {
		return ""
	}
	return DatedPosition{On: p.DueOn, ID: p.ID}.String()
}

func SplitList(v string) []string {
	var out []string
	for part := range strings.SplitSeq(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func kindNames() []string {
	out := make([]string, len(compliance.Kinds))
	for i, k := range compliance.Kinds {
		out[i] = string(k)
	}
	return out
}
