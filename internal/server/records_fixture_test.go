package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// roomyTestServer is a server on a fresh SQLite database that takes
// bodies up to 64 KiB (testServer's 4 KiB is too small to send a visit
// note one character over its limit).
func roomyTestServer(t *testing.T) (*Server, *store.Store) {
	t.Helper()
	st := storetest.New(t, dialect.SQLite)
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.BodyLimit = 64 << 10
	s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

// fosterHome is an approved household with one carer, made for a test.
type fosterHome struct{ household, carer int }

// mustCreateFosterHome writes an approved household supervised by sswID
// (if not nil), with one carer whose portal account is carerUser (if not
// nil).
func mustCreateFosterHome(t *testing.T, client *ent.Client, ref string, sswID, carerUser *int) fosterHome {
	t.Helper()
	var home fosterHome
	storetest.Write(t, client, func(tx *ent.Client) error {
		h, err := tx.Household.Create().SetReference(ref).SetAddressLine1("1 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus(household.StatusApproved).SetApprovedOn(civil.MustParse("2022-05-01")).
			SetNillableSswID(sswID).Save(t.Context())
		if err != nil {
			return err
		}
		c, err := tx.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Ngozi").SetLastName("Àdìgún " + ref).
			SetNillableUserID(carerUser).Save(t.Context())
		home = fosterHome{household: h.ID}
		if c != nil {
			home.carer = c.ID
		}
		return err
	})
	return home
}

// mustCreateCatalogueCourse writes a course valid for validity months (0:
// never expires).
func mustCreateCatalogueCourse(t *testing.T, client *ent.Client, code string, mandatory bool, validity int) *ent.Course {
	t.Helper()
	var k *ent.Course
	storetest.Write(t, client, func(tx *ent.Client) error {
		var err error
		k, err = tx.Course.Create().SetCode(code).SetTitle("Course " + code).SetMandatory(mandatory).
			SetValidityMonths(validity).Save(t.Context())
		return err
	})
	return k
}

// sendRecordJSON makes a same-origin JSON request from the browser's
// session, with headers in name, value pairs.
func (b *browser) sendRecordJSON(method, path, body string, headers ...string) (*http.Response, string) {
	b.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return b.do(req)
}

// recordBodyWith returns body with field set to the JSON value, or removed
// when value is empty.
func recordBodyWith(t *testing.T, body, field, value string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("fixture body: %v", err)
	}
	if value == "" {
		delete(m, field)
	} else {
		var v any
		if err := json.Unmarshal([]byte(value), &v); err != nil {
			t.Fatalf("fixture value %s: %v", value, err)
		}
		m[field] = v
	}
	out, _ := json.Marshal(m)
	return string(out)
}
