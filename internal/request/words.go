package request

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"

	"github.com/hearth-registry/hearth/internal/hidden"
)

// Every refusal of a request says what to do, in the words of the GOV.UK
// Design System's error messages ("Enter the date of the visit", "Choose
// the kind of visit", "The date of the visit must be today or in the
// past"), never a field's name as a program spells it or a validator's
// phrase. The words are written here, below HTTP, so that the API, a
// page's form and an imported row say the same thing; the API still keys
// each message by the field's JSON name, which clients read.
//
// Each field of a request names itself in its `plain` tag: the words a
// social worker would use for it, starting in lower case as they read in
// the middle of a sentence ("the date of the visit"). TestEveryFieldHasAPlainName
// and the AST check beside it fail when a field has none.

// PlainName is what a person calls the field of req whose JSON name, or
// path for a nested one (terms.age_to, carers[1].first_name), is field:
// its plain tag, or else its name with spaces for underscores (which a
// test keeps from happening).
func PlainName(req any, field string) string {
	t := reflect.TypeOf(req)
	var f reflect.StructField
	found := t != nil
	for part := range strings.SplitSeq(field, ".") {
		part, _, _ = strings.Cut(part, "[")
		if !found || derefType(t).Kind() != reflect.Struct {
			found = false
			break
		}
		f, found = fieldByName(derefType(t), part)
		t = f.Type
	}
	if found {
		return plainOf(f)
	}
	last := field[strings.LastIndex(field, ".")+1:]
	last, _, _ = strings.Cut(last, "[")
	return strings.ToLower(FieldLabel(last))
}

// fieldByName finds the field of struct type t whose client name is name,
// looking into embedded structs as encoding/json does.
func fieldByName(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && derefType(f.Type).Kind() == reflect.Struct {
			if inner, ok := fieldByName(derefType(f.Type), name); ok {
				return inner, true
			}
			continue
		}
		if fieldName(f) == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	return t
}

// plainOf is a struct field's plain name.
func plainOf(f reflect.StructField) string {
	if p := f.Tag.Get("plain"); p != "" {
		return p
	}
	return strings.ToLower(FieldLabel(fieldName(f)))
}

// Sentence starts a plain name as a sentence does: "the date of the
// visit" becomes "The date of the visit".
func Sentence(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// isChoice says whether a field is answered by choosing rather than
// typing: one of a list of values, or a record picked by its id. Its
// messages say "Choose", not "Enter".
func isChoice(f reflect.StructField) bool {
	for _, rule := range strings.Split(f.Tag.Get("validate"), ",") {
		if strings.HasPrefix(rule, "enum=") || strings.HasPrefix(rule, "oneof=") {
			return true
		}
	}
	name := fieldName(f)
	return strings.HasSuffix(name, "_id") || strings.HasSuffix(name, "_ids") ||
		derefType(f.Type).Kind() == reflect.Bool || f.Type.Kind() == reflect.Slice
}

// bounds are a number field's min and max rules, when it has both, so
// that one message can say the range ("between 0 and 100").
func bounds(f reflect.StructField) (lo, hi string, both bool) {
	for _, rule := range strings.Split(f.Tag.Get("validate"), ",") {
		if rule == "dive" {
			break // rules after dive are the elements', not the list's
		}
		if v, ok := strings.CutPrefix(rule, "min="); ok {
			lo = v
		}
		if v, ok := strings.CutPrefix(rule, "max="); ok {
			hi = v
		}
	}
	return lo, hi, lo != "" && hi != ""
}

// KnownRules are the validate tags Validator words; a request using any
// other would show a fallback, so the tests refuse it.
var KnownRules = []string{"required", "notblank", "omitempty", "dive", "date", "notfuture", "max", "min",
	"email", "enum", "ukpostcode", "dbscert", "notes"}

// message words one failed rule of the field f (elem: the failure is an
// element's of a list, after dive).
func message(f reflect.StructField, elem bool, fe validator.FieldError) string {
	name := plainOf(f)
	choose, enter, subject := "Choose "+name, "Enter "+name, Sentence(name)
	kind := fe.Kind()
	switch fe.Tag() {
	case "required", "notblank":
		if isChoice(f) {
			return choose
		}
		return enter
	case "enum", "oneof":
		return choose
	case "date":
		return subject + " must be a real date, like 2026-03-14"
	case "notfuture":
		return subject + " must be today or in the past"
	case "email":
		return "Enter " + name + " in the correct format, like name@example.com"
	case "ukpostcode":
		return "Enter a real postcode, like TQ9 5RP"
	case "dbscert":
		return "Enter the 12-digit certificate number, like 001234567890"
	case "notes":
		return hidden.Problem(subject)
	case "min", "max":
		switch {
		case kind == reflect.String:
			if fe.Tag() == "max" {
				return fmt.Sprintf("%s must be %s characters or fewer", subject, thousands(fe.Param()))
			}
			return enter
		case (kind == reflect.Slice || kind == reflect.Array) && fe.Tag() == "max":
			return fmt.Sprintf("%s must be no more than %s", subject, fe.Param())
		case kind == reflect.Slice || kind == reflect.Array || elem || isChoice(f):
			return choose
		}
		if lo, hi, both := bounds(f); both {
			return fmt.Sprintf("%s must be between %s and %s", subject, lo, hi)
		}
		if fe.Tag() == "max" {
			return fmt.Sprintf("%s must be %s or less", subject, fe.Param())
		}
		return fmt.Sprintf("%s must be %s or more", subject, fe.Param())
	}
	return "Check " + name // a rule not in KnownRules; the tests keep this from showing
}

// thousands writes a whole number as people read it: 10000 is "10,000".
func thousands(n string) string {
	if len(n) <= 3 || strings.Trim(n, "0123456789") != "" {
		return n
	}
	head := len(n) % 3
	if head == 0 {
		head = 3
	}
	out := n[:head]
	for i := head; i < len(n); i += 3 {
		out += "," + n[i:i+3]
	}
	return out
}
