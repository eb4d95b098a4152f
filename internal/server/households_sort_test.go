package server

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestHouseholdsByApprovalDate pages through the households list two at a
// time by approval date, earliest and latest first, with and without a
// filter of several statuses (read status by status and merged): every
// household once, in date order with the reference breaking ties, and the
// households never approved last, by reference. A cursor that is not one
// the list gave is refused naming it.
func TestHouseholdsByApprovalDate(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		api := newAPIClient(t, s, "manager")
		seeds := []struct {
			ref, on string
			status  household.Status
		}{
			{"FH-0005", "2021-03-01", household.StatusApproved}, {"FH-0001", "2023-06-30", household.StatusOnHold},
			{"FH-0004", "2021-03-01", household.StatusOnHold}, {"FH-0002", "", household.StatusAssessment},
			{"FH-0007", "2019-11-11", household.StatusApproved}, {"FH-0003", "2023-06-30", household.StatusApproved},
			{"FH-0006", "", household.StatusAssessment},
		}
		storetest.Write(t, st.Client, func(tx *ent.Client) error {
			for _, h := range seeds {
				c := tx.Household.Create().SetReference(h.ref).SetAddressLine1("1 Fore Street").SetTown("Totnes").
					SetPostcode("TQ9 5RP").SetStatus(h.status)
				if h.on != "" {
					c.SetApprovedOn(civil.MustParse(h.on))
				}
				if err := c.Exec(t.Context()); err != nil {
					return err
				}
			}
			return nil
		})
		pages := func(query string) []string {
			var got []string
			cursor := ""
			for range 10 {
				path := "/api/v1/households?limit=2&" + query
				if cursor != "" {
					path += "&cursor=" + url.QueryEscape(cursor)
				}
				resp, body := api.send("GET", path, "")
				if resp.StatusCode != 200 {
					t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
				}
				var p httpx.Page[jsonapi.HouseholdJSON]
				mustUnmarshal(t, body, &p)
				for _, h := range p.Items {
					got = append(got, h.Reference)
				}
				if cursor = p.NextCursor; cursor == "" {
					return got
				}
			}
			t.Fatalf("%s: more pages than households", query)
			return nil
		}
		tests := map[string][]string{
			"sort=approved_on":                          {"FH-0007", "FH-0004", "FH-0005", "FH-0001", "FH-0003", "FH-0002", "FH-0006"},
			"sort=-approved_on":                         {"FH-0001", "FH-0003", "FH-0004", "FH-0005", "FH-0007", "FH-0002", "FH-0006"},
			"sort=approved_on&status=approved,on_hold":  {"FH-0007", "FH-0004", "FH-0005", "FH-0001", "FH-0003"},
			"sort=-approved_on&status=approved,on_hold": {"FH-0001", "FH-0003", "FH-0004", "FH-0005", "FH-0007"},
			"sort=-approved_on&status=assessment":       {"FH-0002", "FH-0006"},
		}
		for query, want := range tests {
			if got := pages(query); !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", query, got, want)
			}
		}
		for _, cursor := range []string{"MjAyMS0wMy0wMQ", "bm9uc2Vuc2V8", "MjAyMS0wMi0zMHxGSC0wMDA1"} { // no "|"; "nonsense|"; 2021-02-30
			resp, body := api.send("GET", "/api/v1/households?sort=approved_on&cursor="+cursor, "")
			if p := decodeProblem(t, resp, body); resp.StatusCode != 422 || p.Fields["cursor"] == "" {
				t.Errorf("cursor %s: %d %s", cursor, resp.StatusCode, body)
			}
		}
		resp, body := api.send("GET", "/api/v1/households?sort=town", "")
		if p := decodeProblem(t, resp, body); resp.StatusCode != 422 || !strings.Contains(p.Fields["sort"], "approved_on") {
			t.Errorf("unknown sort: %d %s", resp.StatusCode, body)
		}
	})
}

// TestHouseholdsPageSortsByApproval shows the households page's Approved
// column: each household's approval date (or "Not approved"), a header
// that sorts by it and says which way, and the reference header then
// unsorted.
func TestHouseholdsPageSortsByApproval(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	mustCreateReviewedHousehold(t, st.Client, "FH-0010", nil, nil) // approved 1 May 2023
	b := signedIn(t, s)
	resp, body := b.get("/households?sort=-approved_on")
	if resp.StatusCode != 200 {
		t.Fatalf("households by approval: %d", resp.StatusCode)
	}
	for _, want := range []string{`aria-sort="descending"><a class="govuk-link" href="/households?sort=approved_on">Approved</a>`,
		`aria-sort="none"><a class="govuk-link" href="/households">Reference</a>`, "1 May 2023"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}
