package server

import (
	"fmt"
	"net/http"
	"testing"
)

// TestOnlyManagersAssignTheSSW shows that an SSW may change their
// household's record but not its supervising social worker (handing it on,
// or taking it off their list): 422 naming ssw_id, nothing changed. A
// manager may.
func TestOnlyManagersAssignTheSSW(t *testing.T) {
	s, st, _ := testServer(t)
	mine := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	other := mustCreateUser(t, st.Client, "other@example.org", "ssw")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0300", &mine.ID, nil)
	body := func(ssw string, town string) string {
		return fmt.Sprintf(`{"reference": "FH-0300", "address_line1": "2 Fore Street", "town": %q, "postcode": "TQ9 5RP",
			"status": "approved", "approved_on": "2023-05-01", "ssw_id": %s}`, town, ssw)
	}
	path := fmt.Sprintf("/api/v1/households/%d", h)
	ssw := newAPIClient(t, s, "ssw")
	for _, change := range []string{fmt.Sprint(other.ID), "null"} {
		resp, out := ssw.send("PUT", path, body(change, "Totnes"), "If-Match", `"1"`)
		if p := decodeProblem(t, resp, out); resp.StatusCode != 422 || p.Fields["ssw_id"] == "" {
			t.Errorf("SSW sets ssw_id to %s: %d %s", change, resp.StatusCode, out)
		}
	}
	if got := st.Client.Household.GetX(t.Context(), h); got.SswID == nil || *got.SswID != mine.ID || got.Version != 1 {
		t.Errorf("household after refused changes: ssw %v, version %d", got.SswID, got.Version)
	}
	if resp, out := ssw.send("PUT", path, body(fmt.Sprint(mine.ID), "Dartington"), "If-Match", `"1"`); resp.StatusCode != http.StatusOK {
		t.Errorf("SSW changes the town: %d %s", resp.StatusCode, out)
	}
	manager := newAPIClient(t, s, "manager")
	if resp, out := manager.send("PUT", path, body(fmt.Sprint(other.ID), "Dartington"), "If-Match", `"2"`); resp.StatusCode != http.StatusOK {
		t.Errorf("manager assigns another SSW: %d %s", resp.StatusCode, out)
	}
}
