package main

import (
	"fmt"
	"go/version"
	"io"
	"log/slog"
	"runtime"
	"runtime/debug"
	"strings"
)

// release is set by `task build` from the git tag (-ldflags "-X
// main.release=v1.2.3"). A build without it takes its version from the
// build information instead: the module version for `go install …@v1.2.3`,
// or the commit for a build from a checkout.
var release string

// wantGo is the Go release go.mod's toolchain line names: the oldest whose
// standard library has every security fix Hearth was checked against
// (govulncheck in .ci/run). TestWantGoIsGoMod keeps the two the same.
const wantGo = "go1.26.11"

// hearthVersion names the build: the release it was tagged as, the module
// version it was installed at, or the commit it was built from; never empty.
func hearthVersion() string {
	if release != "" {
		return release
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return versionOf(info)
}

// versionOf reads a version from build information.
func versionOf(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v // go install github.com/…/cmd/hearth@v1.2.3
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	rev := settings["vcs.revision"]
	if rev == "" {
		return "devel" // go run, or a build outside a checkout
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if settings["vcs.modified"] == "true" {
		rev += "-dirty"
	}
	return "devel+" + rev
}

// printVersion answers `hearth version`: the build, and the Go that built
// it, which decides which standard-library fixes it carries.
func printVersion(w io.Writer) {
	fmt.Fprintf(w, "hearth %s\nbuilt with %s (%s/%s)\n", hearthVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if olderGo(runtime.Version()) {
		fmt.Fprintf(w, "warning: built with %s, older than %s, which go.mod names: rebuild with 'task build' or GOTOOLCHAIN=auto\n", runtime.Version(), wantGo)
	}
}

// warnOldGo logs, at start-up, a build by a Go older than the one go.mod
// names: its standard library lacks security fixes that Hearth was checked
// with (a plain `go build` with GOTOOLCHAIN=local on an older Go does this).
func warnOldGo(logger *slog.Logger, built string) {
	if olderGo(built) {
		logger.Warn("Hearth was built with a Go older than go.mod names; its standard library lacks security fixes. Rebuild with 'task build' or GOTOOLCHAIN=auto",
			"built_with", built, "wanted", wantGo)
	}
}

// olderGo reports whether built is a release before wantGo. Development
// builds of Go ("devel go1.27-…") are not releases and are not judged.
func olderGo(built string) bool {
	if strings.HasPrefix(built, "devel") || !version.IsValid(built) {
		return false
	}
	return version.Compare(built, wantGo) < 0
}
