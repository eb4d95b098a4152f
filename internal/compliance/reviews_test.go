package compliance

import (
	"testing"

	"github.com/hearth-registry/hearth/internal/civil"
)

func TestReviews(t *testing.T) {
	h := approvedHousehold("2025-03-14")
	held := func(id int, kind, meeting string) Review {
		return Review{ID: id, Kind: kind, Status: "decided", MeetingOn: d(meeting), DecidedOn: d(meeting)}
	}
	run(t, []scenario{
		{name: "FirstReviewWithinAYearOfApproval", h: h, want: expect{kind: FirstReview, due: "2026-03-14",
			reason: "Within 1 year of approval on 14 Mar 2025; the first review report must go to the fostering panel — Fostering Services (England) Regulations 2011, reg 28"}},
		{name: "ApprovedOn29FebIsDueOn28FebNotMarch", h: approvedHousehold("2024-02-29"), want: expect{kind: FirstReview, due: "2025-02-28",
			reason: "Within 1 year of approval on 29 Feb 2024 (2025 has no 29 Feb, so the last day is 28 Feb 2025);", partial: true}},
		{name: "LaterReviewWithinAYearOfTheLastMeeting", h: with(h, func(h *Household) { h.Reviews = []Review{held(5, "first", "2025-03-14")} }),
			want: expect{kind: AnnualReview, due: "2026-03-14",
				reason: "Within 1 year of the last review meeting on 14 Mar 2025 — Fostering Services (England) Regulations 2011, reg 28"}},
		{name: "NoFirstReviewOnceOneIsHeld", h: with(h, func(h *Household) { h.Reviews = []Review{held(5, "first", "2025-03-14")} }),
			want: expect{kind: FirstReview, absent: true}},
		{name: "AnyReviewMeetingRestartsTheYear", h: with(h, func(h *Household) {
			h.Reviews = []Review{held(5, "first", "2026-02-01"), held(6, "post_allegation", "2026-06-30")}
		}), want: expect{kind: AnnualReview, due: "2027-06-30", reason: "on 30 Jun 2026", partial: true}},
		{name: "CancelledMeetingDoesNotCount", h: with(h, func(h *Household) {
			h.Reviews = []Review{held(5, "first", "2026-02-01"), {ID: 6, Kind: "annual", Status: "cancelled", MeetingOn: d("2026-09-01")}}
		}), want: expect{kind: AnnualReview, due: "2027-02-01", reason: "on 1 Feb 2026", partial: true}},
		{name: "OnHoldDoesNotPauseReviews", h: with(h, func(h *Household) { h.Status = "on_hold" }),
			want: expect{kind: FirstReview, due: "2026-03-14", reason: "the household is on hold, which does not pause reviews", partial: true}},
		{name: "SuspendedDoesNotPauseReviews", h: with(h, func(h *Household) { h.Status = "suspended" }),
			want: expect{kind: FirstReview, due: "2026-03-14", reason: "suspended, which does not pause reviews", partial: true}},
		{name: "NoApprovalDateCannotBeDated", h: with(h, func(h *Household) { h.ApprovedOn = civilZero }),
			want: expect{kind: FirstReview, standing: NotApplicable, reason: "The date of approval is not recorded", partial: true}},
		{name: "StillInAssessmentNothingDue", h: with(h, func(h *Household) { h.Status = "assessment" }),
			want: expect{kind: AnnualReview, standing: NotApplicable, reason: "Not yet approved", partial: true}},
		{name: "TerminatedNoReviewDue", h: with(h, func(h *Household) { h.Status = "terminated"; h.EndedOn = d("2026-01-10") }),
			want: expect{kind: FirstReview, absent: true}},
		{name: "FirstReviewHeldButNotOnAPanel", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 5, Kind: "first", Status: "report_written", MeetingOn: d("2026-02-20")}}
		}), want: expect{kind: FirstReviewPanel, ref: 5, due: "2026-03-14",
			reason: "The first review (meeting on 20 Feb 2026) must go to the fostering panel, and is not yet on a panel's agenda — Fostering Services (England) Regulations 2011, reg 28"}},
		{name: "FirstReviewOnAPanelNeedsNoPanelItem", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 5, Kind: "first", Status: "awaiting_panel", MeetingOn: d("2026-02-20"),
				PanelItems: []PanelItem{{ID: 7, PanelName: "March panel", MeetsOn: d("2026-03-10")}}}}
		}), want: expect{kind: FirstReviewPanel, ref: 5, absent: true}},
	})
}

var civilZero civil.Date

func TestPostAllegationReview(t *testing.T) {
	h := approvedHousehold("2020-05-01")
	run(t, []scenario{
		{name: "SixWeeksAfterTheInvestigationConcludes", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 8, Kind: "post_allegation", Status: "scheduled", DueOn: d("2026-12-31"), AllegationConcludedOn: d("2026-10-01")}}
		}), want: expect{kind: PostAllegationReview, ref: 8, due: "2026-11-12",
			reason: "Within 42 days of the allegation investigation concluding on 1 Oct 2026 — service procedures"}},
		{name: "ServiceSetsItsOwnPeriod", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 8, Kind: "post_allegation", Status: "scheduled", DueOn: d("2026-12-31"), AllegationConcludedOn: d("2026-10-01")}}
		}), policy: func(p *Policy) { p.PostAllegationReviewDays = 28 },
			want: expect{kind: PostAllegationReview, ref: 8, due: "2026-10-29", reason: "Within 28 days", partial: true}},
		{name: "NoConclusionDateUsesTheScheduledDate", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 8, Kind: "post_allegation", Status: "scheduled", DueOn: d("2026-12-31")}}
		}), want: expect{kind: PostAllegationReview, ref: 8, due: "2026-12-31", reason: "record the date the investigation concluded", partial: true}},
		{name: "HeldReviewIsDone", h: with(h, func(h *Household) {
			h.Reviews = []Review{{ID: 8, Kind: "post_allegation", Status: "decided", MeetingOn: d("2026-11-01"), AllegationConcludedOn: d("2026-10-01")}}
		}), want: expect{kind: PostAllegationReview, ref: 8, absent: true}},
	})
}
