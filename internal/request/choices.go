package request

import (
	"fmt"
	"slices"

	"github.com/go-playground/validator/v10"

	"github.com/hearth-registry/hearth/ent/schema"
)

// registerChoices adds the enum rule: a field tagged enum=placement.category
// accepts only the values the ent schema gives that field. The schema is
// the one place a choice's values are written, so the database, the
// requests and the OpenAPI document cannot drift apart; a tag naming no
// enum field refuses every value, and TestEveryChoiceIsTheSchemas finds it.
// Its message says "Choose" and the field's plain name (words.go), never
// the values as a program spells them: the API's clients read those in
// the OpenAPI document, people choose from the form's words.
func registerChoices(v *validator.Validate) error {
	err := v.RegisterValidation("enum", func(fl validator.FieldLevel) bool {
		values, ok := schema.Choices(fl.Param())
		return ok && slices.Contains(values, fl.Field().String())
	})
	if err != nil {
		return fmt.Errorf("validator rule enum: %w", err)
	}
	return nil
}
