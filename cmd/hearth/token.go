package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent/apitoken"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/registry"
)

const tokenUsage = "usage: hearth token issue --name NAME --role ROLE [--expires 30d]"

// runToken handles `hearth token issue`: an API token for an integration
// whose people have no browser session to ask with, such as a council
// data warehouse set up by whoever runs the server. The token is printed
// once; it answers to the command line, so deactivating an account does
// not revoke it, and it expires like any other.
func runToken(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "issue" {
		return errors.New(tokenUsage)
	}
	var in auth.NewToken
	var expires string
	cfg, _, err := loadConfig("token issue", args[1:], getenv, stderr, func(fs *flag.FlagSet, _ *config.Config) {
		fs.StringVar(&in.Name, "name", "", "what will use the token, e.g. 'nightly export to the council warehouse'")
		fs.StringVar(&in.Role, "role", "", "the role it acts with: admin, manager, ssw, reviewing_officer or adm")
		fs.StringVar(&expires, "expires", "", fmt.Sprintf("how long it lasts, in days, like 30d; at most and by default %s, or %s for an admin token",
			days(auth.TokenLifetime), days(auth.AdminTokenLifetime)))
	})
	if err != nil {
		return err
	}
	now := time.Now()
	if expires != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(expires, "d"))
		if err != nil || n < 1 || !strings.HasSuffix(expires, "d") {
			return fmt.Errorf("--expires: give a whole number of days, like 30d, not %q", expires)
		}
		at := now.Add(time.Duration(n) * 24 * time.Hour)
		in.ExpiresAt = &at
	}
	st, err := openStore(ctx, cfg, newLogger(cfg, stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	// No Issuer: the command line answers for the token, not an account.
	token, created, err := auth.CreateToken(ctx, st.Client, registry.System("hearth token issue"), in, now)
	if err != nil {
		return tokenFieldErrors(err)
	}
	fmt.Fprintf(stdout, "Issued the %s token %q (token %d), which expires on %s.\n",
		created.Role, created.Name, created.ID, created.ExpiresAt.UTC().Format("2 January 2006 at 15:04 UTC"))
	fmt.Fprintf(stdout, "Token, shown only now: %s\n", token)
	return nil
}

// tokenFieldErrors names the command's flags in a validation error: the
// expiry is --expires here, expires_at in the API.
func tokenFieldErrors(err error) error {
	var e *registry.Error
	if errors.As(err, &e) {
		if msg, ok := e.Fields["expires_at"]; ok {
			e.Fields["expires"] = msg
			delete(e.Fields, "expires_at")
		}
	}
	return fieldErrors(err, map[string]string{"role": roleValues([]apitoken.Role{apitoken.RoleAdmin, apitoken.RoleManager,
		apitoken.RoleSsw, apitoken.RoleReviewingOfficer, apitoken.RoleAdm})})
}

// days writes a lifetime as the flag takes it.
func days(d time.Duration) string { return strconv.Itoa(int(d.Hours()/24)) + "d" }
