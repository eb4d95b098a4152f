package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/registry"
)

// DecodeJSON reads a JSON body strictly: the right content type, one
// object, no fields the endpoint does not know.
func DecodeJSON(c fiber.Ctx, into any) error {
	if ct := c.Get(fiber.HeaderContentType); !strings.HasPrefix(ct, fiber.MIMEApplicationJSON) {
		return fiber.NewError(fiber.StatusUnsupportedMediaType, "Send the request body as application/json.")
	}
	if !utf8.Valid(c.Body()) {
		// encoding/json would quietly turn bad bytes into U+FFFD and store
		// a name nobody typed.
		return fiber.NewError(fiber.StatusBadRequest, "The request body is not valid UTF-8.")
	}
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field == "":
			// [], "text" or 5: JSON, but no field to name.
			return fiber.NewError(fiber.StatusBadRequest, "The request body must be a JSON object.")
		case errors.As(err, &typeErr):
			return &registry.Error{Code: registry.EINVALID, Message: "A field has the wrong type.",
				Fields: map[string]string{typeErr.Field: typeErr.Field + " must be a " + typeErr.Type.String()}}
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return &registry.Error{Code: registry.EINVALID, Message: "The request has a field this endpoint does not take.",
				Fields: map[string]string{name: "unknown field"}}
		}
		return fiber.NewError(fiber.StatusBadRequest, "The request body is not valid JSON.")
	}
	// Only spaces may follow the object. dec.More() alone let a stray "}"
	// or "]" through, and the request was then written.
	if rest := bytes.Trim(c.Body()[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return fiber.NewError(fiber.StatusBadRequest, "The request body must be a single JSON object.")
	}
	if field, problem := jsonTextProblem(c.Body()); field != "" {
		return &registry.Error{Code: registry.EINVALID, Message: "There is a problem with the information you gave.",
			Fields: map[string]string{field: problem}}
	}
	return nil
}

// jsonTextProblem finds in a body that decoded cleanly what encoding/json
// lets through without a word: a key given twice in one object (it keeps
// the last, matching keys to fields whatever their case, so the client
// cannot know which value was saved), and the NUL character (\u0000),
// which PostgreSQL cannot store in text, so the write failed with a 500.
// It returns the field at fault, as a path like terms.age_from, and what
// is wrong with it; or "" when there is nothing.
func jsonTextProblem(body []byte) (field, problem string) {
	type object struct {
		keys    map[string]bool
		key     string // the key whose value is being read
		inValue bool
	}
	var stack []*object // nil for an array
	path := func(last string) string {
		var parts []string
		for _, o := range stack {
			if o != nil && o.inValue {
				parts = append(parts, o.key)
			}
		}
		if last != "" {
			parts = append(parts, last)
		}
		return strings.Join(parts, ".")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", "" // the end: decodeJSON has already judged the syntax
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, &object{keys: map[string]bool{}})
				continue
			case '[':
				stack = append(stack, nil)
				continue
			}
			stack = stack[:len(stack)-1] // a '}' or ']' ends the value it opened
		case string:
			if n := len(stack); n > 0 && stack[n-1] != nil && !stack[n-1].inValue { // a key
				top := stack[n-1]
				name, folded := path(t), strings.ToLower(t)
				switch {
				case top.keys[folded]:
					return name, name + " is given more than once"
				case strings.ContainsRune(t, 0):
					return name, name + " must not contain the NUL character"
				}
				top.keys[folded], top.key, top.inValue = true, t, true
				continue
			}
			if strings.ContainsRune(t, 0) {
				name := path("")
				return name, name + " must not contain the NUL character"
			}
		}
		// A value has ended: what comes next in its object is a key.
		if n := len(stack); n > 0 && stack[n-1] != nil {
			stack[n-1].inValue = false
		}
	}
}
