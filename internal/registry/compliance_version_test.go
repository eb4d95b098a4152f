package registry_test

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/duestate"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/seed"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

var updateFingerprint = flag.Bool("update-rules", false, "rewrite testdata/rules.fingerprint")

const fingerprintFile = "testdata/rules.fingerprint"

// TestRulesFingerprint guards compliance.RulesVersion. It works out the
// items of a generated service of 300 households and compares a hash of
// them with the one recorded for the current version: a change to the
// rules' output without a new version would leave every stored item dated
// by the old rules after an upgrade.
// It sees only what the generated service exercises: a change that no
// generated household reaches (a planned meeting date on a scheduled
// review, say) needs the version raised by hand all the same.
func TestRulesFingerprint(t *testing.T) {
	t.Parallel()
	st := storetest.New(t, dialect.SQLite)
	ctx := context.Background()
	_, err := seed.Run(ctx, st.Client, seed.Options{Households: 300, Seed: 11, Today: civil.MustParse("2026-11-27")})
	if err != nil {
		t.Fatal(err)
	}
	rows := st.Client.DueItem.Query().AllX(ctx)
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s", r.HouseholdReference, r.Kind, r.SubjectKind, r.SubjectName,
			r.What, r.DueOn, r.Reason, r.Source)
	}
	slices.Sort(lines)
	got := fmt.Sprintf("rules %d items %d sha256 %x\n", compliance.RulesVersion, len(lines),
		sha256.Sum256([]byte(strings.Join(lines, "\n"))))
	if *updateFingerprint {
		if err := os.WriteFile(fingerprintFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(fingerprintFile)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the rules' output or version changed:\n got  %s want %s"+
			"If the rules changed, raise compliance.RulesVersion so that start-up works stored items out again; "+
			"then (or if only the seed generator changed) run: go test ./internal/registry -run TestRulesFingerprint -update-rules",
			got, want)
	}
}

// TestDueItemsFollowRulesVersion shows start-up works the items out again
// when they were stored under other rules, and leaves them alone when not.
func TestDueItemsFollowRulesVersion(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, err := seed.Run(ctx, s.Client, seed.Options{Households: 20, Seed: 3, Today: civil.MustParse("2026-11-27")})
		if err != nil {
			t.Fatal(err)
		}
		refreshed, err := registry.EnsureDueItemsCurrent(ctx, s.Client, s.Dialect)
		if err != nil || refreshed {
			t.Fatalf("current items: refreshed %v, %v; want left alone", refreshed, err)
		}
		// Items stored by an older release, one of them since gone stale.
		stale := s.Client.DueItem.Query().FirstX(ctx)
		if _, err := s.DB.ExecContext(ctx, "UPDATE due_items SET reason = 'old wording' WHERE id = "+fmt.Sprint(stale.ID)); err != nil {
			t.Fatal(err)
		}
		s.Client.DueState.Update().Where(duestate.RulesVersion(compliance.RulesVersion)).SetRulesVersion(0).ExecX(ctx)
		refreshed, err = registry.EnsureDueItemsCurrent(ctx, s.Client, s.Dialect)
		if err != nil || !refreshed {
			t.Fatalf("older items: refreshed %v, %v; want worked out again", refreshed, err)
		}
		if n := s.Client.DueItem.Query().Where(dueitem.Reason("old wording")).CountX(ctx); n != 0 {
			t.Errorf("%d items keep the old rules' wording", n)
		}
		if v := s.Client.DueState.Query().OnlyX(ctx).RulesVersion; v != compliance.RulesVersion {
			t.Errorf("rules version = %d, want %d", v, compliance.RulesVersion)
		}
	})
}
