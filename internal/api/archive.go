package api

import (
	"context"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// archiver is a registry use-case that archives a record, if the viewer may
// and the version is the one they read.
type archiver func(ctx context.Context, client *ent.Client, actor registry.Actor, v registry.Viewer, id, version int) error

// ArchiveWith handles DELETE on a record's address: it archives the record
// (kept for the retention period, never deleted here) with If-Match, and
// answers 204. Every record archives the same way; only the use-case differs.
func (s *Handler) ArchiveWith(archive archiver) fiber.Handler {
	return func(c fiber.Ctx) error {
		id, version, err := httpx.IDAndIfMatch(c)
		if err != nil {
			return err
		}
		if err := archive(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version); err != nil {
			return err
		}
		return c.SendStatus(fiber.StatusNoContent)
	}
}
