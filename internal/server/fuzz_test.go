package server

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// FuzzImportFile: any file, in any layout, is read or refused with
// problems that say where; never a panic, never a row without its cells.
func FuzzImportFile(f *testing.F) {
	f.Add("households", "reference,address_line1,town,postcode,status\nFH-1,1 Street,Town,TQ9 5RP,approved\n")
	f.Add("training", "\xef\xbb\xbfHousehold,Forename,Surname,Course,Completed\n\"FH-1\",\"Zoë\",\"Ó, Briain\",PFA,31/02/2024\n")
	f.Add("dbs", "a,b\n\"unterminated\n")
	f.Add("members", "\xff\xfe\x00r")
	f.Fuzz(func(t *testing.T, kind, file string) {
		k, ok := importKinds[kind]
		if !ok {
			k = importKinds["households"]
		}
		rows, problems := readImportFile(strings.NewReader(file), k)
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

// FuzzImportDate: a date from a spreadsheet is an ISO date or a message.
func FuzzImportDate(f *testing.F) {
	for _, s := range []string{"14/03/2026", "2026-03-14", "31/02/2024", "1/1/2024", "", "00/00/0000", "14/3/26"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iso, msg := importDate(s)
		if (iso == "") == (msg == "") && s != "" {
			t.Errorf("%q gave %q and %q: exactly one is expected", s, iso, msg)
		}
	})
}

// FuzzRequestChecks: any JSON body decoded into a request is checked
// without a panic, and a refusal always names its fields.
func FuzzRequestChecks(f *testing.F) {
	f.Add([]byte(`{"reference": "FH-1", "address_line1": "1 Street", "town": "T", "postcode": "TQ9 5RP", "status": "approved", "approved_on": "2024-02-29"}`))
	f.Add([]byte(`{"reference": "` + strings.Repeat("é", 40) + `", "ssw_id": -1, "approved_on": "2024-02-30"}`))
	f.Add([]byte(`{"course_id": 1e400, "completed_on": "9999-99-99", "hours": -0}`))
	v, err := newValidation(time.Now)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, in := range []any{&householdRequest{}, &trainingRequest{}, &reviewRequest{}, &decisionRequest{}, &visitRequest{}} {
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			if dec.Decode(in) != nil {
				continue
			}
			if n, ok := in.(normaliser); ok {
				n.Normalise()
			}
			if err := v.Validate(in); err != nil && fieldsOf(err) == nil && !strings.Contains(err.Error(), "validate") {
				t.Errorf("%T refused without fields: %v", in, err)
			}
			if ch, ok := in.(checker); ok {
				ch.Check(t.Context(), map[string]string{})
			}
		}
	})
}
