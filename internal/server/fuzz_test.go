package server

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/request"
	"github.com/hearth-registry/hearth/internal/ui"
)

// FuzzRequestChecks: any JSON body decoded into a request is checked
// without a panic, and a refusal always names its fields.
func FuzzRequestChecks(f *testing.F) {
	f.Add([]byte(`{"reference": "FH-1", "address_line1": "1 Street", "town": "T", "postcode": "TQ9 5RP", "status": "approved", "approved_on": "2024-02-29"}`))
	f.Add([]byte(`{"reference": "` + strings.Repeat("é", 40) + `", "ssw_id": -1, "approved_on": "2024-02-30"}`))
	f.Add([]byte(`{"course_id": 1e400, "completed_on": "9999-99-99", "hours": -0}`))
	v, err := request.NewValidator(time.Now)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, in := range []any{&request.Household{}, &request.Training{}, &request.Review{}, &request.Decision{}, &request.Visit{}} {
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			if dec.Decode(in) != nil {
				continue
			}
			if n, ok := in.(request.Normaliser); ok {
				n.Normalise()
			}
			if err := v.Validate(in); err != nil && ui.FieldsOf(err) == nil && !strings.Contains(err.Error(), "validate") {
				t.Errorf("%T refused without fields: %v", in, err)
			}
			if ch, ok := in.(request.Checker); ok {
				ch.Check(t.Context(), map[string]string{})
			}
		}
	})
}
