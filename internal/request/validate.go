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

	"github.com/go-playground/locales/en"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	en_translations "github.com/go-playground/validator/v10/translations/en"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/hidden"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Validator is Hearth's one validator: built once, with the English
// messages, every custom rule's message, and field names as the client
// sent them (the json or form tag), so a person reads "postcode must be a
// valid UK postcode", never a Go field path.
type Validator struct {
	v     *validator.Validate
	trans ut.Translator
	now   func() time.Time
}

// UKPostcode is the shape of a UK postcode (outward code, space, inward
// code), including the special GIR 0AA; input is normalised first.
var UKPostcode = regexp.MustCompile(`^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2})$`)

// DBSCertificate is a DBS certificate number once its spaces and hyphens
// are gone.
var DBSCertificate = regexp.MustCompile(`^[0-9]{12}$`)

// customRules are Hearth's own validation tags with their messages. Each
// message has {0} for the field name; a tag without a message here would
// show validator's internal text, so NewValidator refuses to build.
var customRules = []struct {
	tag, message string
	check        func(v *Validator) validator.Func
}{
	{"ukpostcode", "{0} must be a valid UK postcode, such as TQ9 5RP", func(*Validator) validator.Func {
		return func(fl validator.FieldLevel) bool { return UKPostcode.MatchString(fl.Field().String()) }
	}},
	{"dbscert", "{0} must be the 12-digit number printed on the DBS certificate", func(*Validator) validator.Func {
		return func(fl validator.FieldLevel) bool { return DBSCertificate.MatchString(fl.Field().String()) }
	}},
	{"date", "{0} must be a date in the form 2026-03-14", func(*Validator) validator.Func {
		return func(fl validator.FieldLevel) bool {
			d, err := civil.Parse(fl.Field().String())
			return err == nil && d.Year() >= 1900 && d.Year() <= 2200
		}
	}},
	{"notfuture", "{0} cannot be in the future", func(v *Validator) validator.Func {
		return func(fl validator.FieldLevel) bool {
			d, err := civil.Parse(fl.Field().String())
			return err != nil || !d.After(civil.Today(v.now())) // a malformed date is the date rule's to report
		}
	}},
	{"notblank", "{0} must not be blank", func(*Validator) validator.Func {
		return func(fl validator.FieldLevel) bool { return strings.TrimSpace(fl.Field().String()) != "" }
	}},
	// notes marks free text, which keeps its line breaks and tabs; every
	// other string of a request is short text, checked by Validate.
	{"notes", hidden.Problem("{0}"), func(*Validator) validator.Func {
		return func(fl validator.FieldLevel) bool { return !hidden.InNotes(fl.Field().String()) }
	}},
}

// NewValidator builds the validator; now is the clock the notfuture rule
// reads (London's today is worked out from it).
func NewValidator(now func() time.Time) (*Validator, error) {
	v := validator.New(validator.WithRequiredStructEnabled())
	english := en.New()
	trans, _ := ut.New(english, english).GetTranslator("en")
	if err := en_translations.RegisterDefaultTranslations(v, trans); err != nil {
		return nil, fmt.Errorf("validator translations: %w", err)
	}
	v.RegisterTagNameFunc(fieldName)
	vd := &Validator{v: v, trans: trans, now: now}
	for _, r := range customRules {
		if err := v.RegisterValidation(r.tag, r.check(vd)); err != nil {
			return nil, fmt.Errorf("validator rule %s: %w", r.tag, err)
		}
		// The hidden-character message names the field as a person would
		// ("Note"), as Validate's own check of short text does.
		message, asPeopleSay := r.message, r.tag == "notes"
		err := v.RegisterTranslation(r.tag, trans,
			func(ut ut.Translator) error { return ut.Add(r.tag, message, true) },
			func(ut ut.Translator, fe validator.FieldError) string {
				name := fe.Field()
				if asPeopleSay {
					name = FieldLabel(name)
				}
				t, _ := ut.T(fe.Tag(), name)
				return t
			})
		if err != nil {
			return nil, fmt.Errorf("validator message %s: %w", r.tag, err)
		}
	}
	if err := registerChoices(v, trans); err != nil {
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
		fields = vd.messages(errs)
	}
	shortText(reflect.ValueOf(out), "", fields)
	if len(fields) == 0 {
		return nil
	}
	return registry.Invalid(fields)
}

// shortText adds to fields each string in v, outside notes, that holds a
// hidden or control character, keyed by its path as the validator's own
// messages are (carers[1].first_name); a field with a problem already
// keeps the first.
func shortText(v reflect.Value, path string, fields map[string]string) {
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
			shortText(v.Field(i), name, fields)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			shortText(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fields)
		}
	case reflect.String:
		if _, named := fields[path]; !named && hidden.InLine(v.String()) {
			last := path[strings.LastIndex(path, ".")+1:]
			if i := strings.Index(last, "["); i >= 0 {
				last = last[:i]
			}
			fields[path] = hidden.Problem(FieldLabel(last))
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
// field's path as the client sent it (carers[1].first_name).
func (vd *Validator) messages(errs validator.ValidationErrors) map[string]string {
	out := map[string]string{}
	for _, fe := range errs {
		path := fe.Namespace()
		if _, rest, ok := strings.Cut(path, "."); ok {
			path = rest // drop the struct's own name
		}
		if _, seen := out[path]; !seen {
			out[path] = fe.Translate(vd.trans)
		}
	}
	return out
}
