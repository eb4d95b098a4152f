package server

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
	on       civil.Date
	policy   compliance.Policy
	filter   registry.DueFilter
	statuses []compliance.Status
	after    *registry.DuePosition
	limit    int
}

// dueStatuses are the statuses a list can ask for.
var dueStatuses = []compliance.Status{compliance.Overdue, compliance.DueSoon, compliance.OK}

// parseDueQuery reads and checks the filters, naming every parameter that
// is wrong; a parameter it does not know is an error too, so a misspelt
// filter never quietly shows the whole service. list says whether the
// paging and status parameters apply.
func (s *Server) parseDueQuery(c fiber.Ctx, list bool) (dueQuery, error) {
	q := dueQuery{}
	fields := map[string]string{}
	known := []string{"on", "ssw_id", "kind"}
	if list {
		known = append(known, "status", "limit", "cursor")
	}
	onlyParams(c, fields, known...)
	var err error
	if q.on, err = parseOn(c); err != nil {
		fields["on"] = err.Error()
	}
	if msg, err := s.parseSSW(c, &q.filter); err != nil {
		return q, err
	} else if msg != "" {
		fields["ssw_id"] = msg
	}
	for _, k := range splitList(c.Query("kind")) {
		kind, ok := compliance.ParseKind(k)
		if !ok {
			fields["kind"] = "kind must be one or more of " + strings.Join(kindNames(), ", ")
			break
		}
		q.filter.Kinds = append(q.filter.Kinds, kind)
	}
	if list {
		parseListParams(c, &q, fields)
	}
	if len(fields) > 0 {
		return q, filterProblem(fields)
	}
	q.statuses = statusesAsked(c)
	q.policy, err = registry.CompliancePolicy(c.Context(), s.store.Client)
	return q, err
}

// parseSSW reads ssw_id: a supervising social worker's account, or "none"
// for households nobody supervises. It returns what is wrong, if anything.
func (s *Server) parseSSW(c fiber.Ctx, f *registry.DueFilter) (string, error) {
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
	exists, err := registry.IsTeamMember(c.Context(), s.store.Client, id)
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
	for _, st := range splitList(c.Query("status")) {
		if !slices.Contains(dueStatuses, compliance.Status(st)) {
			fields["status"] = "status must be one or more of overdue, due_soon, ok"
		}
	}
	var after *datedPosition
	q.limit, after = readDatedPage(c, fields)
	if after != nil {
		q.after = &registry.DuePosition{DueOn: after.on, ID: after.id}
	}
}

// statusesAsked are the statuses asked for, overdue and due soon by
// default: what needs doing now.
func statusesAsked(c fiber.Ctx) []compliance.Status {
	asked := splitList(c.Query("status"))
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

// parseOn reads the day to look from: today in England unless on is given,
// so a manager can ask what will be overdue by the end of the month.
func parseOn(c fiber.Ctx) (civil.Date, error) {
	v := c.Query("on")
	if v == "" {
		return today(), nil
	}
	d, err := civil.Parse(v)
	if err != nil || d.Year() < 1900 || d.Year() > 2200 {
		return civil.Date{}, fmt.Errorf("on must be a date in the form 2026-03-14")
	}
	return d, nil
}

// formatCursor writes where a page of due items ends, as every dated list
// writes its cursor.
func formatCursor(p *registry.DuePosition) string {
	if p == nil {
		return ""
	}
	return datedPosition{on: p.DueOn, id: p.ID}.String()
}

func splitList(v string) []string {
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
