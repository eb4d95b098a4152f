package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/store"
)

const usage = `Hearth: foster carer review and training registry.

Usage: hearth [command] [flags]

Commands:
  serve     serve the web application and API (the default)
  migrate   apply pending database migrations and exit
  seed      fill an empty registry with demo or scale data
  user add  create an account (the first administrator is made this way)
  token issue  issue an API token for an integration, printed once
  import    read households, members, training, health assessments or DBS checks from a CSV file (--dry-run checks only)
  backup    copy the SQLite database to a new file, while it runs
  purge     destroy the records past their retention period (--dry-run lists them)
  version   print the version and the Go it was built with

Run 'hearth COMMAND -h' for a command's flags. Settings come from HEARTH_*
environment variables; see README.md.`

// run is the whole program: main only adds the signal context and the exit
// code, so tests drive run directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
		if err != nil {
			err = oneLine(err)
		}
	}()
	command := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		command, args = args[0], args[1:]
	}
	switch command {
	case "serve":
		return runServe(ctx, args, getenv, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args, getenv, stdout, stderr)
	case "seed":
		return runSeed(ctx, args, getenv, stdout, stderr)
	case "user":
		return runUser(ctx, args, getenv, stdout, stderr)
	case "token":
		return runToken(ctx, args, getenv, stdout, stderr)
	case "import":
		return runImport(ctx, args, getenv, stdout, stderr)
	case "backup":
		return runBackup(ctx, args, getenv, stdout, stderr)
	case "purge":
		return runPurge(ctx, args, getenv, stdout, stderr)
	case "version":
		printVersion(stdout)
		return nil
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q; run 'hearth help' for the list", command)
}

// oneLine folds a multi-part error (several bad settings at once, or a
// driver's report of each address it tried) onto one line without repeats,
// so that an operator sees every problem without a wall of text.
func oneLine(err error) error {
	var parts []string
	seen := map[string]bool{}
	for _, line := range strings.Split(err.Error(), "\n") {
		for _, part := range strings.Split(line, "; ") {
			part = strings.Join(strings.Fields(part), " ")
			if part != "" && !seen[part] {
				seen[part] = true
				parts = append(parts, part)
			}
		}
	}
	return errors.New(strings.ReplaceAll(strings.Join(parts, "; "), ":; ", ": "))
}

// commonFlags are the settings every command that touches the database
// takes as flags as well as environment variables.
func commonFlags(fs *flag.FlagSet, cfg *config.Config) {
	fs.StringVar(&cfg.DatabaseURL, "database-url", cfg.DatabaseURL, "PostgreSQL URL (HEARTH_DATABASE_URL); empty for SQLite")
	fs.StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "folder for the SQLite database (HEARTH_DATA_DIR)")
}

// loadConfig reads the environment, lets flags override it, and validates
// the result.
func loadConfig(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet, *config.Config)) (config.Config, *flag.FlagSet, error) {
	cfg, err := config.Load(getenv)
	if err != nil {
		// Load kept defaults for the malformed values; say what else is wrong too.
		return cfg, nil, fmt.Errorf("configuration: %w", errors.Join(err, cfg.Validate()))
	}
	fs := flag.NewFlagSet("hearth "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	commonFlags(fs, &cfg)
	if extra != nil {
		extra(fs, &cfg)
	}
	if err := fs.Parse(args); err != nil {
		return cfg, fs, err
	}
	if fs.NArg() > 0 {
		return cfg, fs, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err := cfg.Validate(); err != nil {
		return cfg, fs, fmt.Errorf("configuration: %w", err)
	}
	return cfg, fs, nil
}

// openStore opens and migrates the configured database.
func openStore(ctx context.Context, cfg config.Config, logger *slog.Logger) (*store.Store, error) {
	st, err := openDatabase(ctx, cfg)
	if err != nil {
		return nil, err
	}
	n, err := migrateDatabase(ctx, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	if n > 0 {
		logger.Info("applied migrations", "count", n, "database", describe(cfg))
	}
	return st, nil
}

// describe names the database for messages without printing a password.
func describe(cfg config.Config) string {
	if !cfg.Postgres() {
		return "SQLite " + cfg.SQLitePath()
	}
	url := cfg.DatabaseURL
	if at := strings.LastIndex(url, "@"); at > 0 {
		if scheme := strings.Index(url, "://"); scheme > 0 {
			url = url[:scheme+3] + "…" + url[at:]
		}
	}
	return "PostgreSQL " + url
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
