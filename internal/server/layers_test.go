package server

import (
	"go/ast"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/hearth-registry/hearth/"

// TestHTTPLayersPointOneWay keeps the split of the HTTP layer honest:
// httpx is the plumbing and knows nothing of the handlers; the API and the
// pages each stand on httpx and never on each other; only this package,
// which holds the route table, sees them all.
func TestHTTPLayersPointOneWay(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go list")
	}
	forbidden := map[string][]string{
		"../httpx": {"internal/api", "internal/ui", "internal/server"},
		"../api":   {"internal/ui", "internal/server"},
		"../ui":    {"internal/api", "internal/server"},
	}
	for pkg, above := range forbidden {
		out, err := exec.CommandContext(t.Context(), "go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for dep := range strings.FieldsSeq(string(out)) {
			for _, a := range above {
				if dep == module+a {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}

// queriesStillBuiltInHandlers are the handler files that still build ent
// queries (predicates, orderings) themselves: a list to shrink, never
// grow. The idempotency middleware keeps HTTP answers, not records (see
// handlersStillQueryingEnt).
var queriesStillBuiltInHandlers = []string{"httpx/idempotency.go"}

// TestHandlersBuildNoQueries fails when a handler file imports ent's
// predicate package or calls a function of an entity's package
// (household.StatusEQ, review.ByDueOn…): those build queries, which
// belong in the registry, where the viewer's scope is applied. Naming a
// choice's value (household.StatusApproved) or type (user.Role), or
// checking one (review.StatusValidator), is not a query and stays
// allowed: those are the schema's own words.
func TestHandlersBuildNoQueries(t *testing.T) {
	t.Parallel()
	types := entityTypes(t, entityClients(t))
	building := map[string][]string{}
	for name, file := range handlerFiles(t) {
		entityPkgs := map[string]string{} // local name → entity package
		for _, imp := range file.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			rest, ok := strings.CutPrefix(path, module+"ent/")
			if !ok || strings.Contains(rest, "/") {
				continue
			}
			if rest == "predicate" { // nothing but query building lives there
				building[name] = append(building[name], "imports ent/predicate")
				continue
			}
			local := rest
			if imp.Name != nil {
				local = imp.Name.Name
			}
			entityPkgs[local] = rest
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			if pkg, ok := entityPkgs[x.Name]; ok && types[pkg] != nil && !types[pkg][sel.Sel.Name] &&
				!strings.HasSuffix(sel.Sel.Name, "Validator") {
				building[name] = append(building[name], x.Name+"."+sel.Sel.Name)
			}
			return true
		})
	}
	for name, calls := range building {
		if !slices.Contains(queriesStillBuiltInHandlers, name) {
			t.Errorf("%s builds ent queries itself (%s): read through a registry function instead", name, strings.Join(calls, ", "))
		}
	}
	for _, name := range queriesStillBuiltInHandlers {
		if building[name] == nil {
			t.Errorf("%s no longer builds ent queries: take it off queriesStillBuiltInHandlers", name)
		}
	}
}

// entityTypes lists, for each of ent's entity packages, the types it
// declares (Status, Kind, OrderOption…): a call of one of those is a
// conversion, not a query.
func entityTypes(t *testing.T, entities map[string]bool) map[string]map[string]bool {
	t.Helper()
	dirs, err := filepath.Glob("../../ent/*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(dirs)
	dirs = slices.Compact(slices.Collect(func(yield func(string) bool) {
		for _, f := range dirs {
			if !yield(filepath.Dir(f)) {
				return
			}
		}
	}))
	typeDecl := regexp.MustCompile(`(?m)^type (\w+)`)
	out := map[string]map[string]bool{}
	packages := map[string]bool{}
	for name := range entities {
		packages[strings.ToLower(name)] = true
	}
	for _, dir := range dirs {
		if !packages[filepath.Base(dir)] {
			continue // ent/schema, ent/migrate…: not an entity's package
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		names := map[string]bool{}
		for _, f := range files {
			src, err := os.ReadFile(f) //nolint:gosec // Hearth's own generated code
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range typeDecl.FindAllStringSubmatch(string(src), -1) {
				names[m[1]] = true
			}
		}
		out[filepath.Base(dir)] = names
	}
	if len(out["household"]) == 0 {
		t.Fatal("found no types in ent/household: entityTypes no longer reads the generated code")
	}
	return out
}
