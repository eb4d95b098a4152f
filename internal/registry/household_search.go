package registry

import (
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/predicate"
)

// SearchHouseholds matches the households that every word of text finds in
// their reference, postcode or a carer's name, in any order: "Dermot
// Ionescu", "ionescu dermot", "0019" and "TQ1 2AB" all find FH-0019.
//
// On SQLite the words are looked up in household_search, a trigram
// full-text index kept by triggers (see its migration), which also ignores
// accents; a word under three letters, which trigrams cannot index, is
// matched against the same table's text. On PostgreSQL each word is matched
// against the columns, the carers' names through their trigram indexes.
func SearchHouseholds(d string, text string) predicate.Household {
	words := strings.Fields(text)
	if d == dialect.SQLite {
		return searchIndex(words)
	}
	var each []predicate.Household
	for _, w := range words {
		each = append(each, household.Or(household.ReferenceContainsFold(w), household.PostcodeContainsFold(w),
			household.HasCarersWith(carer.ArchivedAtIsNil(), carer.Or(carer.FirstNameContainsFold(w), carer.LastNameContainsFold(w)))))
	}
	return household.And(each...)
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
