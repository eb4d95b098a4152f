package pack

import (
	"reflect"
	"strings"
)

// missingGlyph stands for a character the embedded font cannot print. It
// is in the font, so the reader sees that something was there.
const missingGlyph = "□"

// cleanText makes typed text printable: bytes that are not UTF-8 (on
// which fpdf panics) and characters beyond the font's reach (emoji and
// others outside the Basic Multilingual Plane, which fpdf refuses
// outright, failing the whole pack) become a visible box, and control
// characters other than a line break become spaces.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, missingGlyph)
	clean := true
	for _, r := range s {
		if r > 0xFFFF || (r < 0x20 && r != '\n') || r == 0x7F {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r > 0xFFFF:
			b.WriteString(missingGlyph)
		case r == '\n':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7F:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanPack cleans every string in p, however deep, in place.
func cleanPack(p *Pack) { cleanValue(reflect.ValueOf(p).Elem()) }

func cleanValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(cleanText(v.String()))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			cleanValue(v.Field(i))
		}
	case reflect.Slice:
		for i := range v.Len() {
			cleanValue(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			cleanValue(v.Elem())
		}
	}
}

// CleanText is cleanText for Hearth's other PDFs set in the same fonts.
func CleanText(s string) string { return cleanText(s) }
