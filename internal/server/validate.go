package server

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/go-playground/locales/en"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	en_translations "github.com/go-playground/validator/v10/translations/en"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// validation is Hearth's one validator: built once, with the English
// messages, every custom rule's message, and field names as the client
// sent them (the json or form tag), so a person reads "postcode must be a
// valid UK postcode", never a Go field path.
type validation struct {
	v     *validator.Validate
	trans ut.Translator
	now   func() time.Time
}

// ukPostcode is the shape of a UK postcode (outward code, space, inward
// code), including the special GIR 0AA; input is normalised first.
var ukPostcode = regexp.MustCompile(`^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2})$`)

var dbsCertificate = regexp.MustCompile(`^[0-9]{12}$`)

// customRules are Hearth's own validation tags with their messages. Each
// message has {0} for the field name; a tag without a message here would
// show validator's internal text, so newValidation refuses to build.
var customRules = []struct {
	tag, message string
	check        func(v *validation) validator.Func
}{
	{"ukpostcode", "{0} must be a valid UK postcode, such as TQ9 5RP", func(*validation) validator.Func {
		return func(fl validator.FieldLevel) bool { return ukPostcode.MatchString(fl.Field().String()) }
	}},
	{"dbscert", "{0} must be the 12-digit number printed on the DBS certificate", func(*validation) validator.Func {
		return func(fl validator.FieldLevel) bool { return dbsCertificate.MatchString(fl.Field().String()) }
	}},
	{"date", "{0} must be a date in the form 2026-03-14", func(*validation) validator.Func {
		return func(fl validator.FieldLevel) bool {
			d, err := civil.Parse(fl.Field().String())
			return err == nil && d.Year() >= 1900 && d.Year() <= 2200
		}
	}},
	{"notfuture", "{0} cannot be in the future", func(v *validation) validator.Func {
		return func(fl validator.FieldLevel) bool {
			d, err := civil.Parse(fl.Field().String())
			return err != nil || !d.After(civil.Today(v.now())) // a malformed date is the date rule's to report
		}
	}},
	{"notblank", "{0} must not be blank", func(*validation) validator.Func {
		return func(fl validator.FieldLevel) bool { return strings.TrimSpace(fl.Field().String()) != "" }
	}},
}

func newValidation(now func() time.Time) (*validation, error) {
	v := validator.New(validator.WithRequiredStructEnabled())
	english := en.New()
	trans, _ := ut.New(english, english).GetTranslator("en")
	if err := en_translations.RegisterDefaultTranslations(v, trans); err != nil {
		return nil, fmt.Errorf("validator translations: %w", err)
	}
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		for _, tag := range []string{"json", "form", "query"} {
			if name, _, _ := strings.Cut(f.Tag.Get(tag), ","); name != "" && name != "-" {
				return name
			}
		}
		return f.Name
	})
	vd := &validation{v: v, trans: trans, now: now}
	for _, r := range customRules {
		if err := v.RegisterValidation(r.tag, r.check(vd)); err != nil {
			return nil, fmt.Errorf("validator rule %s: %w", r.tag, err)
		}
		message := r.message
		err := v.RegisterTranslation(r.tag, trans,
			func(ut ut.Translator) error { return ut.Add(r.tag, message, true) },
			func(ut ut.Translator, fe validator.FieldError) string {
				t, _ := ut.T(fe.Tag(), fe.Field())
				return t
			})
		if err != nil {
			return nil, fmt.Errorf("validator message %s: %w", r.tag, err)
		}
	}
	return vd, nil
}

// Validate checks a request struct, returning a registry error that names
// each field wrong. It also serves as Fiber's StructValidator.
func (vd *validation) Validate(out any) error {
	err := vd.v.Struct(out)
	if err == nil {
		return nil
	}
	var fields validator.ValidationErrors
	if !errors.As(err, &fields) {
		return fmt.Errorf("validate: %w", err)
	}
	return registry.Invalid(vd.messages(fields))
}

// messages turns validator errors into one message per field, keyed by the
// field's path as the client sent it (carers[1].first_name).
func (vd *validation) messages(errs validator.ValidationErrors) map[string]string {
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
