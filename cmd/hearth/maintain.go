package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
)

// runBackup handles "hearth backup PATH": a consistent copy of the SQLite
// database, made while the server may be running.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	path, args := fileArg(args)
	cfg, _, err := loadConfig("backup", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	if path == "" {
		return fmt.Errorf("name the file to write: hearth backup PATH")
	}
	st, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, path); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up %s to %s.\n", describe(cfg), path)
	return nil
}

// runPurge handles "hearth purge [--dry-run]": the households past their
// retention period (reg 32), listed, or destroyed with an audit entry of
// what went (counts and references, not the data), their data removed
// from the audit trail's earlier entries too.
func runPurge(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var dryRun bool
	cfg, _, err := loadConfig("purge", args, getenv, stderr, func(fs *flag.FlagSet, _ *config.Config) {
		fs.BoolVar(&dryRun, "dry-run", false, "list what is past its retention period, and destroy nothing")
	})
	if err != nil {
		return err
	}
	st, err := openCurrent(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	found, err := registry.PurgeCandidates(ctx, st.Client, civil.Today(time.Now()))
	if err != nil {
		return err
	}
	if len(found) == 0 {
		fmt.Fprintln(stdout, "Nothing is past its retention period.")
		return nil
	}
	verb := "Would destroy"
	if !dryRun {
		verb = "Destroyed"
	}
	for _, c := range found {
		line := fmt.Sprintf("%s %s (%s, ended %s, kept until %s)", verb, c.Reference, c.Status, c.EndedOn, c.KeptUntil)
		if !dryRun {
			counts, err := registry.Purge(ctx, st.Client, registry.System("hearth purge"), c)
			if err != nil {
				return err
			}
			line += ": " + countList(counts)
		}
		fmt.Fprintln(stdout, line)
	}
	if dryRun {
		fmt.Fprintf(stdout, "%d households are past their retention period. Run hearth purge to destroy their records.\n", len(found))
	}
	return nil
}

func countList(counts map[string]int) string {
	var parts []string
	for what, n := range counts {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ReplaceAll(what, "_", " ")))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// openCurrent opens the configured database for a command that changes
// records, refusing one with migrations pending: its schema is not the one
// this program writes.
func openCurrent(ctx context.Context, cfg config.Config) (*store.Store, error) {
	st, err := openDatabase(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if n, err := st.Pending(ctx); err != nil || n > 0 {
		st.Close()
		if err == nil {
			err = fmt.Errorf("the database has %d migrations pending: run hearth migrate first", n)
		}
		return nil, err
	}
	return st, nil
}

// fileArg splits off a command's last argument when it is a file rather
// than a flag: "hearth backup PATH", "hearth import --kind K FILE".
func fileArg(args []string) (string, []string) {
	if n := len(args); n > 0 && !strings.HasPrefix(args[n-1], "-") {
		return args[n-1], args[:n-1]
	}
	return "", args
}
