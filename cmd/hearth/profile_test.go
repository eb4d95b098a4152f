package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestProfilesWrittenOnlyWhenAsked: with HEARTH_PROFILE_DIR unset nothing
// is profiled; with it set, stopping leaves a CPU and an allocation
// profile there. Not parallel: a process has one CPU profile at a time.
func TestProfilesWrittenOnlyWhenAsked(t *testing.T) {
	stop, err := startProfiles("")
	if err != nil || stop() != nil {
		t.Fatalf("profiles not asked for: %v", err)
	}
	dir := t.TempDir()
	stop, err = startProfiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"cpu.pprof", "allocs.pprof"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v, want a profile", name, err)
		}
	}
	if _, err := startProfiles(filepath.Join(dir, "missing")); err == nil {
		t.Error("a folder that does not exist was accepted")
	}
}
