// Package archived says whether a query sees archived records. It imports
// nothing of the model, so that both the archive interceptor in the schema
// and the generated edge predicates (Has<Edge>With) can ask it: the
// interceptor filters a query's own table, but never sees the subquery an
// edge predicate builds over the table at the other end of the edge.
package archived

import (
	"context"

	"entgo.io/ent/dialect/sql"
)

type includeKey struct{}

// Include returns a context in which queries also see archived records and
// deletes really delete (used by the retention purge and by audit views).
func Include(ctx context.Context) context.Context {
	return context.WithValue(ctx, includeKey{}, true)
}

// LiveOnly returns a context in which queries see only live records again,
// whatever the caller's context said.
func LiveOnly(ctx context.Context) context.Context {
	return context.WithValue(ctx, includeKey{}, false)
}

// Included reports whether queries made with ctx see archived records.
func Included(ctx context.Context) bool {
	v, _ := ctx.Value(includeKey{}).(bool)
	return v
}

// Hide narrows s to live rows, unless the query it belongs to was made to
// see archived ones. A selector built without a context hides them: an
// archived row found by mistake is a leak, one missed is only a gap.
func Hide(s *sql.Selector) {
	if !Included(s.Context()) {
		s.Where(sql.IsNull(s.C("archived_at")))
	}
}
