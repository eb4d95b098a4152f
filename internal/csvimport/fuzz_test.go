package csvimport

import (
	"strings"
	"testing"
)

// FuzzImportFile: any file, in any layout, is read or refused with
// problems that say where; never a panic, never a row without its cells.
func FuzzImportFile(f *testing.F) {
	f.Add("households", "reference,address_line1,town,postcode,status\nFH-1,1 Street,Town,TQ9 5RP,approved\n")
	f.Add("training", "\xef\xbb\xbfHousehold,Forename,Surname,Course,Completed\n\"FH-1\",\"Zoë\",\"Ó, Briain\",PFA,31/02/2024\n")
	f.Add("dbs", "a,b\n\"unterminated\n")
	f.Add("members", "\xff\xfe\x00r")
	f.Fuzz(func(t *testing.T, kind, file string) {
		k, ok := layouts[kind]
		if !ok {
			k = layouts["households"]
		}
		rows, problems := readFile(strings.NewReader(file), k)
		for _, p := range problems {
			if p.Message == "" || p.Row < 0 {
				t.Errorf("a problem that says nothing: %+v", p)
			}
		}
		if len(problems) > 0 && rows != nil {
			t.Errorf("rows returned with problems")
		}
	})
}

// FuzzImportDate: a date from a spreadsheet is an ISO date or not a real one.
func FuzzImportDate(f *testing.F) {
	for _, s := range []string{"14/03/2026", "2026-03-14", "31/02/2024", "1/1/2024", "", "00/00/0000", "14/3/26"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iso, ok := readDate(s)
		if (iso != "") != ok && s != "" {
			t.Errorf("%q gave %q and %v: a date exactly when it is real", s, iso, ok)
		}
	})
}
