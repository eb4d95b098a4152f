package hidden

import "testing"

// TestInLineAndInNotes shows each kind of hidden character found in short
// text and in notes, except the line breaks, tabs and joiners notes keep,
// and ordinary text in any script found clean.
func TestInLineAndInNotes(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		line, notes bool
	}{
		{"Plain", "CTRL-2", false, false},
		{"Accents", "Siân Àdìgún", false, false},
		{"Welsh", "Llŷr ap Gwyn", false, false},
		{"Arabic", "فاطمة", false, false},
		{"Chinese", "王芳", false, false},
		{"Emoji", "All well 👍", false, false},
		{"Markup", "<script>alert(1)</script>", false, false},
		{"ZeroWidthSpace", "CTRL-2\u200b", true, true},
		{"ZeroWidthNonJoiner", "a\u200cb", true, false},
		{"ZeroWidthJoiner", "👨\u200d👩\u200d👧", true, false},
		{"WordJoiner", "a\u2060b", true, true},
		{"ByteOrderMark", "\ufeffa", true, true},
		{"SoftHyphen", "a\u00adb", true, true},
		{"RightToLeftOverride", "a\u202eb", true, true},
		{"LeftToRightEmbedding", "a\u202ab", true, true},
		{"RightToLeftIsolate", "a\u2067b", true, true},
		{"PopDirectionalIsolate", "a\u2069b", true, true},
		{"LeftToRightMark", "a\u200eb", true, true},
		{"ArabicLetterMark", "a\u061cb", true, true},
		{"Tag", "a\U000E0041b", true, true},
		{"NUL", "a\x00b", true, true},
		{"Bell", "a\ab", true, true},
		{"Escape", "a\x1b[31mb", true, true},
		{"Delete", "a\x7fb", true, true},
		{"NextLine", "a\u0085b", true, true},
		{"Tab", "a\tb", true, false},
		{"Newline", "a\nb", true, false},
		{"CarriageReturn", "a\r\nb", true, false},
		{"LineSeparator", "a\u2028b", true, true},
		{"ParagraphSeparator", "a\u2029b", true, true},
		{"ReplacementCharacter", "a\ufffdb", true, true},
		{"NotUTF8", "a\xffb", true, true},
		{"EncodedSurrogate", "a\xed\xa0\x80b", true, true},
		{"Noncharacter", "a\uffffb", true, true},
		{"HangulFiller", "a\u3164b", true, true},
		{"CombiningGraphemeJoiner", "a\u034fb", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := InLine(tt.text); got != tt.line {
				t.Errorf("InLine(%q) = %v, want %v", tt.text, got, tt.line)
			}
			if got := InNotes(tt.text); got != tt.notes {
				t.Errorf("InNotes(%q) = %v, want %v", tt.text, got, tt.notes)
			}
		})
	}
}
