package store_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestStoreKnowsNothingOfTheRegistry lists every package the store
// depends on, directly or not, and fails if the registry (or anything
// above it) is among them: the database layer opens, migrates and backs
// up, and the registry's rules are wired into its client where the
// application is assembled (cmd/hearth, storetest), so dependencies point
// one way.
func TestStoreKnowsNothingOfTheRegistry(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	const module = "github.com/hearth-registry/hearth/"
	for _, above := range []string{"internal/registry", "internal/auth", "internal/server", "internal/seed"} {
		for _, pkg := range strings.Fields(string(out)) {
			if pkg == module+above || strings.HasPrefix(pkg, module+above+"/") {
				t.Errorf("internal/store depends on %s", pkg)
			}
		}
	}
}
