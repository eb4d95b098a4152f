// Package config reads Hearth's settings from HEARTH_* environment variables.
package config

import (
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is every setting Hearth reads at start-up. It is passed explicitly;
// there is no package-level configuration.
type Config struct {
	// Addr is the host:port the server listens on.
	Addr string
	// DatabaseURL selects PostgreSQL when set (postgres://…); empty means the
	// embedded SQLite file under DataDir.
	DatabaseURL string
	// DataDir holds the SQLite database when DatabaseURL is empty.
	DataDir string
	// Demo seeds the demo registry into an empty database at start-up.
	Demo bool
	// LogLevel and LogFormat shape the structured logs.
	LogLevel  slog.Level
	LogFormat string
	// BodyLimit is the largest request body accepted, in bytes.
	BodyLimit int
	// MemoryLimitMB is a soft limit on the Go heap, in MiB (0: none): the
	// garbage collector works harder as the heap nears it, so a busy server
	// stays near its size rather than growing to twice what it holds. It
	// is ignored when GOMEMLIMIT is set.
	MemoryLimitMB int
	// ReadTimeout, WriteTimeout and IdleTimeout bound each connection.
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	IdleTimeout  time.Duration
	// ShutdownTimeout is how long in-flight requests get to finish on SIGTERM.
	ShutdownTimeout time.Duration
	// RequestTimeout is how long one request may take: every database call
	// and outbound message made for it gives up then.
	RequestTimeout time.Duration
	// SessionIdle and SessionMax end a browser session after this long
	// unused, and this long after sign-in however busy.
	SessionIdle time.Duration
	SessionMax  time.Duration
	// CookieSecure marks session cookies Secure; set it when a proxy
	// terminates TLS in front of Hearth. Requests that arrive over TLS, or
	// that a trusted proxy says arrived over TLS, get Secure cookies (and
	// HSTS) regardless.
	CookieSecure bool
	// TrustedProxies are the addresses (or CIDR ranges) of the proxies in
	// front of Hearth. Only from them are X-Forwarded-For (the client's
	// address, for sign-in throttling and the audit) and X-Forwarded-Proto
	// believed; from anyone else those headers are ignored, since any
	// client can send them.
	TrustedProxies []string
	// ServiceName is the fostering service's name, printed on review packs.
	ServiceName string
	// SMTPAddr (host:port) turns the daily reminder emails on; SMTPFrom is
	// their sender, SMTPUser and SMTPPassword the server's sign-in if it
	// asks for one.
	SMTPAddr, SMTPFrom     string
	SMTPUser, SMTPPassword string
	// SecretKey, when set, seals the second-factor secrets stored in the
	// database (AES-256-GCM), so that a copy of the database alone, such as
	// a leaked backup, cannot make anyone's sign-in codes. 32 bytes.
	SecretKey []byte
}

// Reminders reports whether reminder emails are configured.
func (c Config) Reminders() bool { return c.SMTPAddr != "" }

// Postgres reports whether the configured database is PostgreSQL.
func (c Config) Postgres() bool { return c.DatabaseURL != "" }

// SQLitePath is the SQLite database file used when no DatabaseURL is set.
func (c Config) SQLitePath() string { return filepath.Join(c.DataDir, "hearth.db") }

// Load reads the configuration from getenv, applying defaults. It reports
// every malformed variable at once; call Validate for the cross-checks.
func Load(getenv func(string) string) (Config, error) {
	r := reader{getenv: getenv}
	c := Config{
		Addr:            r.str("HEARTH_ADDR", "127.0.0.1:8080"),
		DatabaseURL:     r.secret("HEARTH_DATABASE_URL"),
		DataDir:         r.str("HEARTH_DATA_DIR", "data"),
		LogFormat:       r.str("HEARTH_LOG_FORMAT", "text"),
		BodyLimit:       r.integer("HEARTH_BODY_LIMIT", 4<<20),
		MemoryLimitMB:   r.integer("HEARTH_MEMORY_LIMIT_MB", 64),
		ReadTimeout:     r.duration("HEARTH_READ_TIMEOUT", 15*time.Second),
		WriteTimeout:    r.duration("HEARTH_WRITE_TIMEOUT", 60*time.Second),
		IdleTimeout:     r.duration("HEARTH_IDLE_TIMEOUT", 120*time.Second),
		ShutdownTimeout: r.duration("HEARTH_SHUTDOWN_TIMEOUT", 20*time.Second),
		RequestTimeout:  r.duration("HEARTH_REQUEST_TIMEOUT", 30*time.Second),
		SessionIdle:     r.duration("HEARTH_SESSION_IDLE", 30*time.Minute),
		SessionMax:      r.duration("HEARTH_SESSION_MAX", 12*time.Hour),
		CookieSecure:    r.boolean("HEARTH_COOKIE_SECURE", false),
		TrustedProxies:  r.addresses("HEARTH_TRUSTED_PROXIES"),
		ServiceName:     r.str("HEARTH_SERVICE_NAME", "Fostering service"),
		SMTPAddr:        r.str("HEARTH_SMTP_ADDR", ""),
		SMTPFrom:        r.str("HEARTH_SMTP_FROM", "hearth@localhost"),
		SMTPUser:        r.str("HEARTH_SMTP_USER", ""),
		SMTPPassword:    r.secret("HEARTH_SMTP_PASSWORD"),
		SecretKey:       r.key("HEARTH_SECRET_KEY"),
	}
	// The demo fills an empty embedded database so that `go run ./cmd/hearth`
	// shows something; a real PostgreSQL deployment must never get demo
	// people in it unless someone asks.
	c.Demo = r.boolean("HEARTH_DEMO", !c.Postgres())
	c.LogLevel = r.level("HEARTH_LOG_LEVEL")
	return c, errors.Join(r.errs...)
}

// Validate checks settings that are well-formed but unusable.
func (c Config) Validate() error {
	var errs []error
	if _, port, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("HEARTH_ADDR %q must be host:port, e.g. 127.0.0.1:8080", c.Addr))
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		errs = append(errs, fmt.Errorf("HEARTH_ADDR %q has an invalid port", c.Addr))
	}
	if c.Postgres() && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		errs = append(errs, errors.New("HEARTH_DATABASE_URL must start with postgres:// or postgresql://"))
	}
	if !c.Postgres() && strings.TrimSpace(c.DataDir) == "" {
		errs = append(errs, errors.New("HEARTH_DATA_DIR must not be empty"))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("HEARTH_LOG_FORMAT %q must be text or json", c.LogFormat))
	}
	if c.BodyLimit < 1024 {
		errs = append(errs, fmt.Errorf("HEARTH_BODY_LIMIT %d must be at least 1024 bytes", c.BodyLimit))
	}
	if c.MemoryLimitMB < 0 || (c.MemoryLimitMB > 0 && c.MemoryLimitMB < 32) {
		errs = append(errs, fmt.Errorf("HEARTH_MEMORY_LIMIT_MB %d must be 0 (no limit) or at least 32", c.MemoryLimitMB))
	}
	for name, d := range map[string]time.Duration{
		"HEARTH_READ_TIMEOUT": c.ReadTimeout, "HEARTH_WRITE_TIMEOUT": c.WriteTimeout,
		"HEARTH_IDLE_TIMEOUT": c.IdleTimeout, "HEARTH_SHUTDOWN_TIMEOUT": c.ShutdownTimeout,
		"HEARTH_REQUEST_TIMEOUT": c.RequestTimeout,
		"HEARTH_SESSION_IDLE":    c.SessionIdle, "HEARTH_SESSION_MAX": c.SessionMax,
	} {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("%s must be a positive duration such as 15s", name))
		}
	}
	if c.SessionIdle > c.SessionMax {
		errs = append(errs, errors.New("HEARTH_SESSION_IDLE must not be longer than HEARTH_SESSION_MAX"))
	}
	return errors.Join(errs...)
}

// reader collects parse errors so that one run reports all of them.
type reader struct {
	getenv func(string) string
	errs   []error
}

func (r *reader) str(name, def string) string {
	if v := strings.TrimSpace(r.getenv(name)); v != "" {
		return v
	}
	return def
}

// addresses reads a comma-separated list of IP addresses and CIDR ranges.
func (r *reader) addresses(name string) []string {
	var out []string
	for _, v := range strings.Split(r.getenv(name), ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(v); err != nil && net.ParseIP(v) == nil {
			r.errs = append(r.errs, fmt.Errorf("%s: %q is neither an IP address nor a CIDR range (10.0.0.0/8)", name, v))
			continue
		}
		out = append(out, v)
	}
	return out
}

// secret reads NAME, or the contents of the file named by NAME_FILE, so that
// passwords in a database URL can come from a mounted secret.
func (r *reader) secret(name string) string {
	if path := strings.TrimSpace(r.getenv(name + "_FILE")); path != "" {
		b, err := os.ReadFile(path) //nolint:gosec // the operator names the secret's file; reading it is the point
		if err != nil {
			r.errs = append(r.errs, fmt.Errorf("%s_FILE: %w", name, err))
			return ""
		}
		return strings.TrimSpace(string(b))
	}
	return strings.TrimSpace(r.getenv(name))
}

// key reads a 32-byte key given in base64 in NAME or the file NAME_FILE.
func (r *reader) key(name string) []byte {
	v := r.secret(name)
	if v == "" {
		return nil
	}
	k, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(k) != 32 {
		r.errs = append(r.errs, fmt.Errorf("%s must be 32 random bytes in base64, such as `openssl rand -base64 32` prints", name))
		return nil
	}
	return k
}

// setting reads name with parse, keeping def when it is unset or blank, and
// recording an error that says what was wanted when it does not parse.
func setting[T any](r *reader, name string, def T, parse func(string) (T, error), want string) T {
	v := strings.TrimSpace(r.getenv(name))
	if v == "" {
		return def
	}
	x, err := parse(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s %q must be %s", name, v, want))
		return def
	}
	return x
}

func (r *reader) integer(name string, def int) int {
	return setting(r, name, def, strconv.Atoi, "a whole number")
}

func (r *reader) duration(name string, def time.Duration) time.Duration {
	return setting(r, name, def, time.ParseDuration, "a duration such as 15s or 2m")
}

func (r *reader) boolean(name string, def bool) bool {
	return setting(r, name, def, strconv.ParseBool, "true or false")
}

func (r *reader) level(name string) slog.Level {
	return setting(r, name, slog.LevelInfo, func(s string) (slog.Level, error) {
		var l slog.Level
		return l, l.UnmarshalText([]byte(s))
	}, "debug, info, warn or error")
}
