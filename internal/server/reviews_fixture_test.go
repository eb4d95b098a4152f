package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// mustCreateReviewedHousehold writes an approved household supervised by
// sswID (if not nil), with one carer whose portal account is carerUser (if
// not nil), and returns its id.
func mustCreateReviewedHousehold(t *testing.T, client *ent.Client, ref string, sswID, carerUser *int) int {
	t.Helper()
	var id int
	storetest.Write(t, client, func(tx *ent.Client) error {
		h, err := tx.Household.Create().SetReference(ref).SetAddressLine1("2 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus(household.StatusApproved).SetApprovedOn(civil.MustParse("2023-05-01")).
			SetNillableSswID(sswID).Save(t.Context())
		if err != nil {
			return err
		}
		id = h.ID
		return tx.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Siân").SetLastName("Price " + ref).
			SetNillableUserID(carerUser).Exec(t.Context())
	})
	return id
}

// decodeReviewBody reads a JSON answer into a T.
func decodeReviewBody[T any](t *testing.T, body string) T {
	t.Helper()
	var out T
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("decode %T: %v in %s", out, err, body)
	}
	return out
}

// sendVersioned makes a same-origin JSON request from the browser's
// session, with If-Match set to etag.
func (b *browser) sendVersioned(method, path, body, etag string) (*http.Response, string) {
	b.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("If-Match", etag)
	return b.do(req)
}

// reviewRefusal is a request that must be refused, saying what was wrong.
type reviewRefusal struct {
	name, body string
	status     int
	// field is where the problem is named ("" for the detail), and says
	// part of what it must say.
	field, says string
}

// expectReviewRefusals sends each case's body with send and checks it is
// refused with its status, names its field, and changes nothing.
func expectReviewRefusals(t *testing.T, client *ent.Client, send func(body string) (*http.Response, string), cases []reviewRefusal) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectRefused(t, client, tc.status, tc.field, tc.says, func() (*http.Response, string) { return send(tc.body) })
		})
	}
}
