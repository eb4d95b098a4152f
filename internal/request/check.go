// Package request holds what a change to the registry asks for, as people
// and clients send it, and the checks it passes before the registry sees
// it: the shapes of the requests (their fields, json names and validate
// tags), the rules across their fields (Check), and the one validator that
// words every refusal.
//
// It lives below HTTP, importing neither Fiber nor net/http, because more
// than the web server makes these changes: the JSON API decodes a body
// into a request, a page's form builds the same request, and an import
// builds one from each row of a spreadsheet. All three call Validator.Check,
// so a file, a form and the API refuse the same things in the same words.
// It is not part of registry because these are the client's terms (text
// as typed, field names as sent, dates not yet parsed); registry takes the
// typed values each request's Fields gives it, and keeps the rules that
// need the database and a transaction.
package request

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Checker is a request that has rules beyond its tags: across fields, or
// against the database. Its Check adds to the same field map.
type Checker interface {
	Check(ctx context.Context, fields map[string]string)
}

// RegistryRules is a request with rules against the registry itself: a
// reference another household has, a course already recorded that day.
// Validator.Check runs them only when the request has other problems, so
// that one answer names every one of them; a request otherwise valid goes
// to the registry, which checks the same rules inside its transaction,
// where they decide.
type RegistryRules interface {
	CheckRegistry(ctx context.Context, client *ent.Client, fields map[string]string) error
}

// Normaliser is a request that tidies its values before they are checked.
type Normaliser interface{ Normalise() }

// Check tidies and checks a request already decoded (from JSON, a form or
// a spreadsheet row): the tags, the request's own Check, and (when
// something else is wrong) its rules against the registry. Every problem
// comes back together in one registry.Invalid error, named by field.
func (vd *Validator) Check(ctx context.Context, client *ent.Client, in any) error {
	if n, ok := in.(Normaliser); ok {
		n.Normalise()
	}
	fields := map[string]string{}
	if err := vd.Validate(in); err != nil {
		e, ok := err.(*registry.Error)
		if !ok {
			return err
		}
		fields = e.Fields
	}
	if ch, ok := in.(Checker); ok {
		ch.Check(ctx, fields)
	}
	if len(fields) == 0 {
		return nil
	}
	if rr, ok := in.(RegistryRules); ok {
		found := map[string]string{}
		if err := rr.CheckRegistry(ctx, client, found); err != nil {
			return err
		}
		for name, msg := range found {
			if _, named := fields[name]; !named { // the field's own problem comes first
				fields[name] = msg
			}
		}
	}
	return registry.Invalid(fields)
}

// OptionalDate reads a validated date, or nil for none.
func OptionalDate(v string) *civil.Date {
	d, err := civil.Parse(v)
	if err != nil {
		return nil
	}
	return &d
}

// TrimEach trims the spaces around each value.
func TrimEach(values ...*string) {
	for _, v := range values {
		*v = strings.TrimSpace(*v)
	}
}

// DateNotBefore names field when its date is before the other field's,
// unless either is missing or already wrong, saying what to do in the
// plain names req gives the two fields ("The date they moved out must be
// the same as or after the date they moved in").
func DateNotBefore(fields map[string]string, req any, field, value, other, otherValue string) {
	d, err := civil.Parse(value)
	o, otherErr := civil.Parse(otherValue)
	if err != nil || otherErr != nil || fields[field] != "" || fields[other] != "" {
		return
	}
	if d.Before(o) {
		fields[field] = Sentence(PlainName(req, field)) + " must be the same as or after " + PlainName(req, other)
	}
}

// AgeRange names the upper age of a range when it is below the lower one
// (ages of children a household is approved for), unless either is wrong
// already.
func AgeRange(fields map[string]string, req any, fromName, toName string, from, to *int) {
	if from != nil && to != nil && *from > *to && fields[fromName] == "" && fields[toName] == "" {
		fields[toName] = fmt.Sprintf("%s must be the same as or more than %s, %d",
			Sentence(PlainName(req, toName)), PlainName(req, fromName), *from)
	}
}

// Categories names a list of approval categories holding one that is not
// a category, or one given twice. The categories' values are in the
// OpenAPI document; people choose them from a form's words, so the message
// lists none.
func Categories(fields map[string]string, req any, name string, categories []string) {
	known := schema.ApprovalCategories()
	for i, c := range categories {
		switch {
		case !slices.Contains(known, c):
			fields[name] = "Choose " + PlainName(req, name) + " from the list"
			return
		case slices.Contains(categories[:i], c):
			fields[name] = "Choose each of " + PlainName(req, name) + " once"
			return
		}
	}
}
