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
	t.Parallel()
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

// TestOnlyManagersAllocateReviewsAndPortalAccounts shows the same for the
// other two choices of who works on or sees a household: an SSW may not
// choose a review's reviewing officer (403 naming the field) nor link or
// unlink a carer's portal account (422 naming user_id); a manager may.
func TestOnlyManagersAllocateReviewsAndPortalAccounts(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	officer := mustCreateUser(t, st.Client, "iro@example.org", "reviewing_officer")
	portal := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0301", nil, nil)
	manager, ssw := newAPIClient(t, s, "manager"), newAPIClient(t, s, "ssw")
	r := mustPostReview(t, manager, h, reviewBody)
	reviewPath := fmt.Sprintf("/api/v1/reviews/%d", r.ID)
	assigned := withJSONField(t, reviewBody, "reviewing_officer_id", fmt.Sprint(officer.ID))
	resp, out := ssw.send("PUT", reviewPath, assigned, "If-Match", `"1"`)
	if p := decodeProblem(t, resp, out); resp.StatusCode != http.StatusForbidden || p.Fields["reviewing_officer_id"] == "" {
		t.Errorf("SSW assigns the reviewing officer: %d %s", resp.StatusCode, out)
	}
	if resp, out := manager.send("PUT", reviewPath, assigned, "If-Match", `"1"`); resp.StatusCode != http.StatusOK {
		t.Errorf("manager assigns the reviewing officer: %d %s", resp.StatusCode, out)
	}

	linked := fmt.Sprintf(`{"first_name": "Zoë", "last_name": "Ó Briain", "user_id": %d}`, portal.ID)
	carersPath := fmt.Sprintf("/api/v1/households/%d/carers", h)
	resp, out = ssw.send("POST", carersPath, linked)
	if p := decodeProblem(t, resp, out); resp.StatusCode != 422 || p.Fields["user_id"] == "" {
		t.Errorf("SSW adds a carer linked to an account: %d %s", resp.StatusCode, out)
	}
	resp, out = manager.send("POST", carersPath, linked)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("manager adds a linked carer: %d %s", resp.StatusCode, out)
	}
	var c struct {
		ID int `json:"id"`
	}
	mustUnmarshal(t, out, &c)
	resp, out = ssw.send("PUT", fmt.Sprintf("/api/v1/carers/%d", c.ID), `{"first_name": "Zoë", "last_name": "Ó Briain"}`, "If-Match", `"1"`)
	if p := decodeProblem(t, resp, out); resp.StatusCode != 422 || p.Fields["user_id"] == "" {
		t.Errorf("SSW unlinks the carer's account: %d %s", resp.StatusCode, out)
	}
	if got := st.Client.Carer.GetX(t.Context(), c.ID); got.UserID == nil || *got.UserID != portal.ID {
		t.Error("the refused unlink changed the carer")
	}
}
