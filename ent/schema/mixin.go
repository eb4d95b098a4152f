package schema

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	gen "github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/hook"
	"github.com/hearth-registry/hearth/ent/intercept"
	"github.com/hearth-registry/hearth/ent/schema/archived"
	"github.com/hearth-registry/hearth/internal/civil"
)

// dateType is the column type of a calendar date on both databases.
var dateType = map[string]string{dialect.SQLite: "date", dialect.Postgres: "date"}

// requiredDate is a calendar date that must be recorded.
func requiredDate(name, comment string) ent.Field {
	return field.Other(name, civil.Date{}).SchemaType(dateType).Comment(comment)
}

// optionalDate is a calendar date that may be unknown or not yet happened.
func optionalDate(name, comment string) ent.Field {
	return field.Other(name, civil.Date{}).SchemaType(dateType).Optional().Nillable().Comment(comment)
}

// TimeMixin records when a row was created and last changed.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(time.Now).Immutable(),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now),
	}
}

// VersionMixin gives a record people edit a version number for optimistic
// locking: an update made from a stale copy is refused rather than silently
// overwriting a colleague's change.
type VersionMixin struct{ mixin.Schema }

// Fields of the VersionMixin.
func (VersionMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int("version").Default(1).Positive().
			Comment("incremented on every update; compared by updates made with If-Match"),
	}
}

// Hooks of the VersionMixin: every update bumps the version, so callers
// cannot forget to.
func (VersionMixin) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				if _, set := m.Field("version"); !set {
					if _, added := m.AddedField("version"); !added {
						if err := m.AddField("version", 1); err != nil {
							return nil, fmt.Errorf("bump version: %w", err)
						}
					}
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpUpdate|ent.OpUpdateOne),
	}
}

// IncludeArchived returns a context in which queries also see archived
// records and deletes really delete (used by the retention purge and by
// audit views).
func IncludeArchived(ctx context.Context) context.Context { return archived.Include(ctx) }

// LiveOnly returns a context in which queries see only live records again,
// whatever the caller's context said: the due items are worked out from
// live records only, even when the change that moves them is a purge.
func LiveOnly(ctx context.Context) context.Context { return archived.LiveOnly(ctx) }

func includesArchived(ctx context.Context) bool { return archived.Included(ctx) }

// ArchiveMixin replaces deletion with archiving. Carer records must be kept
// for years after approval ends (Fostering Services (England) Regulations
// 2011, reg 32), so a delete sets archived_at and queries skip archived rows
// (edge predicates too: see ent/template/archived.tmpl); only the retention
// purge removes rows for good. archived_at has no index of its own: every
// query pairs "not archived" with a more selective condition, and an index
// that never helps still costs every insert.
type ArchiveMixin struct{ mixin.Schema }

// Fields of the ArchiveMixin.
func (ArchiveMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("archived_at").Optional().Nillable().
			Comment("set instead of deleting; null while the record is live"),
	}
}

// Interceptors of the ArchiveMixin hide archived rows from every query.
func (a ArchiveMixin) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{
		intercept.TraverseFunc(func(ctx context.Context, q intercept.Query) error {
			if !includesArchived(ctx) {
				a.live(q)
			}
			return nil
		}),
	}
}

// Hooks of the ArchiveMixin turn deletes into archiving updates.
func (a ArchiveMixin) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				if includesArchived(ctx) {
					return next.Mutate(ctx, m)
				}
				mx, ok := m.(interface {
					SetOp(ent.Op)
					Client() *gen.Client
					SetArchivedAt(time.Time)
					WhereP(...func(*sql.Selector))
				})
				if !ok {
					return nil, fmt.Errorf("archive: unexpected mutation %T", m)
				}
				a.live(mx)
				mx.SetOp(ent.OpUpdate)
				mx.SetArchivedAt(time.Now())
				return mx.Client().Mutate(ctx, m)
			})
		}, ent.OpDeleteOne|ent.OpDelete),
	}
}

func (ArchiveMixin) live(w interface{ WhereP(...func(*sql.Selector)) }) {
	w.WhereP(sql.FieldIsNull("archived_at"))
}

// recordMixins are the mixins of every record people edit.
func recordMixins() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, ArchiveMixin{}}
}

// approvalCategories are the categories of approval a household can hold and
// a placement can be made under.
var approvalCategories = []string{
	"emergency", "short_term", "long_term", "short_breaks",
	"parent_and_child", "remand", "connected_person", "staying_put",
}

// validCategories checks a list of approval categories.
func validCategories(categories []string) error {
	for _, c := range categories {
		ok := false
		for _, a := range approvalCategories {
			ok = ok || c == a
		}
		if !ok {
			return fmt.Errorf("unknown approval category %q", c)
		}
	}
	return nil
}

// ApprovalCategories lists the categories of approval, for validating input
// with a message that names them.
func ApprovalCategories() []string { return append([]string(nil), approvalCategories...) }
