package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/review"
)

// TestHouseholdFormOpensAndChangesARecord opens a household record through
// the page (a bad postcode and a reference already taken refused together,
// answers kept, nothing written), which, approved, schedules its first
// review; then changes it, and a change from an old copy is refused.
func TestHouseholdFormOpensAndChangesARecord(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	b := signedIn(t, s)
	mustCreateReviewedHousehold(t, st.Client, "FH-0600", nil, nil)
	approved := todayPlus(-30)
	good := url.Values{"reference": {"FH-0601"}, "address_line1": {"3 Fore Street"}, "town": {"Totnes"}, "postcode": {"tq9 5rp"},
		"status": {"approved"}, "approved_on-day": {fmt.Sprint(approved.Day())}, "approved_on-month": {fmt.Sprint(int(approved.Month()))},
		"approved_on-year": {fmt.Sprint(approved.Year())}}
	bad := url.Values{}
	for k, v := range good {
		bad[k] = v
	}
	bad.Set("reference", "FH-0600")
	bad.Set("postcode", "NOWHERE")
	b.get("/households/new")
	before := recordsState(t, st.Client)
	resp, body := b.post("/households/new", bad)
	if resp.StatusCode != 422 || !strings.Contains(body, `href="#reference"`) || !strings.Contains(body, `href="#postcode"`) ||
		!strings.Contains(body, "is already another household") || !strings.Contains(body, `value="3 Fore Street"`) {
		t.Errorf("bad household: %d %.500s", resp.StatusCode, body)
	}
	if after := recordsState(t, st.Client); after != before {
		t.Errorf("changed: %s, then %s", before, after)
	}
	if resp, body := b.post("/households/new", good); resp.StatusCode != 303 {
		t.Fatalf("open: %d %.300s", resp.StatusCode, body)
	}
	h := st.Client.Household.Query().Where(household.Reference("FH-0601")).OnlyX(t.Context())
	if h.Postcode != "TQ9 5RP" || h.ApprovedOn == nil || *h.ApprovedOn != approved {
		t.Errorf("opened %+v", h)
	}
	if first := st.Client.Review.Query().Where(review.HouseholdID(h.ID)).OnlyX(t.Context()); first.Kind != review.KindFirst {
		t.Errorf("approval scheduled %s", first.Kind)
	}
	edit := fmt.Sprintf("/households/%d/edit", h.ID)
	if _, page := b.get(edit); !strings.Contains(page, `value="FH-0601"`) || !strings.Contains(page, `name="version" value="1"`) {
		t.Error("the edit form is not filled in")
	}
	moved := url.Values{"version": {"1"}}
	for k, v := range good {
		moved[k] = v
	}
	moved.Set("town", "Dartmouth")
	if resp, body := b.post(edit, moved); resp.StatusCode != 303 {
		t.Fatalf("edit: %d %.300s", resp.StatusCode, body)
	}
	if got := st.Client.Household.GetX(t.Context(), h.ID); got.Town != "Dartmouth" || got.Version != 2 {
		t.Errorf("after the edit: %s version %d", got.Town, got.Version)
	}
	moved.Set("town", "Paignton")
	if resp, body := b.post(edit, moved); resp.StatusCode != 412 || !strings.Contains(body, "Someone else has changed this record") {
		t.Errorf("edit from an old copy: %d, want 412", resp.StatusCode)
	}
}
