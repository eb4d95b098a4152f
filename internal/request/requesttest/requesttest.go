// Package requesttest helps the tests of any package that defines request
// types (internal/request, and the HTTP layer's own) keep every refusal
// in plain words: it finds fields without a plain name, makes each kind
// of mistake in every field, and spots a program's words in a message.
// Only tests import it.
package requesttest

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// Unnamed lists, as Type.json_name, each field of the samples (their
// nested structs and lists included) that the client sends but that has
// no plain tag to name it in a message.
func Unnamed(samples ...any) []string {
	var out []string
	for _, s := range samples {
		walk(reflect.TypeOf(s), func(owner reflect.Type, f reflect.StructField, name string) {
			if f.Tag.Get("plain") == "" {
				out = append(out, owner.Name()+"."+name)
			}
		})
	}
	return out
}

// UnknownRules lists the validate rules the samples use that Validator
// does not word (request.KnownRules).
func UnknownRules(samples ...any) []string {
	var out []string
	for _, s := range samples {
		walk(reflect.TypeOf(s), func(owner reflect.Type, f reflect.StructField, name string) {
			for _, rule := range strings.Split(f.Tag.Get("validate"), ",") {
				rule, _, _ = strings.Cut(rule, "=")
				known := rule == ""
				for _, k := range request.KnownRules {
					known = known || k == rule
				}
				if !known {
					out = append(out, fmt.Sprintf("%s.%s: %s", owner.Name(), name, rule))
				}
			}
		})
	}
	return out
}

// walk calls fn for each field of struct type t a client sends (it has a
// name other than "-"), looking into nested structs and lists of them.
func walk(t reflect.Type, fn func(owner reflect.Type, f reflect.StructField, name string)) {
	t = deref(t)
	if t.Kind() != reflect.Struct {
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Anonymous {
			walk(f.Type, fn)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fn(t, f, name)
		walk(f.Type, fn)
	}
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	return t
}

// mistakes are the ways a value can be wrong, each made in every field
// at once: left empty, in the wrong shape, too long or too large, in the
// future, with a hidden character.
var mistakes = []string{"empty", "shape", "long", "future", "hidden"}

// Refusals makes each mistake in every field of a new copy of sample (a
// pointer to a request) and returns every message the validator and the
// request's own rules across fields answer, keyed "mistake field". The
// registry's rules are not run: they need a database.
func Refusals(vd *request.Validator, sample any) map[string]string {
	out := map[string]string{}
	t := reflect.TypeOf(sample).Elem()
	for _, m := range mistakes {
		in := reflect.New(t)
		fill(in.Elem(), m)
		fields := map[string]string{}
		if err := vd.Validate(in.Interface()); err != nil {
			if re, ok := err.(*registry.Error); ok {
				fields = re.Fields
			} else {
				out[m+" (error)"] = err.Error()
			}
		}
		if ch, ok := in.Interface().(request.Checker); ok {
			ch.Check(context.Background(), fields)
		}
		for name, msg := range fields {
			out[m+" "+name] = msg
		}
	}
	return out
}

// fill makes mistake m in every field of the struct v.
func fill(v reflect.Value, m string) {
	for i := range v.NumField() {
		f, fv := v.Type().Field(i), v.Field(i)
		if !f.IsExported() || strings.HasPrefix(f.Tag.Get("json"), "-") {
			continue
		}
		if m == "empty" && (fv.Kind() != reflect.Pointer || fv.Type().Elem().Kind() != reflect.Struct) {
			continue // left empty; a nested struct is made, empty, so that its own rules speak
		}
		rules := f.Tag.Get("validate")
		if fv.Kind() == reflect.Pointer {
			fv.Set(reflect.New(fv.Type().Elem()))
			fv = fv.Elem()
		}
		switch fv.Kind() {
		case reflect.Struct:
			fill(fv, m)
		case reflect.String:
			fv.SetString(wrongText(rules, m))
		case reflect.Int, reflect.Int64:
			switch m {
			case "long":
				fv.SetInt(1_000_000)
			case "shape":
				fv.SetInt(-1)
			}
		case reflect.Float64:
			switch m {
			case "long":
				fv.SetFloat(1e9)
			case "shape":
				fv.SetFloat(-1)
			}
		case reflect.Slice:
			n := 1
			if m == "long" {
				n = 1000
			}
			s := reflect.MakeSlice(fv.Type(), n, n)
			for j := range n {
				e := s.Index(j)
				switch e.Kind() {
				case reflect.String:
					if m == "long" {
						e.SetString("x") // the list is what is too long
					} else {
						e.SetString(wrongText("", m))
					}
				case reflect.Int:
					e.SetInt(-1)
				case reflect.Struct:
					fill(e, m)
				}
			}
			fv.Set(s)
		}
	}
}

// wrongText is a string with mistake m for a field with these rules.
func wrongText(rules, m string) string {
	switch m {
	case "shape":
		if strings.Contains(rules, "date") {
			return "31/02/2026"
		}
		return "not a real value"
	case "long":
		return strings.Repeat("a", longest(rules)+1)
	case "future":
		if strings.Contains(rules, "date") {
			return time.Now().AddDate(1, 0, 0).Format("2006-01-02")
		}
		return "x"
	case "hidden":
		return "a\u202eb"
	}
	return ""
}

var (
	snakeName = regexp.MustCompile(`\b[a-z][a-z0-9]*_[a-z0-9_]+\b`)
	goName    = regexp.MustCompile(`\b[A-Z][a-z]+(?:ID|On|[A-Z][a-z]+)\b`)
	boiler    = []string{"one of [", "is a required field", "must be a valid", "failed on the", "Error:Field"}
)

// DeveloperWords says what in msg reads as a program's words rather than
// a person's: a field or value named as code spells it (visited_on,
// terms_revised, VisitedOn), a validator's phrase, a list of raw values,
// or a sentence that does not start with a capital. "" when it reads as
// a person's.
func DeveloperWords(msg string) string {
	if s := snakeName.FindString(msg); s != "" {
		return "names " + strconv.Quote(s) + " as a program would"
	}
	if s := goName.FindString(msg); s != "" {
		return "names " + strconv.Quote(s) + " as Go would"
	}
	for _, b := range boiler {
		if strings.Contains(msg, b) {
			return "has a validator's phrase, " + strconv.Quote(b)
		}
	}
	if msg == "" || strings.ToUpper(msg[:1]) != msg[:1] {
		return "does not start as a sentence"
	}
	return ""
}

// longest is the max rule's length in rules, or one more than any field
// takes when it has none.
func longest(rules string) int {
	for _, rule := range strings.Split(rules, ",") {
		if v, ok := strings.CutPrefix(rule, "max="); ok {
			if n, err := strconv.Atoi(v); err == nil {
				return n
			}
		}
	}
	return 100_000
}
