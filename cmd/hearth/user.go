package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/registry"
)

// runUser handles `hearth user add`, the way the first administrator is
// made; administrators manage everyone else in the application.
func runUser(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: hearth user add --email EMAIL --name NAME --role ROLE [--password-file FILE]")
	}
	var in auth.NewUser
	var passwordFile string
	cfg, _, err := loadConfig("user add", args[1:], getenv, stderr, func(fs *flag.FlagSet, _ *config.Config) {
		fs.StringVar(&in.Email, "email", "", "the person's email address, used to sign in")
		fs.StringVar(&in.Name, "name", "", "the person's name as colleagues know it")
		fs.StringVar(&in.Role, "role", "", "one of: admin, manager, ssw, reviewing_officer, adm, panel_member, carer")
		fs.StringVar(&passwordFile, "password-file", "", "read the password from this file; without it a strong one is generated and shown once")
	})
	if err != nil {
		return err
	}
	generated := passwordFile == ""
	if generated {
		in.Password = rand.Text() // 26 characters, 130 bits
	} else {
		b, err := os.ReadFile(passwordFile) //nolint:gosec // the operator names the password's file
		if err != nil {
			return fmt.Errorf("--password-file: %w", err)
		}
		in.Password = strings.TrimRight(string(b), "\r\n")
	}
	logger := newLogger(cfg, stderr)
	st, err := openStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := auth.CreateUser(ctx, st.Client, registry.System("hearth user add"), in)
	if err != nil {
		return fieldErrors(err, map[string]string{"role": roleValues(auth.Roles)})
	}
	fmt.Fprintf(stdout, "Created the %s account for %s (user %d).\n", u.Role, u.Email, u.ID)
	if generated {
		fmt.Fprintf(stdout, "Password, shown only now: %s\n", in.Password)
	}
	return nil
}

// fieldErrors spells out a validation error's fields, in a stable order, for
// the command line. values adds, for a choice, the values the flag takes:
// the messages are written for people choosing on a page, and name none.
func fieldErrors(err error, values map[string]string) error {
	var e *registry.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	names := make([]string, 0, len(e.Fields))
	for name := range e.Fields {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = "--" + name + ": " + e.Fields[name]
		if v, ok := values[name]; ok {
			parts[i] += " (" + v + ")"
		}
	}
	return errors.New(strings.Join(parts, "; "))
}

// roleValues lists roles as the --role flag takes them.
func roleValues[R ~string](roles []R) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	return "one of " + strings.Join(names, ", ")
}
