package server

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/registry"
)

// checker is a request that has rules beyond its tags: across fields, or
// against the database. Its Check adds to the same field map.
type checker interface {
	Check(ctx context.Context, fields map[string]string)
}

// registryRules is a request with rules against the registry itself: a
// reference another household has, a course already recorded that day.
// bindJSON runs them only when the body has other problems, so that one
// answer names every one of them; a body otherwise valid goes to the
// registry, which checks the same rules inside its transaction, where they
// decide.
type registryRules interface {
	CheckRegistry(ctx context.Context, client *ent.Client, fields map[string]string) error
}

// normaliser is a request that tidies its values before they are checked.
type normaliser interface{ Normalise() }

// bindJSON reads a JSON body strictly into in and validates it: the tags
// first, then the request's own Check. Every problem comes back together,
// named by field, and nothing has been written.
func (s *Server) bindJSON(c fiber.Ctx, in any) error {
	if err := decodeJSON(c, in); err != nil {
		return err
	}
	return s.checkRequest(c, in)
}

// checkRequest tidies and checks a request already decoded: the tags, the
// request's own Check, and (when something else is wrong) its rules
// against the registry. The pages' forms come through here too, so a form
// and the API refuse the same things in the same words.
func (s *Server) checkRequest(c fiber.Ctx, in any) error { return s.checkRequestIn(c.Context(), in) }

// checkRequestIn is checkRequest for work that has no HTTP request (an
// import from the command line).
func (s *Server) checkRequestIn(ctx context.Context, in any) error {
	if n, ok := in.(normaliser); ok {
		n.Normalise()
	}
	fields := map[string]string{}
	if err := s.valid.Validate(in); err != nil {
		e, ok := err.(*registry.Error)
		if !ok {
			return err
		}
		fields = e.Fields
	}
	if ch, ok := in.(checker); ok {
		ch.Check(ctx, fields)
	}
	if len(fields) == 0 {
		return nil
	}
	if rr, ok := in.(registryRules); ok {
		found := map[string]string{}
		if err := rr.CheckRegistry(ctx, s.store.Client, found); err != nil {
			return err
		}
		for name, msg := range found {
			if _, named := fields[name]; !named { // the field's own problem comes first
				fields[name] = msg
			}
		}
	}
	return registry.Invalid(fields)
}

// setETag tells the client the version it holds, for If-Match on its next
// change.
func setETag(c fiber.Ctx, version int) { c.Set(fiber.HeaderETag, `"`+strconv.Itoa(version)+`"`) }

// ifMatch reads the version an update or archive was made from. It is
// required: without it a change could silently overwrite a colleague's.
func ifMatch(c fiber.Ctx) (int, error) {
	v := c.Get(fiber.HeaderIfMatch)
	if v == "" {
		return 0, fiber.NewError(fiber.StatusPreconditionRequired,
			"Send If-Match with the ETag of the record as you read it, so that nobody's change is overwritten unseen.")
	}
	v = strings.Trim(strings.TrimPrefix(v, "W/"), `"`)
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fiber.NewError(fiber.StatusBadRequest, fmt.Sprintf("If-Match %q is not an ETag this API gave.", c.Get(fiber.HeaderIfMatch)))
	}
	return n, nil
}

// onlyParams names any query parameter the endpoint does not take, so a
// misspelt filter never quietly returns everything.
func onlyParams(c fiber.Ctx, fields map[string]string, known ...string) {
	for key := range c.Queries() {
		if !slices.Contains(known, key) {
			fields[key] = fmt.Sprintf("%s is not a filter here; use %s", key, strings.Join(known, ", "))
		}
	}
}

// idAndIfMatch reads the :id of a change's route and the version it
// was made from (If-Match).
func idAndIfMatch(c fiber.Ctx) (id, version int, err error) {
	if id, err = pathID(c); err != nil {
		return 0, 0, err
	}
	version, err = ifMatch(c)
	return id, version, err
}

// archiver is a registry use-case that archives a record, if the viewer may
// and the version is the one they read.
type archiver func(ctx context.Context, client *ent.Client, actor registry.Actor, v registry.Viewer, id, version int) error

// archiveWith handles DELETE on a record's address: it archives the record
// (kept for the retention period, never deleted here) with If-Match, and
// answers 204. Every record archives the same way; only the use-case differs.
func (s *Server) archiveWith(archive archiver) fiber.Handler {
	return func(c fiber.Ctx) error {
		id, version, err := idAndIfMatch(c)
		if err != nil {
			return err
		}
		if err := archive(c.Context(), s.store.Client, s.actor(c), s.viewer(c), id, version); err != nil {
			return err
		}
		return c.SendStatus(fiber.StatusNoContent)
	}
}
