package api

import (
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent/schema"
	"github.com/hearth-registry/hearth/internal/civil"

	"github.com/hearth-registry/hearth/internal/request"
)

// schemaOf describes a Go type as a JSON Schema (the 2020-12 dialect that
// OpenAPI 3.1 uses), read from the same json and validate tags that decode
// and check requests, so the document cannot drift from what the server
// accepts.
func schemaOf(t reflect.Type) map[string]any {
	switch {
	case t == reflect.TypeFor[time.Time]():
		return map[string]any{"type": "string", "format": "date-time"}
	case t == reflect.TypeFor[civil.Date]():
		return map[string]any{"type": "string", "format": "date", "examples": []string{"2026-03-14"}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := schemaOf(t.Elem())
		if typ, ok := s["type"].(string); ok {
			s["type"] = []string{typ, "null"}
		}
		return s
	case reflect.Struct:
		return structSchema(t)
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string", "contentEncoding": "base64"}
		}
		return map[string]any{"type": "array", "items": schemaOf(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	}
	return map[string]any{}
}

func structSchema(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous && f.Tag.Get("json") == "" {
				walk(f.Type) // embedded: its fields are this object's
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" || name == "" {
				continue
			}
			s := schemaOf(f.Type)
			if applyRules(s, f.Tag.Get("validate")) {
				required = append(required, name)
			}
			props[name] = s
		}
	}
	walk(t)
	out := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

// applyRules adds what the validate tag says to a field's schema and
// reports whether the field is required.
func applyRules(s map[string]any, tag string) (required bool) {
	isString := s["type"] == "string"
	for rule := range strings.SplitSeq(tag, ",") {
		name, arg, _ := strings.Cut(rule, "=")
		n, numeric := strconv.Atoi(arg)
		switch {
		case name == "required":
			required = true
		case name == "enum":
			s["enum"], _ = schema.Choices(arg)
		case name == "date":
			s["format"] = "date"
		case name == "email":
			s["format"] = "email"
		case name == "ukpostcode":
			s["pattern"] = request.UKPostcode.String()
			s["description"] = "a UK postcode; spaces and case are tidied before it is checked"
		case name == "dbscert":
			s["pattern"] = request.DBSCertificate.String()
		case name == "notfuture":
			s["description"] = "not after today (London)"
		case name == "max" && numeric == nil && isString:
			s["maxLength"] = n
		case name == "max" && numeric == nil:
			s["maximum"] = n
		case name == "min" && numeric == nil && isString:
			s["minLength"] = n
		case name == "min" && numeric == nil:
			s["minimum"] = n
		}
	}
	return required
}
