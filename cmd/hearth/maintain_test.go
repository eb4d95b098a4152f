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
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestBackupAndPurgeCommands runs the commands on the demo registry: a
// backup is written (and not over an existing file); the dry run lists the
// households past retention and destroys nothing; the purge destroys what
// the dry run listed, and a second dry run finds nothing.
func TestBackupAndPurgeCommands(t *testing.T) {
	t.Parallel()
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
	st := storetest.Open(t, "", filepath.Join(dir, "hearth.db"))
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

// TestImportCommand imports a households file from the command line: a
// broken one prints each problem and fails writing nothing; a dry run of a
// good one writes nothing; the real run adds both households, and a second
// run finds them already there.
func TestImportCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	getenv := env(map[string]string{"HEARTH_DATA_DIR": dir, "HEARTH_DEMO": "false"})
	cmd := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(t.Context(), args, getenv, &out, &out)
		return out.String(), err
	}
	if out, err := cmd("migrate"); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	header := "Reference,Address line 1,Town,Postcode,Status,Approved on,Carer 1 first name,Carer 1 last name\n"
	bad := write("bad.csv", header+"FH-0300,1 Fore Street,Totnes,TQ9 5RP,approved,30/02/2024,Ann,Lee\n")
	out, err := cmd("import", "--kind", "households", bad)
	if err == nil || !strings.Contains(out, "row 2, column approved_on") || !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("broken file: %v %s", err, out)
	}
	good := write("good.csv", header+"FH-0300,1 Fore Street,Totnes,TQ9 5RP,approved,28/02/2024,Ann,Lee\n"+
		"FH-0301,2 Fore Street,Totnes,TQ9 5RP,assessment,,Bob,Lee\n")
	if out, err := cmd("import", "--kind", "households", "--dry-run", good); err != nil || !strings.Contains(out, "2 to add") {
		t.Errorf("dry run: %v %s", err, out)
	}
	if out, err := cmd("import", "--kind", "households", good); err != nil || !strings.Contains(out, "2 added, 0 already there") {
		t.Errorf("import: %v %s", err, out)
	}
	if out, err := cmd("import", "--kind", "households", good); err != nil || !strings.Contains(out, "0 added, 2 already there") {
		t.Errorf("second import: %v %s", err, out)
	}
}
