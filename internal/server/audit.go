package server

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/internal/audit"
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

// auditQuery is the audit list's filters, read from the query string.
type auditQuery struct {
	where  []predicate.AuditEvent
	limit  int
	before int
}

// parseAuditQuery reads the filters, naming every parameter that is wrong.
func parseAuditQuery(c fiber.Ctx) (auditQuery, error) {
	q := auditQuery{limit: 50}
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
	if v := c.Query("entity"); v != "" {
		q.where = append(q.where, auditevent.Entity(v))
	}
	if v := c.Query("action"); v != "" {
		if auditevent.ActionValidator(auditevent.Action(v)) != nil {
			fields["action"] = "action must be one of " + strings.Join(auditActions(), ", ")
		} else {
			q.where = append(q.where, auditevent.ActionEQ(auditevent.Action(v)))
		}
	}
	whole("entity_id", func(n int) {
		q.where = append(q.where, auditevent.EntityID(n))
	})
	whole("actor_id", func(n int) {
		q.where = append(q.where, auditevent.ActorID(n))
	})
	whole("limit", func(n int) { q.limit = n })
	whole("cursor", func(n int) { q.before = n })
	when("from", func(t time.Time) {
		q.where = append(q.where, auditevent.AtGTE(t))
	})
	when("to", func(t time.Time) {
		q.where = append(q.where, auditevent.AtLT(t))
	})
	if q.limit > 200 {
		fields["limit"] = "limit must be 200 or fewer"
	}
	if len(fields) > 0 {
		return q, filterProblem(fields)
	}
	return q, nil
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
	q, err := parseAuditQuery(c)
	if err != nil {
		return nil, "", err
	}
	query := s.store.Client.AuditEvent.Query().Where(q.where...)
	if q.before > 0 {
		query.Where(auditevent.IDLT(q.before))
	}
	events, err := query.Order(ent.Desc(auditevent.FieldID)).Limit(q.limit + 1).All(c.Context())
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(events) > q.limit {
		events = events[:q.limit]
		next = strconv.Itoa(events[len(events)-1].ID)
	}
	return events, next, nil
}
