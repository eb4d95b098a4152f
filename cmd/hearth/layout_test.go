package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLayoutNamesEveryPackage finds each folder of cmd/ and internal/ in
// the layout the README and docs/design.md show a newcomer, so a new
// package cannot land unexplained.
func TestLayoutNamesEveryPackage(t *testing.T) {
	t.Parallel()
	var dirs []string
	for _, top := range []string{"../../cmd", "../../internal"} {
		entries, err := os.ReadDir(top)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() {
				dirs = append(dirs, filepath.Base(top)+"/"+e.Name()+"/")
			}
		}
	}
	if len(dirs) < 15 {
		t.Fatalf("found only %d packages: the search no longer sees them", len(dirs))
	}
	for _, doc := range []string{"../../README.md", "../../docs/design.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirs {
			if !strings.Contains(string(b), "\n"+d) {
				t.Errorf("%s's layout does not name %s", filepath.Base(doc), d)
			}
		}
	}
}
