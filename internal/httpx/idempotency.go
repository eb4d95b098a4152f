package httpx

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/idempotencykey"
	"github.com/hearth-registry/hearth/internal/registry"
)

const (
	// idempotencyKeep is how long an answer is kept for retries.
	idempotencyKeep = 24 * time.Hour
	// idempotencyAbandoned is when a first request that never finished
	// (its process stopped) no longer holds its key.
	idempotencyAbandoned = time.Minute
)

// localWithheld holds, for an answer that carries a secret shown only in
// it, the same answer without the secret: all that may be kept of it.
const localWithheld = "answer_without_secret"

// OneTimeSecret is an answer that carries a secret shown only in it: a new
// API token, a generated password.
type OneTimeSecret interface {
	// WithoutSecret is the same answer with the secret taken out and a
	// notice saying it was shown once.
	WithoutSecret() any
}

// SendSecret answers with a secret that is shown this once. The
// idempotency store keeps, and a retry gets, only the answer without the
// secret: the secret was for the first answer alone, and a stored copy
// would sit in the database for a day where anyone reading it could use it.
func SendSecret(c fiber.Ctx, status int, answer OneTimeSecret) error {
	withheld, err := json.Marshal(answer.WithoutSecret())
	if err != nil {
		return fmt.Errorf("the answer without its secret: %w", err)
	}
	c.Locals(localWithheld, withheld)
	return c.Status(status).JSON(answer)
}

// Idempotent makes a POST under /api/ that carries an Idempotency-Key safe
// to retry: the first answer is stored in the database, and a retry with
// the same key and body gets it back without anything being done again
// (an answer that carried a secret comes back without it: SendSecret).
// The same key with another body is refused; a retry while the first is
// still being answered is told to wait.
func (s *Env) Idempotent(c fiber.Ctx) error {
	key := c.Get("Idempotency-Key")
	actor := idempotencyActor(c)
	if key == "" || c.Method() != fiber.MethodPost || !strings.HasPrefix(c.Path(), "/api/") || actor == "" {
		return c.Next()
	}
	if len(key) > 200 {
		return fiber.NewError(fiber.StatusBadRequest, "The Idempotency-Key header must be at most 200 characters.")
	}
	if !plainText(key) { // the key is stored, and PostgreSQL refused it with a 500
		return fiber.NewError(fiber.StatusBadRequest, "The Idempotency-Key header must be UTF-8 text.")
	}
	sum := sha256.Sum256(c.Body())
	hash, path, ctx := hex.EncodeToString(sum[:]), c.Path(), c.Context()
	client := s.Store.Client
	// Forget old answers and first requests that never finished.
	if _, err := client.IdempotencyKey.Delete().Where(idempotencykey.Or(
		idempotencykey.CreatedAtLT(time.Now().Add(-idempotencyKeep)),
		idempotencykey.And(idempotencykey.Status(0), idempotencykey.CreatedAtLT(time.Now().Add(-idempotencyAbandoned))),
	)).Exec(ctx); err != nil {
		s.Log.Warn("prune idempotency keys", "err", err)
	}
	row, err := client.IdempotencyKey.Create().SetActor(actor).SetKey(key).SetMethod(c.Method()).
		SetPath(path).SetRequestHash(hash).Save(ctx)
	if ent.IsConstraintError(err) {
		return replay(c, client, actor, key, path, hash)
	}
	if err != nil {
		return err
	}
	if err := c.Next(); err != nil || c.Response().StatusCode() >= 300 {
		// Not done: a corrected retry may use the key again.
		if derr := client.IdempotencyKey.DeleteOneID(row.ID).Exec(ctx); derr != nil {
			s.Log.Warn("forget idempotency key", "err", derr)
		}
		return err
	}
	body := append([]byte(nil), c.Response().Body()...)
	if withheld, ok := c.Locals(localWithheld).([]byte); ok {
		body = withheld // the answer held a secret: keep only the answer without it
	}
	return client.IdempotencyKey.UpdateOneID(row.ID).SetStatus(c.Response().StatusCode()).SetResponse(body).
		SetLocation(string(c.Response().Header.Peek(fiber.HeaderLocation))).Exec(ctx)
}

// replay answers a retry from the stored first answer.
func replay(c fiber.Ctx, client *ent.Client, actor, key, path, hash string) error {
	first, err := client.IdempotencyKey.Query().Where(idempotencykey.Actor(actor), idempotencykey.Key(key)).Only(c.Context())
	if err != nil {
		return err
	}
	switch {
	case first.RequestHash != hash || first.Path != path:
		return &registry.Error{Code: registry.EINVALID, Message: "This Idempotency-Key was used for a different request.",
			Fields: map[string]string{"Idempotency-Key": "use a new key for a new request"}}
	case first.Status == 0:
		return registry.Errorf(registry.ECONFLICT, "The first request with this Idempotency-Key is still being answered; try again in a moment.")
	}
	if first.Location != "" {
		c.Set(fiber.HeaderLocation, first.Location)
	}
	c.Set("Idempotent-Replayed", "true")
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return c.Status(first.Status).Send(first.Response)
}

// idempotencyActor is whose keys these are: the token or the signed-in
// user, or nobody (the route will refuse the request anyway).
func idempotencyActor(c fiber.Ctx) string {
	if tok := CurrentToken(c); tok != nil {
		return "token:" + strconv.Itoa(tok.ID)
	}
	if u := CurrentUser(c); u != nil {
		return "user:" + strconv.Itoa(u.ID)
	}
	return ""
}
