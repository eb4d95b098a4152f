package request_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestEveryRequestTypeHasPlainNames reads the source of every package
// under internal/ and fails when a struct with validate tags (a request,
// wherever it is defined) has a field a client sends without a plain
// tag: the reflection test above sees only the types it is given.
func TestEveryRequestTypeHasPlainNames(t *testing.T) {
	t.Parallel()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := spec.Type.(*ast.StructType)
			if !ok || !hasValidateTag(st) {
				return true
			}
			for _, field := range st.Fields.List {
				tag := structTag(field)
				json, _, _ := strings.Cut(tag.Get("json"), ",")
				if json == "" || json == "-" || tag.Get("plain") != "" {
					continue
				}
				t.Errorf("%s: %s.%s has no plain tag", path, spec.Name.Name, json)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func structTag(f *ast.Field) reflect.StructTag {
	if f.Tag == nil {
		return ""
	}
	s, _ := strconv.Unquote(f.Tag.Value)
	return reflect.StructTag(s)
}

func hasValidateTag(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		if structTag(f).Get("validate") != "" {
			return true
		}
	}
	return false
}
