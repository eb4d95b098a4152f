package server

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/registry"
)

// auditEventJSON is one audit entry as the API shows it.
type auditEventJSON struct {
	ID            int           `json:"id"`
	At            time.Time     `json:"at"`
	ActorID       *int          `json:"actor_id"`
	Actor         string        `json:"actor"`
	Action        string        `json:"action"`
	Entity        string        `json:"entity"`
	EntityID      *int          `json:"entity_id"`
	Changes       audit.Changes `json:"changes,omitempty"`
	ClientAddress string        `json:"client_address,omitempty"`
	RequestID     string        `json:"request_id,omitempty"`
	// ProxyRequestID is the trusted proxy's id for the request, if it
	// sent one of a safe shape.
	ProxyRequestID string `json:"proxy_request_id,omitempty"`
}

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
			fields["action"] = "action must be one of " + strings.Join(auditActions(), ", ")
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
	return f, limit, filterProblem(fields)
}

func auditActions() []string {
	var out []string
	for _, a := range []auditevent.Action{auditevent.ActionCreate, auditevent.ActionUpdate, auditevent.ActionDelete,
		auditevent.ActionArchive, auditevent.ActionRestore, auditevent.ActionView, auditevent.ActionDownload,
		auditevent.ActionLogin, auditevent.ActionLoginFailed, auditevent.ActionLogout, auditevent.ActionPurge,
		auditevent.ActionImport, auditevent.ActionExport} {
		out = append(out, string(a))
	}
	return out
}

// handleAuditList handles GET /api/v1/audit: the trail, newest first, a
// page at a time. The cursor is the id to continue below, so pages stay
// stable while new events arrive.
func (s *Server) handleAuditList(c fiber.Ctx) error {
	events, next, err := s.auditPage(c)
	if err != nil {
		return err
	}
	items := make([]auditEventJSON, len(events))
	for i, e := range events {
		items[i] = auditEventJSON{ID: e.ID, At: e.At, ActorID: e.ActorID, Actor: e.ActorLabel, Action: string(e.Action),
			Entity: e.Entity, EntityID: e.EntityID, Changes: e.Changes, ClientAddress: e.ClientAddress, RequestID: e.RequestID,
			ProxyRequestID: e.ProxyRequestID}
	}
	return c.JSON(page[auditEventJSON]{Items: items, NextCursor: next})
}

// auditPage reads one page of the trail the query string asks for, newest
// first, and the cursor of the next page ("" at the end).
func (s *Server) auditPage(c fiber.Ctx) ([]*ent.AuditEvent, string, error) {
	f, limit, err := parseAuditQuery(c)
	if err != nil {
		return nil, "", err
	}
	events, err := registry.Trail(c.Context(), s.store.Client, f)
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
