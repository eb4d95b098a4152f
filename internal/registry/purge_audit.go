package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/audit"
)

// purgedValue replaces every value the purge removes from the trail.
const purgedValue = "(removed by the retention purge)"

// purgedRecords is what a purge destroys, as the audit trail names it:
// entity names and ids, and the text that identifies the household's
// people wherever else the trail mentions them.
type purgedRecords struct {
	reference string
	ids       map[string][]int // by audit entity name
	people    []string         // full names and email addresses
}

// add notes records of an entity (and of the other entity names the trail
// uses for them) as destroyed.
func (p *purgedRecords) add(ids []int, entities ...string) {
	for _, e := range entities {
		p.ids[e] = append(p.ids[e], ids...)
	}
}

// person notes text that identifies one of the household's people.
func (p *purgedRecords) person(texts ...string) {
	for _, t := range texts {
		if t = strings.TrimSpace(t); len(t) >= 3 && !slices.Contains(p.people, t) {
			p.people = append(p.people, t)
		}
	}
}

// redactAudit rewrites, in the purge's transaction, the audit entries that
// hold the destroyed records' data: every old and new value of an entry
// about a destroyed record, and, in any other entry, each value that names
// one of the household's people. An actor's label that names one of them
// (a carer's own account) becomes a pseudonym. Which entries there were,
// their action, actor id, record, time and the names of the fields they
// changed all stay. It answers how many entries it rewrote.
func redactAudit(ctx context.Context, tx *ent.Client, p purgedRecords) (int, error) {
	ctx = schema.RedactingAudit(ctx)
	pseudonym := "a person of purged household " + p.reference
	seen, rewritten := map[int]bool{}, 0
	rewrite := func(e *ent.AuditEvent, about bool) error {
		if seen[e.ID] {
			return nil
		}
		seen[e.ID] = true
		label, changes, changed := redacted(e, about, p.people, pseudonym)
		if !changed {
			return nil
		}
		rewritten++
		value, err := json.Marshal(changes)
		if err != nil {
			return err
		}
		err = tx.AuditEvent.Update().Where(auditevent.ID(e.ID)).Modify(func(u *sql.UpdateBuilder) {
			u.Set(auditevent.FieldActorLabel, label)
			if changes == nil {
				u.SetNull(auditevent.FieldChanges)
			} else {
				u.Set(auditevent.FieldChanges, value) // as ent writes JSON
			}
		}).Exec(ctx)
		if err != nil {
			return fmt.Errorf("redact audit entry %d: %w", e.ID, err)
		}
		return nil
	}
	for entity, ids := range p.ids {
		for chunk := range slices.Chunk(ids, 500) {
			events, err := tx.AuditEvent.Query().Where(auditevent.Entity(entity), auditevent.EntityIDIn(chunk...)).All(ctx)
			if err != nil {
				return 0, fmt.Errorf("read the audit of purged %s records: %w", entity, err)
			}
			for _, e := range events {
				if err := rewrite(e, true); err != nil {
					return 0, err
				}
			}
		}
	}
	if len(p.people) > 0 {
		events, err := tx.AuditEvent.Query().Where(mentionsAny(p.people)).All(ctx)
		if err != nil {
			return 0, fmt.Errorf("find the purged household's people in the audit: %w", err)
		}
		for _, e := range events {
			if err := rewrite(e, false); err != nil {
				return 0, err
			}
		}
	}
	return rewritten, nil
}

// redacted is entry e without the purged data: every value when it is
// about a destroyed record, otherwise each value that names one of people.
func redacted(e *ent.AuditEvent, about bool, people []string, pseudonym string) (string, audit.Changes, bool) {
	label, changed := e.ActorLabel, false
	if mentions(label, people) {
		label, changed = pseudonym, true
	}
	if e.Changes == nil {
		return label, nil, changed
	}
	out := make(audit.Changes, len(e.Changes))
	for field, c := range e.Changes {
		for _, v := range []*any{&c.Old, &c.New} {
			if *v != nil && (about || mentionsValue(*v, people)) {
				*v, changed = purgedValue, true
			}
		}
		out[field] = c
	}
	return label, out, changed
}

// mentions reports whether s holds any of people, ignoring case.
func mentions(s string, people []string) bool {
	s = strings.ToLower(s)
	for _, p := range people {
		if strings.Contains(s, strings.ToLower(p)) {
			return true
		}
	}
	return false
}

// mentionsValue is mentions for a value decoded from the trail's JSON.
func mentionsValue(v any, people []string) bool {
	switch v := v.(type) {
	case string:
		return mentions(v, people)
	case []any:
		return slices.ContainsFunc(v, func(x any) bool { return mentionsValue(x, people) })
	case map[string]any:
		for k, x := range v {
			if mentions(k, people) || mentionsValue(x, people) {
				return true
			}
		}
	}
	return false
}

// mentionsAny narrows the trail to entries whose label or changes may
// hold any of people, so that the purge need not read the whole trail;
// redacted decides. The changes are searched as the database's JSON text,
// where a name holding a quote, a backslash or a control character is
// escaped and would be missed: such names are not found outside the
// destroyed records' own entries.
func mentionsAny(people []string) predicate.AuditEvent {
	return func(s *sql.Selector) {
		var ors []*sql.Predicate
		for _, p := range people {
			pattern := "%" + likeEscaper.Replace(p) + "%"
			for _, col := range []string{auditevent.FieldActorLabel, auditevent.FieldChanges} {
				ors = append(ors, sql.P(func(b *sql.Builder) {
					// As text: SQLite keeps the changes as a blob, which LIKE
					// does not search. SQLite's LIKE ignores case in ASCII.
					b.WriteString("CAST(").WriteString(s.C(col)).WriteString(" AS TEXT)")
					if s.Dialect() == dialect.Postgres {
						b.WriteString(" ILIKE ")
					} else {
						b.WriteString(" LIKE ")
					}
					b.Arg(pattern).WriteString(` ESCAPE '\'`)
				}))
			}
		}
		s.Where(sql.Or(ors...))
	}
}

// likeEscaper escapes LIKE's wildcards in text to be matched as it is
// (with ESCAPE '\').
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
