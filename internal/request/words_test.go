package request_test

import (
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
	"github.com/hearth-registry/hearth/internal/request/requesttest"
)

// requests are every request type of this package.
var requests = []any{&request.Household{}, &request.Carer{}, &request.Member{}, &request.Training{},
	&request.HealthAssessment{}, &request.DBSCheck{}, &request.Visit{}, &request.Placement{}, &request.Review{},
	&request.Decision{}, &request.Determination{}, &request.Terms{}, &request.Contribution{}, &request.Course{},
	&request.PanelItem{}, &request.Panel{}, &request.Token{}, &request.User{}}

func validator(t *testing.T) *request.Validator {
	t.Helper()
	vd, err := request.NewValidator(time.Now)
	if err != nil {
		t.Fatal(err)
	}
	return vd
}

// TestEveryFieldHasAPlainName fails when a field a client sends has no
// plain name to word its messages, or a rule the validator does not word.
func TestEveryFieldHasAPlainName(t *testing.T) {
	t.Parallel()
	for _, f := range requesttest.Unnamed(requests...) {
		t.Errorf("%s has no plain tag: name it as a person would (plain:\"the date of the visit\")", f)
	}
	for _, r := range requesttest.UnknownRules(requests...) {
		t.Errorf("%s: a rule with no words in request.message", r)
	}
}

// TestRefusalsAreInPlainWords makes every kind of mistake in every field
// of every request and fails on any message in a program's words.
func TestRefusalsAreInPlainWords(t *testing.T) {
	t.Parallel()
	vd := validator(t)
	for _, r := range requests {
		msgs := requesttest.Refusals(vd, r)
		if len(msgs) == 0 {
			t.Errorf("%T: no mistake was refused", r)
		}
		for where, msg := range msgs {
			if why := requesttest.DeveloperWords(msg); why != "" {
				t.Errorf("%T, %s: %q %s", r, where, msg, why)
			}
		}
	}
}

// TestMessages shows the words of each rule, as the GOV.UK Design System
// writes error messages.
func TestMessages(t *testing.T) {
	t.Parallel()
	vd := validator(t)
	future := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	cases := []struct {
		in   any
		want map[string]string
	}{
		{&request.Household{Reference: "FH-1", AddressLine1: "1 Road", Town: "Totnes", Postcode: "NOPE", Status: "nonsense",
			Email: "not-an-email", ApprovedOn: "2026-02-30"},
			map[string]string{
				"postcode":    "Enter a real postcode, like TQ9 5RP",
				"status":      "Choose the household's status",
				"email":       "Enter the email address in the correct format, like name@example.com",
				"approved_on": "The date of approval must be a real date, like 2026-03-14",
			}},
		{&request.Household{},
			map[string]string{
				"reference": "Enter the household's reference", "status": "Choose the household's status",
			}},
		{&request.Household{Reference: "FH-1", AddressLine1: "1 Road", Town: "Totnes", Postcode: "TQ9 5RP", Status: "approved",
			ApprovedOn: "2024-05-01", EndedOn: "2024-04-01"},
			map[string]string{
				"ended_on": "The date approval ended must be the same as or after the date of approval",
			}},
		{&request.Household{Reference: "FH-1", AddressLine1: "1 Road", Town: "Totnes", Postcode: "TQ9 5RP", Status: "approved"},
			map[string]string{
				"approved_on": "Enter the date of approval: every review, check and visit is dated from it",
			}},
		{&request.Member{FirstName: "A", LastName: strings.Repeat("b", 101), Relationship: "birth_child",
			DateOfBirth: future, MovedInOn: "2020-01-01", MovedOutOn: "2019-01-01"},
			map[string]string{
				"last_name":     "Their last name must be 100 characters or fewer",
				"date_of_birth": "Their date of birth must be today or in the past",
				"moved_out_on":  "The date they moved out must be the same as or after the date they moved in",
			}},
		{&request.DBSCheck{CertificateNumber: "12345", IssuedOn: "2024-01-01"},
			map[string]string{
				"certificate_number": "Enter the 12-digit certificate number, like 001234567890",
				"level":              "Choose the level of the check",
			}},
		{&request.Training{CourseID: 0, CompletedOn: "2024-01-01", Hours: 101},
			map[string]string{
				"course_id": "Choose the course",
				"hours":     "The hours of training must be between 0 and 100",
			}},
		{&request.Carer{FirstName: "A\u200bB", LastName: "C"},
			map[string]string{
				"first_name": "The carer's first name must not contain hidden or control characters",
			}},
	}
	for _, tc := range cases {
		err := vd.Validate(tc.in)
		fields := map[string]string{}
		if re, ok := err.(*registry.Error); ok {
			fields = re.Fields
		}
		if ch, ok := tc.in.(request.Checker); ok {
			ch.Check(t.Context(), fields)
		}
		for name, want := range tc.want {
			if got := fields[name]; got != want {
				t.Errorf("%T %s: %q, want %q", tc.in, name, got, want)
			}
		}
	}
}

// TestRulesAcrossFieldsNameBothFields shows the shared rules across
// fields naming both fields as people say them, and never a category's
// value.
func TestRulesAcrossFieldsNameBothFields(t *testing.T) {
	t.Parallel()
	type terms struct {
		Categories []string `json:"categories" plain:"the categories of approval"`
		AgeFrom    *int     `json:"age_from" plain:"the youngest age"`
		AgeTo      *int     `json:"age_to" plain:"the oldest age"`
	}
	from, to := 12, 5
	fields := map[string]string{}
	request.AgeRange(fields, &terms{}, "age_from", "age_to", &from, &to)
	request.Categories(fields, &terms{}, "categories", []string{"long_term", "martian"})
	for name, want := range map[string]string{
		"age_to":     "The oldest age must be the same as or more than the youngest age, 12",
		"categories": "Choose the categories of approval from the list",
	} {
		if fields[name] != want {
			t.Errorf("%s: %q, want %q", name, fields[name], want)
		}
	}
	fields = map[string]string{}
	request.Categories(fields, &terms{}, "categories", []string{"long_term", "long_term"})
	if want := "Choose each of the categories of approval once"; fields["categories"] != want {
		t.Errorf("twice: %q, want %q", fields["categories"], want)
	}
}

// TestPlainNameOfANestedField reads the plain name of a field inside a
// nested request, as the API names it (terms.age_to).
func TestPlainNameOfANestedField(t *testing.T) {
	t.Parallel()
	type terms struct {
		AgeTo *int `json:"age_to" plain:"the oldest age"`
	}
	type decision struct {
		Terms *terms `json:"terms" plain:"the revised terms"`
	}
	for field, want := range map[string]string{"terms.age_to": "the oldest age", "terms": "the revised terms", "nothing_here": "nothing here"} {
		if got := request.PlainName(&decision{}, field); got != want {
			t.Errorf("PlainName(%q) = %q, want %q", field, got, want)
		}
	}
}
