package server

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/review"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// viewsHousehold is a household of two carers, Zoë (signed in, as a carer
// and through the API) and Bartholomew, with reviews at every stage views
// could be sent to, and another household's review.
type viewsHousehold struct {
	s                           *Server
	client                      *ent.Client
	zoe, manager                *browser
	api                         apiClient
	me, coCarer, zoeAccount     int
	gathering, scheduled        int
	decided, cancelled, another int
	decidedViews                int
}

func newViewsHousehold(t *testing.T, d string) viewsHousehold {
	t.Helper()
	s, st, _ := testServerOn(t, d)
	u := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	f := viewsHousehold{s: s, client: st.Client, zoeAccount: u.ID}
	ctx := t.Context()
	storetest.Write(t, st.Client, func(tx *ent.Client) error {
		home := func(ref string) int {
			return tx.Household.Create().SetReference(ref).SetAddressLine1("1 Fore Street").SetTown("Totnes").
				SetPostcode("TQ9 5RP").SetStatus(household.StatusApproved).SetApprovedOn(civil.MustParse("2020-01-06")).SaveX(ctx).ID
		}
		h, other := home("FH-0600"), home("FH-0601")
		f.me = tx.Carer.Create().SetHouseholdID(h).SetFirstName("Zoë").SetLastName("Quince").SetUserID(u.ID).SaveX(ctx).ID
		f.coCarer = tx.Carer.Create().SetHouseholdID(h).SetFirstName("Bartholomew").SetLastName("Quince").SaveX(ctx).ID
		tx.Carer.Create().SetHouseholdID(other).SetFirstName("Ada").SetLastName("Ruiz").ExecX(ctx)
		reviewAt := func(household int, due string, status review.Status) *ent.ReviewCreate {
			return tx.Review.Create().SetHouseholdID(household).SetKind("annual").SetDueOn(civil.MustParse(due)).SetStatus(status)
		}
		f.gathering = reviewAt(h, "2026-09-14", "gathering_views").SaveX(ctx).ID
		f.scheduled = reviewAt(h, "2027-09-14", "scheduled").SaveX(ctx).ID
		f.decided = reviewAt(h, "2025-09-14", "decided").SetOutcome("approval_continues").
			SetDecidedOn(civil.MustParse("2025-09-20")).SetDecisionReasons("Approval continues.").SaveX(ctx).ID
		f.cancelled = reviewAt(h, "2025-03-14", "cancelled").SetCancelledReason("Replaced by the annual review.").SaveX(ctx).ID
		f.another = reviewAt(other, "2026-09-14", "gathering_views").SaveX(ctx).ID
		f.decidedViews = tx.Contribution.Create().SetReviewID(f.decided).SetSource("ssw").SetAuthorName("Supervising social worker").
			SetReceivedOn(civil.MustParse("2025-09-01")).SetText("A good year.").SaveX(ctx).ID
		return nil
	})
	f.zoe = newBrowser(t, s)
	f.zoe.signIn("zoe@example.net", testPassword)
	f.manager, _ = reviewSignedIn(t, s, "manager@example.org", "manager")
	f.api = newAPIClient(t, s, "manager")
	return f
}

// views is a carer's views as the API takes them, with one field set to
// the raw JSON value (or left out, when value is "").
func views(t *testing.T, field, value string) string {
	t.Helper()
	body := fmt.Sprintf(`{"source": "carer", "author_name": "Zoë Quince", "received_on": %q,
		"text": "Bartholomew does not want to foster any more."}`, httpx.Today())
	if field == "" {
		return body
	}
	return withJSONField(t, body, field, value)
}

// coCarerBundle is the text of the co-carer's subject access bundle.
func (f viewsHousehold) coCarerBundle(t *testing.T) string {
	t.Helper()
	resp, body := f.api.send("GET", fmt.Sprintf("/api/v1/carers/%d/subject-access", f.coCarer), "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("subject access: %d %.200s", resp.StatusCode, body)
	}
	z, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := z.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	text, _ := io.ReadAll(r)
	return string(text)
}

// TestViewsAreGivenOnlyInOnesOwnName shows a carer refused, through the
// API and the "My views" page, views in another person's name or role or
// on another day (422 naming the field), views for a review that is
// decided, cancelled or not gathering views (409 saying why) and for
// another household's review (404); staff refused adding or changing
// views on a decided or cancelled review, by the API and the review page;
// nothing written by any of them; the co-carer's subject access bundle
// holding none of it, nor views another carer's account entered in their
// name before these rules; and the carer's own views, today, accepted.
func TestViewsAreGivenOnlyInOnesOwnName(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		f := newViewsHousehold(t, d)
		post := func(review int) func(body string) (*http.Response, string) {
			return func(body string) (*http.Response, string) {
				return f.zoe.sendJSON("POST", fmt.Sprintf("/api/v1/reviews/%d/contributions", review), body)
			}
		}
		for _, tc := range []struct {
			name        string
			send        func(body string) (*http.Response, string)
			body        string
			status      int
			field, says string
		}{
			{"ErrAnotherName", post(f.gathering), views(t, "author_name", `"Bartholomew Quince"`), 422, "author_name", "your own name"},
			{"ErrAnotherRole", post(f.gathering), views(t, "source", `"ssw"`), 422, "source", "your own views"},
			{"ErrBackdated", post(f.gathering), views(t, "received_on", `"2026-01-05"`), 422, "received_on", "today"},
			{"ErrDecided", post(f.decided), views(t, "", ""), 409, "", "has been decided"},
			{"ErrCancelled", post(f.cancelled), views(t, "", ""), 409, "", "was cancelled"},
			{"ErrNotGatheringViews", post(f.scheduled), views(t, "", ""), 409, "", "is not gathering views"},
			{"ErrOtherHousehold", post(f.another), views(t, "", ""), 404, "", "no review"},
			{"ErrStaffOnDecided", func(body string) (*http.Response, string) {
				return f.api.send("POST", fmt.Sprintf("/api/v1/reviews/%d/contributions", f.decided), body)
			}, contributionBody, 409, "", "has been decided"},
			{"ErrStaffOnCancelled", func(body string) (*http.Response, string) {
				return f.api.send("POST", fmt.Sprintf("/api/v1/reviews/%d/contributions", f.cancelled), body)
			}, contributionBody, 409, "", "was cancelled"},
			{"ErrStaffChangesDecided", func(body string) (*http.Response, string) {
				return f.api.send("PUT", fmt.Sprintf("/api/v1/contributions/%d", f.decidedViews), body, "If-Match", `"1"`)
			}, contributionBody, 409, "", "has been decided"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				expectRefused(t, f.client, tc.status, tc.field, tc.says, func() (*http.Response, string) { return tc.send(tc.body) })
			})
		}
		// Each form is posted from its page, with the page's CSRF token.
		f.zoe.get("/my/views")
		f.manager.get(fmt.Sprintf("/reviews/%d", f.decided))
		for _, tc := range []struct {
			name   string
			send   func() (*http.Response, string)
			status int
		}{
			{"ErrPageDecided", func() (*http.Response, string) { return f.zoe.post("/my/views", f.myViews(f.decided)) }, 409},
			{"ErrPageCancelled", func() (*http.Response, string) { return f.zoe.post("/my/views", f.myViews(f.cancelled)) }, 409},
			{"ErrPageNotGatheringViews", func() (*http.Response, string) { return f.zoe.post("/my/views", f.myViews(f.scheduled)) }, 409},
			{"ErrStaffPageDecided", func() (*http.Response, string) {
				return f.manager.post(fmt.Sprintf("/reviews/%d/views", f.decided), staffViews())
			}, 409},
		} {
			t.Run(tc.name, func(t *testing.T) {
				// The staff page shows the review again, saying why:
				// that view is audited, and is all that changes.
				before := recordsState(t, f.client)
				if resp, body := tc.send(); resp.StatusCode != tc.status {
					t.Errorf("%d %.300s, want %d", resp.StatusCode, body, tc.status)
				}
				if after := recordsState(t, f.client); after != before {
					t.Errorf("changed: %s, then %s", before, after)
				}
			})
		}

		// Views an earlier carer's account entered in the co-carer's name
		// are not the co-carer's to be given in their bundle.
		storetest.Write(t, f.client, func(tx *ent.Client) error {
			return tx.Contribution.Create().SetReviewID(f.gathering).SetSource("carer").SetAuthorName("Bartholomew Quince").
				SetAuthorID(f.zoeAccount).SetReceivedOn(civil.MustParse("2025-01-01")).SetText("Forged before the rules.").Exec(t.Context())
		})
		if bundle := f.coCarerBundle(t); strings.Contains(bundle, "foster any more") || strings.Contains(bundle, "Forged") {
			t.Errorf("the co-carer's bundle holds views they did not give: %.1000s", bundle)
		}

		resp, body := post(f.gathering)(views(t, "author_name", `" zoË   quince "`))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("own views: %d %s", resp.StatusCode, body)
		}
		got := decodeReviewBody[jsonapi.ContributionJSON](t, body)
		if got.AuthorName != "Zoë Quince" || got.ReceivedOn != httpx.Today() || got.Source != contribution.SourceCarer ||
			got.AuthorID == nil || *got.AuthorID != f.zoeAccount {
			t.Errorf("own views recorded as %+v, want in the carer's name as recorded, today", got)
		}
	})
}

// myViews is the "My views" form sending views for review.
func (f viewsHousehold) myViews(review int) url.Values {
	return url.Values{"review": {fmt.Sprint(review)}, "views": {"Sent from the page."}}
}

// staffViews is the review page's form recording a child's views.
func staffViews() url.Values {
	return url.Values{"source": {"fostered_child"}, "author_name": {"AB"}, "received-day": {"2"}, "received-month": {"2"},
		"received-year": {"2026"}, "text": {"I like it here."}}
}
