package request

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/hidden"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Validator is Hearth's one validator: built once, with Hearth's own
// rules, keying each problem by the field's name as the client sent it
// (the json or form tag) and wording it from the field's plain name
// (words.go), so a person reads "Enter a real postcode, like TQ9 5RP",
// never a Go field path or a validator's phrase.
type Validator struct {
	v   *validator.Validate
	now func() time.Time
}

// UKPostcode is the shape of a UK postcode (outward code, space, inward
// code), including the special GIR 0AA; input is normalised first.
var UKPostcode = regexp.MustCompile(`^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2})$`)

// DBSCertificate is a DBS certificate number once its spaces and hyphens
// are gone.
var DBSCertificate = regexp.MustCompile(`^[0-9]{12}$`)

// customRules are Hearth's own validation tags; message (words.go) words
// each of them.
var customRules = []struct {
	tag   string
	check func(v *Validator) validator.Func
}{
	{"ukpostcode", func(*Validator) validator.Func {
		return func(fl validator.FieldLevel) bool { return UKPostcode.MatchString(fl.Field().String()) }
	}},
	{"dbscert", func(*Validator) validator.Func {
		return func(fl validator.FieldLevel) bool { return DBSCertificate.MatchString(fl.Field().String()) }
	}},
	{"date", func(*Validator) validator.Func {
		return func(fl validator.FieldLevel) bool {
			d, err := civil.Parse(fl.Field().String())
			return err == nil && d.Year() >= 1900 && d.Year() <= 2200
		}
	}},
	{"notfuture", func(v *Validator) validator.Func {
		return func(fl validator.FieldLevel) bool {
			d, err := civil.Parse(fl.Field().String())
			return err != nil || !d.After(civil.Today(v.now())) // a malformed date is the date rule's to report
		}
	}},
	{"notblank", func(*Validator) validator.Func {
		return func(fl validator.FieldLevel) bool { return strings.TrimSpace(fl.Field().String()) != "" }
	}},
	// notes marks free text, which keeps its line breaks and tabs; every
	// other string of a request is short text, checked by Validate.
	{"notes", func(*Validator) validator.Func {
		return func(fl validator.FieldLevel) bool { return !hidden.InNotes(fl.Field().String()) }
	}},
}

// NewValidator builds the validator; now is the clock the notfuture rule
// reads (London's today is worked out from it).
func NewValidator(now func() time.Time) (*Validator, error) {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(fieldName)
	vd := &Validator{v: v, now: now}
	for _, r := range customRules {
		if err := v.RegisterValidation(r.tag, r.check(vd)); err != nil {
			return nil, fmt.Errorf("validator rule %s: %w", r.tag, err)
		}
	}
	if err := registerChoices(v); err != nil {
		return nil, err
	}
	return vd, nil
}

// fieldName is a request field's name as the client sends it: its json,
// form or query tag, or else its Go name.
func fieldName(f reflect.StructField) string {
	for _, tag := range []string{"json", "form", "query"} {
		if name, _, _ := strings.Cut(f.Tag.Get(tag), ","); name != "" && name != "-" {
			return name
		}
	}
	return f.Name
}

// Validate checks a request struct, returning a registry error that names
// each field wrong. It also serves as the web server's struct validator
// (the method is all that interface asks for).
//
// Every string of the request is short text (a name, a reference, a date,
// a choice) and may not hold a hidden or control character, unless its
// tags mark it as notes: checked here, once, rather than by a tag on each
// field, so that no field can be forgotten.
func (vd *Validator) Validate(out any) error {
	fields := map[string]string{}
	if err := vd.v.Struct(out); err != nil {
		var errs validator.ValidationErrors
		if !errors.As(err, &errs) {
			return fmt.Errorf("validate: %w", err)
		}
		fields = messages(reflect.TypeOf(out), errs)
	}
	shortText(reflect.ValueOf(out), "", "", fields)
	if len(fields) == 0 {
		return nil
	}
	return registry.Invalid(fields)
}

// shortText adds to fields each string in v, outside notes, that holds a
// hidden or control character, keyed by its path as the validator's own
// messages are (carers[1].first_name); a field with a problem already
// keeps the first.
func shortText(v reflect.Value, path, plain string, fields map[string]string) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || slices.Contains(strings.Split(f.Tag.Get("validate"), ","), "notes") {
				continue
			}
			name := path // an embedded struct's fields are the request's own
			if !f.Anonymous {
				name = strings.TrimPrefix(path+"."+fieldName(f), ".")
			}
			shortText(v.Field(i), name, plainOf(f), fields)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			shortText(v.Index(i), fmt.Sprintf("%s[%d]", path, i), plain, fields)
		}
	case reflect.String:
		if _, named := fields[path]; !named && hidden.InLine(v.String()) {
			fields[path] = hidden.Problem(Sentence(plain))
		}
	}
}

// FieldLabel is a field's name as a person would say it: first_name is
// "First name", address_line1 "Address line 1".
func FieldLabel(name string) string {
	var b strings.Builder
	for i, r := range name {
		switch {
		case r == '_':
			b.WriteByte(' ')
		case i > 0 && unicode.IsDigit(r) && !unicode.IsDigit(rune(name[i-1])) && name[i-1] != '_':
			b.WriteByte(' ')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	label := b.String()
	if r, size := utf8.DecodeRuneInString(label); r != utf8.RuneError {
		label = string(unicode.ToUpper(r)) + label[size:]
	}
	return label
}

// messages turns validator errors into one message per field, keyed by the
// field's path as the client sent it (carers[1].first_name), worded from
// the field's plain name; root is the request's type.
func messages(root reflect.Type, errs validator.ValidationErrors) map[string]string {
	out := map[string]string{}
	for _, fe := range errs {
		path := fe.Namespace()
		if _, rest, ok := strings.Cut(path, "."); ok {
			path = rest // drop the struct's own name
		}
		if _, seen := out[path]; seen {
			continue
		}
		f, elem, ok := structField(root, fe.StructNamespace())
		if !ok {
			f = reflect.StructField{Name: fe.Field(), Tag: reflect.StructTag(`json:"` + fe.Field() + `"`), Type: fe.Type()}
		}
		out[path] = message(f, elem, fe)
	}
	return out
}

// structField finds the field a validator error's struct namespace
// (Household.Carers[1].FirstName) names, and whether the error is one
// element's of a list.
func structField(root reflect.Type, namespace string) (reflect.StructField, bool, bool) {
	parts := strings.Split(namespace, ".")[1:]
	t := derefType(root)
	var f reflect.StructField
	elem := false
	for _, part := range parts {
		name, _, indexed := strings.Cut(part, "[")
		if t.Kind() != reflect.Struct {
			return f, false, false
		}
		var ok bool
		if f, ok = t.FieldByName(name); !ok {
			return f, false, false
		}
		elem = indexed
		t = derefType(f.Type)
	}
	return f, elem, len(parts) > 0
}
