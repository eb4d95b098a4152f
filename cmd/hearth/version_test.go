package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersion shows the version command naming the build and the Go that
// built it, with the release a tagged build carries.
func TestVersion(t *testing.T) {
	t.Parallel()
	var out syncBuffer
	if err := run(context.Background(), []string{"version"}, env(nil), &out, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if !regexp.MustCompile(`^hearth \S+$`).MatchString(lines[0]) || len(lines) < 2 || !strings.HasPrefix(lines[1], "built with "+runtime.Version()+" ") {
		t.Errorf("version printed %q", out.String())
	}

	defer func(old string) { release = old }(release)
	release = "v1.4.2"
	out = syncBuffer{}
	if err := run(context.Background(), []string{"version"}, env(nil), &out, &out); err != nil || !strings.HasPrefix(out.String(), "hearth v1.4.2\n") {
		t.Errorf("a tagged build printed %q (%v)", out.String(), err)
	}
}

// TestVersionOf reads the version from each kind of build information:
// `go install …@v1.2.3`, a build in a checkout (clean or not), and a build
// with no version control, which still says something.
func TestVersionOf(t *testing.T) {
	t.Parallel()
	setting := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	for _, c := range []struct {
		main     string
		settings []debug.BuildSetting
		want     string
	}{
		{"v1.2.3", nil, "v1.2.3"},
		{"v1.2.4-0.20261201120000-0123456789ab", nil, "v1.2.4-0.20261201120000-0123456789ab"},
		{"(devel)", setting("vcs.revision", "0123456789abcdef0123", "vcs.modified", "false"), "devel+0123456789ab"},
		{"(devel)", setting("vcs.revision", "0123456789abcdef0123", "vcs.modified", "true"), "devel+0123456789ab-dirty"},
		{"(devel)", nil, "devel"},
		{"", nil, "devel"},
	} {
		info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/hearth-registry/hearth", Version: c.main}, Settings: c.settings}
		if got := versionOf(info); got != c.want {
			t.Errorf("versionOf(%q, %v) = %q, want %q", c.main, c.settings, got, c.want)
		}
	}
}

// TestWantGoIsGoMod keeps wantGo the toolchain go.mod names, so that the
// start-up warning is about the Go the project was checked with.
func TestWantGoIsGoMod(t *testing.T) {
	t.Parallel()
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^toolchain (\S+)$`).FindSubmatch(mod)
	if m == nil || string(m[1]) != wantGo {
		t.Errorf("go.mod's toolchain is %q, wantGo is %q", m, wantGo)
	}
}

// TestOldGoWarning shows serve's warning for a build by an older Go, and
// none for the Go go.mod names, a newer one, or a development build.
func TestOldGoWarning(t *testing.T) {
	t.Parallel()
	for built, warns := range map[string]bool{
		"go1.26.8": true, "go1.25.3": true, wantGo: false, "go1.27.0": false, "devel go1.27-abcdef": false,
	} {
		var log bytes.Buffer
		warnOldGo(slog.New(slog.NewTextHandler(&log, nil)), built)
		if got := strings.Contains(log.String(), "built_with="+built) && strings.Contains(log.String(), "wanted="+wantGo); got != warns {
			t.Errorf("built with %q: warned %v, want %v (%q)", built, got, warns, log.String())
		}
	}
}
