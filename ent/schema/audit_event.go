package schema

import (
	"context"
	"errors"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/hearth-registry/hearth/ent/hook"
	"github.com/hearth-registry/hearth/internal/audit"
)

// ActorLabelMax is the most bytes an audit entry's actor label holds: the
// longest account name (200) and email (254) as "Name <email>", with room
// to spare. The registry cuts anything longer (a label naming text typed at
// sign-in) to fit, rather than fail the audit.
const ActorLabelMax = 460

// AuditEvent is one entry in the append-only audit trail: who did what to
// which record, when, and what changed. It has no foreign keys on purpose:
// the trail must outlive the records and accounts it speaks of, including
// those removed by the retention purge.
type AuditEvent struct{ ent.Schema }

// Fields of the AuditEvent.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(time.Now).Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable().Comment("the user; null for the system"),
		// Long enough for the longest account as "Name <email>": a name of
		// 200 bytes and an address of 254 (the user's own limits) make 457.
		// An account whose label did not fit could not be audited, so could
		// not enrol or sign in.
		field.String("actor_label").MaxLen(ActorLabelMax).Immutable().Comment("name and email at the time, or 'system'"),
		field.Enum("action").Immutable().Values("create", "update", "delete", "archive", "restore", "view",
			"download", "login", "login_failed", "logout", "purge", "import", "export"),
		field.String("entity").MaxLen(50).Immutable().Comment("e.g. household, review"),
		field.Int("entity_id").Optional().Nillable().Immutable(),
		field.JSON("changes", audit.Changes{}).Optional().Immutable(),
		field.String("client_address").Optional().MaxLen(64).Immutable(),
		field.String("request_id").Optional().MaxLen(64).Immutable().Comment("Hearth's own id for the request"),
		field.String("proxy_request_id").Optional().MaxLen(64).Immutable().
			Comment("the trusted proxy's id for the request, kept beside Hearth's own, never in its place"),
	}
}

// Hooks of the AuditEvent refuse every update and delete: the trail is
// append-only. The one exception is the retention purge, which rewrites
// the personal data in the entries about what it destroys, in a context
// marked by RedactingAudit; no entry is ever deleted.
func (AuditEvent) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				if redacting, _ := ctx.Value(redactingAuditKey{}).(bool); redacting && m.Op().Is(ent.OpUpdate) {
					return next.Mutate(ctx, m)
				}
				return nil, errors.New("the audit trail is append-only")
			})
		}, ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne),
	}
}

type redactingAuditKey struct{}

// RedactingAudit returns a context in which audit entries may be updated
// (never deleted): only the retention purge uses it, to replace the
// personal data the trail holds about the records it destroys.
func RedactingAudit(ctx context.Context) context.Context {
	return context.WithValue(ctx, redactingAuditKey{}, true)
}

// Indexes of the AuditEvent.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("entity", "entity_id", "at"),
		index.Fields("actor_id", "at"),
		index.Fields("at"),
	}
}
