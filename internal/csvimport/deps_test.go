package csvimport

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoWebServerBelow shows that an import needs no web server: neither
// this package nor the requests it checks rows with (internal/request)
// has Fiber, or Hearth's web server, in its dependency closure, so
// `hearth import` runs with a database alone.
func TestNoWebServerBelow(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, pkg := range []string{".", "../request"} {
		out, err := exec.CommandContext(t.Context(), "go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for dep := range strings.FieldsSeq(string(out)) {
			if strings.HasPrefix(dep, "github.com/gofiber/") || dep == "github.com/hearth-registry/hearth/internal/server" {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}
