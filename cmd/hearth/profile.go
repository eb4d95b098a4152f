package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
)

// startProfiles writes the server's profiles into dir when the operator
// sets HEARTH_PROFILE_DIR (the load test does, with -profile): cpu.pprof
// from start to stop, and allocs.pprof, every allocation since start, at
// stop. Profiling costs a few per cent of CPU, so it is off unless asked
// for; it is a file, not an HTTP endpoint, so nothing more is exposed.
// The returned function stops the profiles and must be called once.
func startProfiles(dir string) (stop func() error, err error) {
	if dir == "" {
		return func() error { return nil }, nil
	}
	cpu, err := os.Create(filepath.Join(dir, "cpu.pprof")) //nolint:gosec // a folder the operator named
	if err != nil {
		return nil, fmt.Errorf("HEARTH_PROFILE_DIR: %w", err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		cpu.Close()
		return nil, fmt.Errorf("HEARTH_PROFILE_DIR: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		errCPU := cpu.Close()
		allocs, err := os.Create(filepath.Join(dir, "allocs.pprof")) //nolint:gosec // as above
		if err != nil {
			return errors.Join(errCPU, err)
		}
		errAllocs := pprof.Lookup("allocs").WriteTo(allocs, 0)
		return errors.Join(errCPU, errAllocs, allocs.Close())
	}, nil
}
