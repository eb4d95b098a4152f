package httpx

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/registry"
)

// parseAuditQuery reads the filters, naming every parameter that is wrong.
// limit is the page's length: the filter asks for one more, to know
// whether another page follows.
func parseAuditQuery(c fiber.Ctx) (f registry.TrailFilter, limit int, err error) {
	limit = 50
	fields := map[string]string{}
	whole := func(name string, set func(int)) {
		if v := c.Query(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				fields[name] = name + " must be a whole number of 1 or more"
				return
			}
			set(n)
		}
	}
	when := func(name string, set func(time.Time)) {
		if v := c.Query(name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				d, derr := time.ParseInLocation(time.DateOnly, v, time.UTC)
				if derr != nil {
					fields[name] = name + " must be a date (2026-03-14) or a time (2026-03-14T09:30:00Z)"
					return
				}
				t = d
			}
			set(t)
		}
	}
	f.Entity = c.Query("entity")
	if v := c.Query("action"); v != "" {
		if auditevent.ActionValidator(auditevent.Action(v)) != nil {
			fields["action"] = "action must be one of " + strings.Join(AuditActions(), ", ")
		} else {
			f.Action = auditevent.Action(v)
		}
	}
	whole("entity_id", func(n int) { f.EntityID = n })
	whole("actor_id", func(n int) { f.ActorID = n })
	whole("limit", func(n int) { limit = n })
	whole("cursor", func(n int) { f.Before = n })
	when("from", func(t time.Time) { f.From = t })
	when("to", func(t time.Time) { f.To = t })
	if limit > 200 {
		fields["limit"] = "limit must be 200 or fewer"
	}
	f.Limit = limit + 1
	return f, limit, FilterProblem(fields)
}

func AuditActions() []string {
	var out []string
	for _, a := range []auditevent.Action{auditevent.ActionCreate, auditevent.ActionUpdate, auditevent.ActionDelete,
		auditevent.ActionArchive, auditevent.ActionRestore, auditevent.ActionView, auditevent.ActionDownload,
		auditevent.ActionLogin, auditevent.ActionLoginFailed, auditevent.ActionLogout, auditevent.ActionPurge,
		auditevent.ActionImport, auditevent.ActionExport} {
		out = append(out, string(a))
	}
	return out
}

// AuditPage reads one page of the trail the query string asks for, newest
// first, and the cursor of the next page ("" at the end).
func (s *Env) AuditPage(c fiber.Ctx) ([]*ent.AuditEvent, string, error) {
	f, limit, err := parseAuditQuery(c)
	if err != nil {
		return nil, "", err
	}
	events, err := registry.Trail(c.Context(), s.Store.Client, f)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(events) > limit {
		events = events[:limit]
		next = strconv.Itoa(events[len(events)-1].ID)
	}
	return events, next, nil
}
