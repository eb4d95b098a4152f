package main

import (
	"context"
	"fmt"
	"io"
)

// runMigrate applies pending migrations and reports what it did.
func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := loadConfig("migrate", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	st, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := migrateDatabase(ctx, st)
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintf(stdout, "%s is up to date.\n", describe(cfg))
		return nil
	}
	fmt.Fprintf(stdout, "Applied %d migrations to %s.\n", n, describe(cfg))
	return nil
}
