package server

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"
)

// TestReviewArrangementsChangedOnTheirOwnPages assigns a review's
// reviewing officer and moves its date through the review's "Change"
// pages: each refusal comes back beside its question and changes nothing;
// each change returns to the review with a banner saying what changed.
func TestReviewArrangementsChangedOnTheirOwnPages(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	manager := signedIn(t, s)
	api := newAPIClient(t, s, "manager")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0540", nil, nil)
	r := mustPostReview(t, api, h, withJSONField(t, reviewBody, "meeting_on", "null"))
	officer := mustCreateUser(t, st.Client, "iro@example.org", "reviewing_officer")
	path := fmt.Sprintf("/reviews/%d", r.ID)
	if _, page := manager.get(path); !strings.Contains(page, path+"/officer") || !strings.Contains(page, path+"/reschedule") {
		t.Fatal("the review's summary offers no way to assign its officer or move its date")
	}
	manager.get(path + "/officer")
	if resp, page := manager.post(path+"/officer", url.Values{"version": {"1"}}); resp.StatusCode != 422 ||
		!strings.Contains(page, "Choose the reviewing officer") {
		t.Errorf("no officer chosen: %d", resp.StatusCode)
	}
	resp, _ := manager.post(path+"/officer", url.Values{"version": {"1"}, "reviewing_officer_id": {fmt.Sprint(officer.ID)}})
	if resp.StatusCode != 303 && resp.StatusCode != 302 {
		t.Fatalf("assigning the officer answered %d", resp.StatusCode)
	}
	if _, page := manager.get(resp.Header.Get("Location")); !strings.Contains(html.UnescapeString(page), "The reviewing officer is saved") {
		t.Error("no banner after assigning the officer")
	}
	got := st.Client.Review.GetX(t.Context(), r.ID)
	if got.ReviewingOfficerID == nil || *got.ReviewingOfficerID != officer.ID {
		t.Fatalf("officer now %v, want %d", got.ReviewingOfficerID, officer.ID)
	}
	next := got.DueOn.AddDays(21)
	moved := url.Values{"version": {fmt.Sprint(got.Version)}, "due_on-day": {fmt.Sprint(next.Day())},
		"due_on-month": {fmt.Sprint(int(next.Month()))}, "due_on-year": {fmt.Sprint(next.Year())}}
	manager.get(path + "/reschedule")
	resp, page := manager.post(path+"/reschedule", moved)
	if resp.StatusCode != 422 || !strings.Contains(page, `href="#reschedule_reason"`) {
		t.Errorf("a new date without its reason: %d, want 422 naming the reason", resp.StatusCode)
	}
	if st.Client.Review.GetX(t.Context(), r.ID).DueOn != got.DueOn {
		t.Fatal("the date moved without a reason")
	}
	moved.Set("reschedule_reason", "The carers are away in March.")
	if resp, _ := manager.post(path+"/reschedule", moved); resp.StatusCode != 303 && resp.StatusCode != 302 {
		t.Fatalf("moving the date answered %d", resp.StatusCode)
	}
	if after := st.Client.Review.GetX(t.Context(), r.ID); after.DueOn != next {
		t.Errorf("due on %s, want %s", after.DueOn, next)
	}
}
