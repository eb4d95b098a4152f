package main

import (
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestImportBuildsNoServer shows that `hearth import` runs without a web
// server: import.go reaches the registry through csvimport, which has no
// Fiber in its dependencies (internal/csvimport's TestNoWebServerBelow),
// and imports neither Fiber nor internal/server itself. The hearth binary
// as a whole links Fiber, for serve.
func TestImportBuildsNoServer(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "import.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range f.Imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		if strings.HasPrefix(path, "github.com/gofiber/") || path == "github.com/hearth-registry/hearth/internal/server" {
			t.Errorf("import.go imports %s", path)
		}
	}
}
