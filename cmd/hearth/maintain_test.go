package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestBackupAndPurgeCommands runs the commands on the demo registry: a
// backup is written (and not over an existing file); the dry run lists the
// households past retention and destroys nothing; the purge destroys what
// the dry run listed, and a second dry run finds nothing.
func TestBackupAndPurgeCommands(t *testing.T) {
	dir := t.TempDir()
	getenv := env(map[string]string{"HEARTH_DATA_DIR": dir})
	cmd := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(t.Context(), args, getenv, &out, &out)
		return out.String(), err
	}
	if out, err := cmd("seed", "--demo"); err != nil {
		t.Fatalf("seed: %v %s", err, out)
	}
	backup := filepath.Join(dir, "copy.db")
	if out, err := cmd("backup", backup); err != nil || !strings.Contains(out, "Backed up") {
		t.Fatalf("backup: %v %s", err, out)
	}
	if info, err := os.Stat(backup); err != nil || info.Size() == 0 {
		t.Fatalf("no backup written: %v", err)
	}
	if _, err := cmd("backup", backup); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a backup over an existing file: %v", err)
	}
	if _, err := cmd("backup"); err == nil || !strings.Contains(err.Error(), "hearth backup PATH") {
		t.Errorf("a backup without a file: %v", err)
	}

	// A household whose approval ended 11 years ago, past its 10.
	st, err := store.OpenSQLite(t.Context(), filepath.Join(dir, "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	ended := civil.Today(time.Now()).AddYears(-11)
	storetest.Write(t, st.Client, func(tx *ent.Client) error {
		return tx.Household.Create().SetReference("FH-9999").SetAddressLine1("1 Old Road").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus("terminated").SetEndedOn(ended).Exec(t.Context())
	})
	st.Close()
	dry, err := cmd("purge", "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	listed := strings.Count(dry, "Would destroy")
	if listed == 0 || !strings.Contains(dry, "Would destroy FH-9999 (terminated, ended "+ended.String()) {
		t.Fatalf("the dry run lists %d: %s", listed, dry)
	}
	if again, _ := cmd("purge", "--dry-run"); again != dry {
		t.Errorf("a dry run changed something: %s then %s", dry, again)
	}
	out, err := cmd("purge")
	if err != nil || strings.Count(out, "Destroyed") != listed {
		t.Fatalf("purge: %v, destroyed %d of %d: %s", err, strings.Count(out, "Destroyed"), listed, out)
	}
	if after, _ := cmd("purge", "--dry-run"); !strings.Contains(after, "Nothing is past its retention period") {
		t.Errorf("after the purge: %s", after)
	}
}
