package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/jobs"
	"github.com/hearth-registry/hearth/internal/mail"
	"github.com/hearth-registry/hearth/internal/seed"
	"github.com/hearth-registry/hearth/internal/server"
	"github.com/hearth-registry/hearth/internal/store"
)

// runServe serves Hearth until ctx ends (SIGINT or SIGTERM).
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, fs, err := loadConfig("serve", args, getenv, stderr, func(fs *flag.FlagSet, cfg *config.Config) {
		fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "host:port to listen on (HEARTH_ADDR)")
		fs.BoolVar(&cfg.Demo, "demo", cfg.Demo, "seed the demo registry into an empty database (HEARTH_DEMO)")
	})
	if err != nil {
		return err
	}
	// The demo's accounts share a published password, so by default they
	// are seeded only where no other machine can reach them; asking for the
	// demo (HEARTH_DEMO or --demo) seeds it anywhere.
	asked := getenv("HEARTH_DEMO") != ""
	fs.Visit(func(f *flag.Flag) { asked = asked || f.Name == "demo" })
	if cfg.Demo && !asked && !loopbackOnly(cfg.Addr) {
		cfg.Demo = false
		fmt.Fprintf(stdout, "Not seeding the demo registry: %s can be reached from other machines, and demo accounts share a published password (HEARTH_DEMO=true seeds it anyway).\n", cfg.Addr)
	}
	logger := newLogger(cfg, stderr)
	warnOldGo(logger, runtime.Version())
	// GOMEMLIMIT, the Go runtime's own setting, wins when an operator sets it.
	if cfg.MemoryLimitMB > 0 && getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(cfg.MemoryLimitMB) << 20)
	}
	stopProfiles, err := startProfiles(getenv("HEARTH_PROFILE_DIR"))
	if err != nil {
		return err
	}
	defer func() {
		if err := stopProfiles(); err != nil {
			logger.Error("writing the profiles", "err", err)
		}
	}()
	st, err := openStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	if cfg.Demo {
		if err := seedDemoIfEmpty(ctx, st, stdout); err != nil {
			return err
		}
	}
	if err := sealSecrets(ctx, cfg, st, logger); err != nil {
		return err
	}
	// Listen before announcing, so a port in use is one clear error.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, unwrapOp(err))
	}
	srv, err := server.New(cfg, st, logger, hearthVersion())
	if err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintf(stdout, "Hearth %s is serving http://%s (database: %s). Press Ctrl+C to stop.\n", hearthVersion(), ln.Addr(), describe(cfg))
	// The background jobs run beside the server and stop with it; their
	// state is in the database, so stopping one part-way loses nothing.
	jobsCtx, stopJobs := context.WithCancel(ctx)
	jobsDone := make(chan struct{})
	go func() {
		defer close(jobsDone)
		backgroundJobs(cfg, st, logger).Run(jobsCtx)
	}()
	err = srv.Serve(ctx, ln)
	stopJobs() // also when serving failed rather than ctx ending
	<-jobsDone
	return err
}

// backgroundJobs are the reminder emails (when SMTP is configured) and the
// recalculation of due dates after a policy or catalogue change.
func backgroundJobs(cfg config.Config, st *store.Store, logger *slog.Logger) *jobs.Runner {
	r := &jobs.Runner{Client: st.Client, Dialect: st.Dialect, Log: logger, ServiceName: cfg.ServiceName}
	if cfg.Reminders() {
		r.Mailer = mail.SMTP{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom, User: cfg.SMTPUser, Password: cfg.SMTPPassword}
	}
	return r
}

// sealSecrets seals the second-factor secrets stored as they are once a
// key is set, and refuses to serve without the key once any is sealed.
func sealSecrets(ctx context.Context, cfg config.Config, st *store.Store, logger *slog.Logger) error {
	box, err := auth.NewSecretBox(cfg.SecretKey)
	if err != nil {
		return err
	}
	n, err := auth.SealStoredSecrets(ctx, st.Client, box)
	if err != nil {
		return err
	}
	if n > 0 {
		logger.Info("sealed second-factor secrets under HEARTH_SECRET_KEY", "accounts", n)
	}
	return nil
}

// DemoPassword signs in to every demo account. It exists only in demo data,
// which is never seeded into PostgreSQL unless asked for.
const DemoPassword = "hearth-demo-only"

// DemoMFASecret is the authenticator key of every demo staff account.
const DemoMFASecret = "HEARTHDEMONLYNOTFORREALUSE234567"

// seedDemoIfEmpty fills an empty registry with the demo service, once: a
// second start finds households and leaves them alone. Either way it prints
// the demo sign-ins, so that whoever started it can get in.
func seedDemoIfEmpty(ctx context.Context, st *store.Store, stdout io.Writer) error {
	n, err := st.Client.Household.Query().Count(ctx)
	if err != nil {
		return fmt.Errorf("count households: %w", err)
	}
	if n == 0 {
		hash, err := auth.HashPassword(DemoPassword)
		if err != nil {
			return err
		}
		counts, err := seed.Run(ctx, st.Client, seed.Options{
			Households: seed.DemoHouseholds, Seed: 1, Today: civil.Today(time.Now()), Demo: true,
			DemoPasswordHash: hash, DemoMFASecret: DemoMFASecret,
		})
		if err != nil {
			return fmt.Errorf("seed the demo registry: %w", err)
		}
		fmt.Fprintf(stdout, "First start: seeded the demo registry with %d households, %d carers and %d training records.\n",
			counts.Households, counts.Carers, counts.TrainingRecords)
	}
	return printDemoSignIns(ctx, st, stdout)
}

// printDemoSignIns lists one demo account per role, only if this is the
// demo registry: a real registry's addresses are never printed.
func printDemoSignIns(ctx context.Context, st *store.Store, stdout io.Writer) error {
	if demo, err := st.Client.User.Query().Where(user.Email("admin1@hearth.example")).Exist(ctx); err != nil || !demo {
		return err
	}
	var lines []string
	for _, role := range auth.Roles {
		u, err := st.Client.User.Query().Where(user.RoleEQ(role), user.PasswordHashNEQ(""),
			user.Or(user.EmailHasSuffix("@hearth.example"), user.EmailHasSuffix("@example.net"))).
			Order(ent.Asc(user.FieldID)).First(ctx)
		if ent.IsNotFound(err) {
			continue
		}
		if err != nil {
			return fmt.Errorf("find demo accounts: %w", err)
		}
		lines = append(lines, fmt.Sprintf("  %-18s %s", role, u.Email))
	}
	if len(lines) == 0 {
		return nil
	}
	fmt.Fprintf(stdout, "DEMO DATA ONLY. Sign in as any of these with the password %q:\n%s\n"+
		"Staff accounts then ask for a code: add the key %s to an authenticator app (demo only).\n",
		DemoPassword, strings.Join(lines, "\n"), DemoMFASecret)
	return nil
}

// unwrapOp drops net.OpError's repetition of the address we already name.
func unwrapOp(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err
	}
	return err
}

// loopbackOnly reports whether addr listens on this machine alone.
func loopbackOnly(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
