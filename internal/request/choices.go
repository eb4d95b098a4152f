package request

import (
	"fmt"
	"slices"
	"strings"

	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"

	"github.com/hearth-registry/hearth/ent/schema"
)

// registerChoices adds the enum rule: a field tagged enum=placement.category
// accepts only the values the ent schema gives that field. The schema is
// the one place a choice's values are written, so the database, the
// requests and the OpenAPI document cannot drift apart; a tag naming no
// enum field refuses every value, and TestEveryChoiceIsTheSchemas finds it.
// The message is the one validator gave its own list of values (oneof),
// so API clients read what they read before.
func registerChoices(v *validator.Validate, trans ut.Translator) error {
	err := v.RegisterValidation("enum", func(fl validator.FieldLevel) bool {
		values, ok := schema.Choices(fl.Param())
		return ok && slices.Contains(values, fl.Field().String())
	})
	if err != nil {
		return fmt.Errorf("validator rule enum: %w", err)
	}
	err = v.RegisterTranslation("enum", trans,
		func(ut ut.Translator) error { return ut.Add("enum", "{0} must be one of [{1}]", true) },
		func(ut ut.Translator, fe validator.FieldError) string {
			values, _ := schema.Choices(fe.Param())
			t, _ := ut.T("enum", fe.Field(), strings.Join(values, " "))
			return t
		})
	if err != nil {
		return fmt.Errorf("validator message enum: %w", err)
	}
	return nil
}
