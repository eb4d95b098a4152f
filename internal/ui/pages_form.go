package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// dateInput is a GOV.UK date input's three boxes, as typed.
type dateInput struct{ Day, Month, Year string }

// formDate reads the date input named name (name-day, name-month,
// name-year). An empty input is nil with no error; a part missing or an
// impossible date (31 February) is an error in the GOV.UK pattern's words,
// never a crash.
func formDate(c fiber.Ctx, name, label string) (dateInput, *civil.Date, string) {
	in := dateInput{Day: strings.TrimSpace(c.FormValue(name + "-day")), Month: strings.TrimSpace(c.FormValue(name + "-month")),
		Year: strings.TrimSpace(c.FormValue(name + "-year"))}
	if in.Day == "" && in.Month == "" && in.Year == "" {
		return in, nil, ""
	}
	for _, part := range []struct{ v, what string }{{in.Day, "day"}, {in.Month, "month"}, {in.Year, "year"}} {
		if part.v == "" {
			return in, nil, fmt.Sprintf("%s must include a %s", label, part.what)
		}
	}
	d, err1 := strconv.Atoi(in.Day)
	m, err2 := strconv.Atoi(in.Month)
	y, err3 := strconv.Atoi(in.Year)
	if err1 != nil || err2 != nil || err3 != nil || len(in.Year) != 4 {
		return in, nil, label + " must be a real date, like 27 3 2026"
	}
	date, err := civil.Parse(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	if err != nil {
		return in, nil, label + " must be a real date"
	}
	return in, &date, ""
}

// dateInputOf fills a date input from a stored date.
func dateInputOf(d *civil.Date) dateInput {
	if d == nil {
		return dateInput{}
	}
	return dateInput{Day: strconv.Itoa(d.Day()), Month: strconv.Itoa(int(d.Month())), Year: strconv.Itoa(d.Year())}
}

// atoiOr reads a whole number a form sent, or 0 when it is not one (which
// the registry then refuses as a stale or unknown record).
func atoiOr(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}

// FieldsOf is the field map of an invalid-input error, or nil for any
// other error.
func FieldsOf(err error) map[string]string {
	var re *registry.Error
	if errors.As(err, &re) && re.Code == registry.EINVALID {
		return re.Fields
	}
	return nil
}

// pageDate reads the date input box of a form that carries an API request
// (box-day, box-month, box-year) as req's field takes it: 2026-03-14, or
// "" when left empty. A date that does not exist is put beside the input
// in the words of req's plain name for the field, as the API would name
// it; what else is wrong with the date is the request's to say.
func pageDate(c fiber.Ctx, errs map[string]string, box string, req any, field string) (dateInput, string) {
	in, d, msg := formDate(c, box, request.Sentence(request.PlainName(req, field)))
	if msg != "" {
		errs[box] = msg
	}
	if d == nil {
		return in, ""
	}
	return in, d.String()
}

// checkForm checks a form as the API's request in (request.Validator, as
// the API does), and puts each problem beside its question on the page
// (the API's field renamed by rename, or else by pageField), unless the
// page found one there already. It returns only errors that are not the
// form's: nil when the problems are in errs.
func checkForm(s *Handler, c fiber.Ctx, errs map[string]string, in any, rename map[string]string) error {
	err := s.CheckRequest(c, in)
	if err == nil {
		return nil
	}
	var re *registry.Error
	if !errors.As(err, &re) || re.Code != registry.EINVALID {
		return err
	}
	for name, msg := range re.Fields {
		field, renamed := rename[name]
		if !renamed {
			field = pageField(name)
		}
		if _, named := errs[field]; !named {
			errs[field] = msg
		}
	}
	return nil
}
