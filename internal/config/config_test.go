package config_test

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/config"
)

// env returns a getenv that reads only from m.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// load calls Load with m as the environment and fails the test on an error.
func load(t *testing.T, m map[string]string) config.Config {
	t.Helper()
	c, err := config.Load(env(m))
	if err != nil {
		t.Fatalf("Load(%v): %v", m, err)
	}
	return c
}

// wantErrNaming fails the test unless err is non-nil and mentions every name.
func wantErrNaming(t *testing.T, err error, names ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one naming %v", names)
	}
	for _, name := range names {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
}

// TestLoadDefaults proves an empty environment gives the documented defaults
// with the demo on for the embedded database.
func TestLoadDefaults(t *testing.T) {
	t.Parallel()
	c := load(t, map[string]string{})
	checks := []struct {
		name      string
		got, want any
	}{
		{"Addr", c.Addr, "127.0.0.1:8080"},
		{"DatabaseURL", c.DatabaseURL, ""},
		{"DataDir", c.DataDir, "data"},
		{"Demo", c.Demo, true},
		{"Postgres", c.Postgres(), false},
		{"LogLevel", c.LogLevel, slog.LevelInfo},
		{"LogFormat", c.LogFormat, "text"},
		{"BodyLimit", c.BodyLimit, 4 * 1024 * 1024},
		{"ReadTimeout", c.ReadTimeout, 15 * time.Second},
		{"WriteTimeout", c.WriteTimeout, 60 * time.Second},
		{"IdleTimeout", c.IdleTimeout, 120 * time.Second},
		{"ShutdownTimeout", c.ShutdownTimeout, 20 * time.Second},
		{"RequestTimeout", c.RequestTimeout, 30 * time.Second},
		{"SQLitePath", c.SQLitePath(), filepath.Join("data", "hearth.db")},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %#v, want %#v", ch.name, ch.got, ch.want)
		}
	}
}

// TestLoadOverrides proves each HEARTH_* variable replaces its default,
// with surrounding whitespace ignored.
func TestLoadOverrides(t *testing.T) {
	t.Parallel()
	c := load(t, map[string]string{
		"HEARTH_ADDR":             " 0.0.0.0:9000 ",
		"HEARTH_DATA_DIR":         "/var/lib/hearth",
		"HEARTH_LOG_FORMAT":       "json",
		"HEARTH_LOG_LEVEL":        "debug",
		"HEARTH_BODY_LIMIT":       "2048",
		"HEARTH_READ_TIMEOUT":     "5s",
		"HEARTH_WRITE_TIMEOUT":    "2m",
		"HEARTH_IDLE_TIMEOUT":     " 1h ",
		"HEARTH_SHUTDOWN_TIMEOUT": "30s",
		"HEARTH_REQUEST_TIMEOUT":  "10s",
	})
	checks := []struct {
		name      string
		got, want any
	}{
		{"Addr", c.Addr, "0.0.0.0:9000"},
		{"DataDir", c.DataDir, "/var/lib/hearth"},
		{"LogFormat", c.LogFormat, "json"},
		{"LogLevel", c.LogLevel, slog.LevelDebug},
		{"BodyLimit", c.BodyLimit, 2048},
		{"ReadTimeout", c.ReadTimeout, 5 * time.Second},
		{"WriteTimeout", c.WriteTimeout, 2 * time.Minute},
		{"IdleTimeout", c.IdleTimeout, time.Hour},
		{"ShutdownTimeout", c.ShutdownTimeout, 30 * time.Second},
		{"RequestTimeout", c.RequestTimeout, 10 * time.Second},
		{"SQLitePath", c.SQLitePath(), filepath.Join("/var/lib/hearth", "hearth.db")},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %#v, want %#v", ch.name, ch.got, ch.want)
		}
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate(): %v", err)
	}
}

// TestLoadDemo proves the demo defaults on only for the embedded database
// and that HEARTH_DEMO overrides the default either way.
func TestLoadDemo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		want bool
	}{
		{name: "OnForSQLite", env: map[string]string{}, want: true},
		{name: "OffForPostgres", env: map[string]string{"HEARTH_DATABASE_URL": "postgres://h@db/hearth"}, want: false},
		{name: "OffWhenAsked", env: map[string]string{"HEARTH_DEMO": "false"}, want: false},
		{name: "OnWhenAskedForPostgres", env: map[string]string{"HEARTH_DEMO": "true", "HEARTH_DATABASE_URL": "postgres://h@db/hearth"}, want: true},
		{name: "OffWhenAskedNumerically", env: map[string]string{"HEARTH_DEMO": "0"}, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := load(t, tt.env).Demo; got != tt.want {
				t.Errorf("Demo = %t, want %t", got, tt.want)
			}
		})
	}
}

// TestLoadDatabaseURL proves HEARTH_DATABASE_URL is read and trimmed and
// selects PostgreSQL.
func TestLoadDatabaseURL(t *testing.T) {
	t.Parallel()
	c := load(t, map[string]string{"HEARTH_DATABASE_URL": "  postgres://h@db/hearth\n"})
	if c.DatabaseURL != "postgres://h@db/hearth" {
		t.Errorf("DatabaseURL = %q, want postgres://h@db/hearth", c.DatabaseURL)
	}
	if !c.Postgres() {
		t.Error("Postgres() = false with a database URL set")
	}
}

// TestLoadDatabaseURLFile proves the URL can come from the file named by
// HEARTH_DATABASE_URL_FILE, trimmed, in preference to HEARTH_DATABASE_URL.
func TestLoadDatabaseURLFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "database-url")
	const url = "postgresql://hearth:s3cret@db:5432/hearth?sslmode=require"
	if err := os.WriteFile(path, []byte("\n  "+url+"  \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := load(t, map[string]string{
		"HEARTH_DATABASE_URL_FILE": path,
		"HEARTH_DATABASE_URL":      "postgres://ignored@elsewhere/other",
	})
	if c.DatabaseURL != url {
		t.Errorf("DatabaseURL = %q, want %q", c.DatabaseURL, url)
	}
	if c.Demo {
		t.Error("Demo = true for a PostgreSQL URL read from a file, want false")
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate(): %v", err)
	}
}

// TestLoadDatabaseURLFileMissing proves an unreadable secret file is an
// error naming HEARTH_DATABASE_URL_FILE rather than a silent SQLite fallback.
func TestLoadDatabaseURLFileMissing(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "does-not-exist")
	_, err := config.Load(env(map[string]string{"HEARTH_DATABASE_URL_FILE": path}))
	wantErrNaming(t, err, "HEARTH_DATABASE_URL_FILE", path)
}

// TestLoadMalformed proves each malformed variable is reported, by name, and
// that several are reported together in one error.
func TestLoadMalformed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		env   map[string]string
		names []string
	}{
		{name: "ErrBodyLimit", env: map[string]string{"HEARTH_BODY_LIMIT": "lots"}, names: []string{"HEARTH_BODY_LIMIT", `"lots"`}},
		{name: "ErrMemoryLimit", env: map[string]string{"HEARTH_MEMORY_LIMIT_MB": "lots"}, names: []string{"HEARTH_MEMORY_LIMIT_MB", `"lots"`}},
		{name: "ErrTrustedProxy", env: map[string]string{"HEARTH_TRUSTED_PROXIES": "10.0.0.0/8, proxy.local"}, names: []string{"HEARTH_TRUSTED_PROXIES", `"proxy.local"`}},
		{name: "ErrReadTimeout", env: map[string]string{"HEARTH_READ_TIMEOUT": "soon"}, names: []string{"HEARTH_READ_TIMEOUT", `"soon"`}},
		{name: "ErrWriteTimeout", env: map[string]string{"HEARTH_WRITE_TIMEOUT": "60"}, names: []string{"HEARTH_WRITE_TIMEOUT"}},
		{name: "ErrIdleTimeout", env: map[string]string{"HEARTH_IDLE_TIMEOUT": "x"}, names: []string{"HEARTH_IDLE_TIMEOUT"}},
		{name: "ErrShutdownTimeout", env: map[string]string{"HEARTH_SHUTDOWN_TIMEOUT": "x"}, names: []string{"HEARTH_SHUTDOWN_TIMEOUT"}},
		{name: "ErrDemo", env: map[string]string{"HEARTH_DEMO": "maybe"}, names: []string{"HEARTH_DEMO", `"maybe"`}},
		{name: "ErrLogLevel", env: map[string]string{"HEARTH_LOG_LEVEL": "loud"}, names: []string{"HEARTH_LOG_LEVEL", `"loud"`}},
		{
			name:  "ErrAllAtOnce",
			env:   map[string]string{"HEARTH_BODY_LIMIT": "lots", "HEARTH_READ_TIMEOUT": "soon", "HEARTH_DEMO": "maybe"},
			names: []string{"HEARTH_BODY_LIMIT", "HEARTH_READ_TIMEOUT", "HEARTH_DEMO"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := config.Load(env(tt.env))
			wantErrNaming(t, err, tt.names...)
		})
	}
}

// TestLoadMalformedKeepsDefaults proves a malformed value falls back to its
// default while the well-formed values around it are still read.
func TestLoadMalformedKeepsDefaults(t *testing.T) {
	t.Parallel()
	c, err := config.Load(env(map[string]string{
		"HEARTH_BODY_LIMIT":   "lots",
		"HEARTH_READ_TIMEOUT": "soon",
		"HEARTH_ADDR":         ":9000",
	}))
	if err == nil {
		t.Fatal("Load: got no error for malformed values")
	}
	if c.BodyLimit != 4<<20 || c.ReadTimeout != 15*time.Second {
		t.Errorf("BodyLimit, ReadTimeout = %d, %v, want defaults 4194304, 15s", c.BodyLimit, c.ReadTimeout)
	}
	if c.Addr != ":9000" {
		t.Errorf("Addr = %q, want :9000", c.Addr)
	}
}

// TestValidateDefaults proves the defaults from an empty environment pass
// validation.
func TestValidateDefaults(t *testing.T) {
	t.Parallel()
	if err := load(t, map[string]string{}).Validate(); err != nil {
		t.Errorf("Validate() of defaults: %v", err)
	}
}

// TestValidate proves each well-formed but unusable setting is rejected by an
// error that names its variable, and that usable edge cases are accepted.
func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string // variable the error must name; "" means valid
	}{
		{name: "OKPostgres", env: map[string]string{"HEARTH_DATABASE_URL": "postgres://h@db/hearth"}},
		{name: "OKPostgresql", env: map[string]string{"HEARTH_DATABASE_URL": "postgresql://h@db/hearth"}},
		{name: "OKAnyHost", env: map[string]string{"HEARTH_ADDR": ":8080"}},
		{name: "OKIPv6", env: map[string]string{"HEARTH_ADDR": "[::1]:8080"}},
		{name: "OKHighestPort", env: map[string]string{"HEARTH_ADDR": "localhost:65535"}},
		{name: "OKJSONLogs", env: map[string]string{"HEARTH_LOG_FORMAT": "json"}},
		{name: "OKSmallestBodyLimit", env: map[string]string{"HEARTH_BODY_LIMIT": "1024"}},
		{name: "OKNoMemoryLimit", env: map[string]string{"HEARTH_MEMORY_LIMIT_MB": "0"}},
		{name: "ErrMemoryLimitTooSmall", env: map[string]string{"HEARTH_MEMORY_LIMIT_MB": "8"}, wantErr: "HEARTH_MEMORY_LIMIT_MB"},
		{name: "ErrMemoryLimitNegative", env: map[string]string{"HEARTH_MEMORY_LIMIT_MB": "-1"}, wantErr: "HEARTH_MEMORY_LIMIT_MB"},
		{name: "ErrAddrWithoutPort", env: map[string]string{"HEARTH_ADDR": "localhost"}, wantErr: "HEARTH_ADDR"},
		{name: "ErrPortTooHigh", env: map[string]string{"HEARTH_ADDR": "localhost:70000"}, wantErr: "HEARTH_ADDR"},
		{name: "ErrPortNotNumber", env: map[string]string{"HEARTH_ADDR": "localhost:http"}, wantErr: "HEARTH_ADDR"},
		{name: "ErrMySQL", env: map[string]string{"HEARTH_DATABASE_URL": "mysql://x"}, wantErr: "HEARTH_DATABASE_URL"},
		{name: "ErrLogFormat", env: map[string]string{"HEARTH_LOG_FORMAT": "xml"}, wantErr: "HEARTH_LOG_FORMAT"},
		{name: "ErrBodyLimitTooSmall", env: map[string]string{"HEARTH_BODY_LIMIT": "10"}, wantErr: "HEARTH_BODY_LIMIT"},
		{name: "ErrBodyLimitNegative", env: map[string]string{"HEARTH_BODY_LIMIT": "-1"}, wantErr: "HEARTH_BODY_LIMIT"},
		{name: "ErrReadTimeoutZero", env: map[string]string{"HEARTH_READ_TIMEOUT": "0s"}, wantErr: "HEARTH_READ_TIMEOUT"},
		{name: "ErrWriteTimeoutNegative", env: map[string]string{"HEARTH_WRITE_TIMEOUT": "-5s"}, wantErr: "HEARTH_WRITE_TIMEOUT"},
		{name: "ErrIdleTimeoutZero", env: map[string]string{"HEARTH_IDLE_TIMEOUT": "0"}, wantErr: "HEARTH_IDLE_TIMEOUT"},
		{name: "ErrShutdownTimeoutNegative", env: map[string]string{"HEARTH_SHUTDOWN_TIMEOUT": "-1s"}, wantErr: "HEARTH_SHUTDOWN_TIMEOUT"},
		{name: "ErrRequestTimeoutZero", env: map[string]string{"HEARTH_REQUEST_TIMEOUT": "0s"}, wantErr: "HEARTH_REQUEST_TIMEOUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := load(t, tt.env).Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("Validate(): %v", err)
				}
				return
			}
			wantErrNaming(t, err, tt.wantErr)
		})
	}
}

// TestValidateEmptyDataDir proves the embedded database needs a data
// directory, but PostgreSQL does not.
func TestValidateEmptyDataDir(t *testing.T) {
	t.Parallel()
	c := load(t, map[string]string{})
	c.DataDir = " "
	wantErrNaming(t, c.Validate(), "HEARTH_DATA_DIR")

	c.DatabaseURL = "postgres://h@db/hearth"
	if err := c.Validate(); err != nil {
		t.Errorf("Validate() with PostgreSQL and no data dir: %v", err)
	}
}

// TestValidateAllAtOnce proves Validate reports every problem in one error.
func TestValidateAllAtOnce(t *testing.T) {
	t.Parallel()
	c := load(t, map[string]string{
		"HEARTH_ADDR":             "localhost",
		"HEARTH_LOG_FORMAT":       "xml",
		"HEARTH_BODY_LIMIT":       "10",
		"HEARTH_SHUTDOWN_TIMEOUT": "-1s",
	})
	wantErrNaming(t, c.Validate(), "HEARTH_ADDR", "HEARTH_LOG_FORMAT", "HEARTH_BODY_LIMIT", "HEARTH_SHUTDOWN_TIMEOUT")
}

// TestSQLitePath proves the SQLite file is hearth.db inside DataDir.
func TestSQLitePath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		dataDir string
		want    string
	}{
		{name: "Default", dataDir: "", want: "data/hearth.db"},
		{name: "Custom", dataDir: "/srv/hearth", want: "/srv/hearth/hearth.db"},
		{name: "TrailingSlash", dataDir: "/srv/hearth/", want: "/srv/hearth/hearth.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := load(t, map[string]string{"HEARTH_DATA_DIR": tt.dataDir}).SQLitePath()
			if filepath.ToSlash(got) != tt.want {
				t.Errorf("SQLitePath() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLoadSecretKey shows the second-factor key read from a file as
// `openssl rand -base64 32` writes it, and a key of the wrong size refused
// with a message that says how to make one.
func TestLoadSecretKey(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "secret-key")
	if err := os.WriteFile(path, []byte("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if c := load(t, map[string]string{"HEARTH_SECRET_KEY_FILE": path}); string(c.SecretKey) != "0123456789abcdef0123456789abcdef" {
		t.Errorf("SecretKey = %q", c.SecretKey)
	}
	if c := load(t, map[string]string{}); c.SecretKey != nil {
		t.Errorf("SecretKey without the setting = %q, want none", c.SecretKey)
	}
	for _, bad := range []string{"c2hvcnQ=", "not base64 at all!", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMTIz"} {
		_, err := config.Load(env(map[string]string{"HEARTH_SECRET_KEY": bad}))
		wantErrNaming(t, err, "HEARTH_SECRET_KEY", "openssl rand -base64 32")
	}
}
