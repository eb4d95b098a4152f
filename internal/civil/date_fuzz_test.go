package civil

import "testing"

// FuzzParse: any text either parses to a date that prints back as itself,
// or is refused; never a panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2026-03-14", "2024-02-29", "2026-02-30", "", "0000-01-01", "9999-12-31", "2026-3-4", "２０２６-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		again, err := Parse(d.String())
		if err != nil || again != d {
			t.Errorf("%q parsed to %v, which prints as %q and parses to %v (%v)", s, d, d.String(), again, err)
		}
	})
}
