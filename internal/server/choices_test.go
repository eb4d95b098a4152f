package server

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/schema"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
)

// TestEveryChoiceIsTheSchemas reads every struct tag in the request types
// (internal/request and this package) and finds no list of values written
// out (oneof=), only enum= tags naming an enum field of the ent schema,
// whose values the validator and the OpenAPI document read from there.
func TestEveryChoiceIsTheSchemas(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	more, err := filepath.Glob("../request/*.go")
	if err != nil {
		t.Fatal(err)
	}
	enums := 0
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			field, ok := n.(*ast.Field)
			if !ok || field.Tag == nil {
				return true
			}
			tag, err := strconv.Unquote(field.Tag.Value)
			if err != nil {
				t.Fatalf("%s: tag %s: %v", f, field.Tag.Value, err)
			}
			for rule := range strings.SplitSeq(reflect.StructTag(tag).Get("validate"), ",") {
				name, arg, _ := strings.Cut(rule, "=")
				switch name {
				case "oneof":
					t.Errorf("%s: %q lists its values; name the schema's field instead (enum=entity.field)", f, tag)
				case "enum":
					enums++
					if _, ok := schema.Choices(arg); !ok {
						t.Errorf("%s: enum=%s names no enum field of the ent schema", f, arg)
					}
				}
			}
			return true
		})
	}
	if enums < 15 {
		t.Errorf("found %d enum tags, fewer than the request types had: the search no longer sees them", enums)
	}
}

// TestOpenAPIChoicesAreTheSchemas finds every list of allowed values in the
// OpenAPI document filled, and each one an enum field's values in the ent
// schema, in the schema's order.
func TestOpenAPIChoicesAreTheSchemas(t *testing.T) {
	t.Parallel()
	raw, err := json.Marshal(jsonapi.OpenAPIDocument())
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var known [][]string
	for _, name := range []string{"dbs_check.level", "dbs_check.outcome", "health_assessment.kind", "health_assessment.outcome",
		"household.status", "household_member.relationship", "contribution.source", "panel_item.recommendation",
		"placement.category", "placement.end_reason", "review.outcome", "review.kind", "review.status",
		"review.recommendation", "visit.kind"} {
		values, ok := schema.Choices(name)
		if !ok {
			t.Fatalf("%s is not an enum field of the schema", name)
		}
		known = append(known, values)
	}
	found := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if e, ok := v["enum"]; ok && v["type"] == "string" {
				found++
				var values []string
				list, _ := e.([]any)
				for _, x := range list {
					s, _ := x.(string)
					values = append(values, s)
				}
				if !slices.ContainsFunc(known, func(k []string) bool { return slices.Equal(k, values) }) {
					t.Errorf("the OpenAPI document allows %v, which is no enum field's values in the schema", e)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	if found < 15 {
		t.Errorf("found %d lists of allowed values in the OpenAPI document, fewer than the request types have", found)
	}
}
