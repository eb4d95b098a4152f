// Package hidden finds characters a person cannot see, or that change how
// the text around them reads, in what people type: control characters,
// the invisible formatting characters (zero-width spaces and joiners,
// bidirectional overrides and marks, the byte order mark), line and
// paragraph separators, and U+FFFD, which is what a lone surrogate becomes
// when JSON or a browser's form carries one. In a name or a reference
// they make two values that look the same differ ("CTRL-2" and "CTRL-2"
// with a zero-width space after it), or make text read in another order
// than it is stored; so they are refused, not stripped, and the person is
// told which field to retype.
package hidden

import (
	"unicode"
	"unicode/utf8"
)

// InLine reports whether s, a name, a reference or other short text,
// holds a hidden or control character. Such text is one line: a tab or a
// line break in it is refused too.
func InLine(s string) bool {
	for _, r := range s {
		if hiddenRune(r) {
			return true
		}
	}
	return !utf8.ValidString(s)
}

// InNotes reports whether s, free text such as a visit's note, holds a
// hidden or control character. Notes keep their line breaks and tabs, and
// the zero-width joiner and non-joiner, which join emoji and letters of
// some scripts and change nothing about how the rest reads.
func InNotes(s string) bool {
	for _, r := range s {
		switch r {
		case '\t', '\n', '\r', '\u200c', '\u200d':
			continue
		}
		if hiddenRune(r) {
			return true
		}
	}
	return !utf8.ValidString(s)
}

// Problem is the message for a field holding a hidden character, the
// field named as the person knows it ("Reference").
func Problem(label string) string {
	return label + " must not contain hidden or control characters"
}

func hiddenRune(r rune) bool {
	switch {
	case unicode.Is(unicode.Cc, r), // C0 and C1 controls, and DEL
		unicode.Is(unicode.Cf, r), // zero-width, bidirectional, BOM, soft hyphen, tags
		unicode.Is(unicode.Zl, r), unicode.Is(unicode.Zp, r),
		unicode.Is(unicode.Noncharacter_Code_Point, r),
		r == utf8.RuneError: // a lone surrogate, or bytes that were not UTF-8
		return true
	}
	switch r {
	// Letters and marks that draw nothing: fillers and joiners that pass
	// for a space or for nothing at all.
	case '\u034f', '\u115f', '\u1160', '\u17b4', '\u17b5', '\u3164', '\uffa0':
		return true
	}
	return false
}
