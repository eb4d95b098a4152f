package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/csvimport"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// runImport handles "hearth import --kind K [--dry-run] FILE": a CSV file
// checked row by row and, when all of it is right, written. It needs the
// database and the request checks, and no web server (csvimport's tests
// show that its dependencies hold none).
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	path, args := fileArg(args)
	var kind string
	var dryRun bool
	cfg, _, err := loadConfig("import", args, getenv, stderr, func(fs *flag.FlagSet, _ *config.Config) {
		fs.StringVar(&kind, "kind", "", "the file's layout: "+strings.Join(csvimport.Kinds(), ", ")+" (docs/import.md)")
		fs.BoolVar(&dryRun, "dry-run", false, "check the file and report, writing nothing")
	})
	if err != nil {
		return err
	}
	if path == "" || kind == "" {
		return fmt.Errorf("name the layout and the file: hearth import --kind %s FILE", strings.Join(csvimport.Kinds(), "|"))
	}
	f, err := os.Open(path) //nolint:gosec // the operator names the file to import
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := openCurrent(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	valid, err := request.NewValidator(time.Now)
	if err != nil {
		return err
	}
	r, err := csvimport.New(st.Client, valid).Import(ctx, registry.System("hearth import "+path), registry.Viewer{Role: user.RoleAdmin}, kind, f, dryRun)
	if err != nil {
		return err
	}
	for _, p := range r.Problems {
		fmt.Fprintln(stdout, p.String())
	}
	switch {
	case len(r.Problems) > 0:
		return fmt.Errorf("%s: %d problems in %d rows; nothing was written", path, len(r.Problems), r.Rows)
	case dryRun:
		fmt.Fprintf(stdout, "%s: %d rows, all right: %d to add, %d already there. Nothing was written (dry run).\n", path, r.Rows, r.Rows-r.Already, r.Already)
	default:
		fmt.Fprintf(stdout, "%s: %d rows: %d added, %d already there.\n", path, r.Rows, r.Added, r.Already)
	}
	return nil
}
