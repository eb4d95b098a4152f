package server

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/household"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestHouseholdSearchFindsPeople searches as a supervising social worker
// types: full names in either order, part of a reference, a postcode, a
// short word, an accented name typed without its accent (the index
// ignores accents on both databases), a name nobody has; and after a carer is renamed, moved
// to another household or archived, the search follows.
func TestHouseholdSearchFindsPeople(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			s, st, _ := testServerOn(t, d)
			ids := map[string]int{}
			carers := map[string]int{}
			storetest.Write(t, st.Client, func(tx *ent.Client) error {
				for _, h := range []struct{ ref, postcode, first1, last1, first2, last2 string }{
					{"FH-0019", "TQ1 2AB", "Dermot", "Ionescu", "Aoife", "Ionescu"},
					{"FH-0020", "TQ9 5RP", "Siân", "Ó Briain", "", ""},
					{"FH-0190", "PL1 1AA", "Al", "Dermody", "", ""},
				} {
					row := tx.Household.Create().SetReference(h.ref).SetAddressLine1("1 Fore Street").SetTown("Totnes").
						SetPostcode(h.postcode).SetStatus(household.StatusApproved).SaveX(t.Context())
					ids[h.ref] = row.ID
					carers[h.first1] = tx.Carer.Create().SetHouseholdID(row.ID).SetFirstName(h.first1).SetLastName(h.last1).SaveX(t.Context()).ID
					if h.first2 != "" {
						carers[h.first2] = tx.Carer.Create().SetHouseholdID(row.ID).SetFirstName(h.first2).SetLastName(h.last2).SaveX(t.Context()).ID
					}
				}
				return nil
			})
			manager := newAPIClient(t, s, "manager")
			search := func(q string, want ...string) {
				t.Helper()
				resp, body := manager.send("GET", "/api/v1/households?q="+url.QueryEscape(q), "")
				var list httpx.Page[jsonapi.HouseholdJSON]
				mustUnmarshal(t, body, &list)
				var got []string
				for _, h := range list.Items {
					got = append(got, h.Reference)
				}
				slices.Sort(got)
				if resp.StatusCode != 200 || strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("search %q: %d %v, want %v", q, resp.StatusCode, got, want)
				}
			}
			search("Dermot Ionescu", "FH-0019")
			search("ionescu dermot", "FH-0019")
			search("Aoife", "FH-0019")
			search("0019", "FH-0019")
			search("FH-01", "FH-0190")
			search("TQ1 2AB", "FH-0019")
			search("tq9", "FH-0020")
			search("Derm", "FH-0019", "FH-0190")
			search("Al Dermody", "FH-0190")
			search("al", "FH-0190")
			search("50%")
			search("Siân", "FH-0020")
			search("Zebedee Quartermain")
			search("Ó Briain Siân", "FH-0020")
			search("sian o briain", "FH-0020")

			change := func(f func(tx *ent.Client)) {
				storetest.Write(t, st.Client, func(tx *ent.Client) error { f(tx); return nil })
			}
			change(func(tx *ent.Client) { tx.Carer.UpdateOneID(carers["Aoife"]).SetFirstName("Niamh").ExecX(t.Context()) })
			search("Aoife")
			search("Niamh Ionescu", "FH-0019")
			change(func(tx *ent.Client) {
				tx.Carer.UpdateOneID(carers["Aoife"]).SetHouseholdID(ids["FH-0020"]).ExecX(t.Context())
			})
			search("Niamh", "FH-0020")
			search("Ionescu", "FH-0019", "FH-0020")
			change(func(tx *ent.Client) { tx.Carer.UpdateOneID(carers["Al"]).SetArchivedAt(time.Now()).ExecX(t.Context()) })
			search("Dermody")
			change(func(tx *ent.Client) {
				tx.Household.UpdateOneID(ids["FH-0190"]).SetPostcode("EX1 1AA").ExecX(t.Context())
			})
			search("PL1")
			search("EX1", "FH-0190")
		})
	}
}
