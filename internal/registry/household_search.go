package registry

import (
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/predicate"
)

// SearchHouseholds matches the households that every word of text finds in
// their reference, postcode or a carer's name, in any order: "Dermot
// Ionescu", "ionescu dermot", "0019" and "TQ1 2AB" all find FH-0019.
//
// Both databases keep one search text a household, in household_search,
// written by triggers on every change to a household or its carers (see
// the migrations named household_search), and ignore case and accents. On
// SQLite it is a trigram full-text index; a word under three letters,
// which trigrams cannot index, is matched against the same table's text.
// On PostgreSQL it is a table with a trigram index, each word one LIKE.
func SearchHouseholds(d string, text string) predicate.Household {
	words := strings.Fields(text)
	if d == dialect.SQLite {
		return searchIndex(words)
	}
	return searchTable(words)
}

// searchTable is SearchHouseholds on PostgreSQL's household_search table,
// whose text is lower-cased and without accents: each word is folded the
// same way in SQL. A word of three letters or more is a LIKE, which the
// trigram index serves; a shorter one has no trigram to look up, and would
// make PostgreSQL read the whole index, so it is a strpos, which the index
// does not serve, read only on the rows the longer words found (alone,
// it reads the table: 50,000 short lines).
func searchTable(words []string) predicate.Household {
	return func(s *sql.Selector) {
		s.Where(sql.P(func(b *sql.Builder) {
			b.WriteString(s.C(household.FieldID)).WriteString(` IN (SELECT "household_id" FROM "household_search" WHERE `)
			for i, w := range words {
				if i > 0 {
					b.WriteString(" AND ")
				}
				if utf8.RuneCountInString(w) >= 3 {
					b.WriteString(`"text" LIKE lower(public.unaccent('public.unaccent', `).Arg("%" + likeEscaper.Replace(w) + "%").WriteString(`::text)) ESCAPE '\'`)
				} else {
					b.WriteString(`strpos("text", lower(public.unaccent('public.unaccent', `).Arg(w).WriteString("::text))) > 0")
				}
			}
			if len(words) == 0 {
				b.WriteString("TRUE")
			}
			b.WriteString(")")
		}))
	}
}

// searchIndex is SearchHouseholds on SQLite's household_search index.
// Words of one or two letters cannot be looked up by trigram. Beside longer
// words they are left out (the longer words pick the households, and "o"
// for Ó in "sian o briain" would otherwise miss, since LIKE does not ignore
// accents); alone, they are matched against the index's text.
func searchIndex(words []string) predicate.Household {
	var match, short []string
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 3 {
			// A quoted phrase: the trigram tokenizer matches it anywhere in
			// the text, and nothing in it is read as query syntax.
			match = append(match, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
		} else {
			short = append(short, w)
		}
	}
	where, args := "`household_search` MATCH ?", []any{strings.Join(match, " AND ")}
	if len(match) == 0 {
		var like []string
		args = nil
		for _, w := range short {
			like = append(like, "`text` LIKE ? ESCAPE '\\'")
			args = append(args, "%"+likeEscaper.Replace(w)+"%")
		}
		where = strings.Join(like, " AND ")
	}
	return func(s *sql.Selector) {
		s.Where(sql.ExprP(s.C(household.FieldID)+" IN (SELECT `rowid` FROM `household_search` WHERE "+where+")", args...))
	}
}
