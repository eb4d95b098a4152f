package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoMigrationPlanner shows that the hearth binary links no migration
// planner: Hearth applies its own SQL migrations, and ent's (Atlas, with
// HCL and cty) is for writing them (internal/store/migrations/gen). The ent
// client reaches it only through a Schema field, which
// ent/template/client.tmpl leaves out.
func TestNoMigrationPlanner(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.CommandContext(t.Context(), "go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for dep := range strings.FieldsSeq(string(out)) {
		for _, planner := range []string{"ariga.io/atlas", "github.com/hashicorp/hcl", "github.com/zclconf/go-cty",
			"entgo.io/ent/dialect/sql/schema", "github.com/hearth-registry/hearth/ent/migrate"} {
			if dep == planner || strings.HasPrefix(dep, planner+"/") {
				t.Errorf("hearth depends on %s", dep)
			}
		}
	}
}
