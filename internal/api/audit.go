package api

import (
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// AuditEventJSON is one audit entry as the API shows it.
type AuditEventJSON struct {
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

// HandleAuditList handles GET /api/v1/audit: the trail, newest first, a
// page at a time. The cursor is the id to continue below, so pages stay
// stable while new events arrive.
func (s *Handler) HandleAuditList(c fiber.Ctx) error {
	events, next, err := s.AuditPage(c)
	if err != nil {
		return err
	}
	items := make([]AuditEventJSON, len(events))
	for i, e := range events {
		items[i] = AuditEventJSON{ID: e.ID, At: e.At, ActorID: e.ActorID, Actor: e.ActorLabel, Action: string(e.Action),
			Entity: e.Entity, EntityID: e.EntityID, Changes: e.Changes, ClientAddress: e.ClientAddress, RequestID: e.RequestID,
			ProxyRequestID: e.ProxyRequestID}
	}
	return c.JSON(httpx.Page[AuditEventJSON]{Items: items, NextCursor: next})
}
