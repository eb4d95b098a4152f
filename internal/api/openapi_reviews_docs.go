package api

import (
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/request"
)

// The documentation of reviews and the views gathered for them, panels and
// their agendas, and terms of approval.

func reviewDocs() []apiOp {
	const example = `{"kind": "annual", "due_on": "2026-03-14", "meeting_on": "2026-03-02", "status": "gathering_views",
		"reviewing_officer_id": 7, "proposed_categories": ["short_term", "long_term"], "proposed_number_of_children": 2,
		"proposed_age_from": 0, "proposed_age_to": 11}`
	return []apiOp{
		{Method: "GET", Path: "/api/v1/households/:id/reviews", Summary: "A household's reviews, by due date (a carer sees their own, without staff notes)",
			Query: []string{"status", "kind", "due_before", "due_after", "reviewing_officer_id", "sort", "limit", "cursor"}, Response: httpx.Page[ReviewJSON]{}},
		{Method: "POST", Path: "/api/v1/households/:id/reviews", Summary: "Schedule a review of a household; warnings say when proposed terms exceed the usual fostering limit",
			Status: 201, Request: request.Review{}, Response: ReviewJSON{}, Example: example},
		{Method: "GET", Path: "/api/v1/reviews", Summary: "Reviews across the service, by due date",
			Query: []string{"status", "kind", "due_before", "due_after", "reviewing_officer_id", "sort", "limit", "cursor"}, Response: httpx.Page[ReviewJSON]{}},
		{Method: "GET", Path: "/api/v1/reviews/:id", Summary: "Read a review (the view is audited)", Response: ReviewJSON{}},
		{Method: "PUT", Path: "/api/v1/reviews/:id", Summary: "Change a review: a reviewing officer its report, the decision maker its decision",
			IfMatch: true, Request: request.Review{}, Response: ReviewJSON{}, Example: example},
		{Method: "DELETE", Path: "/api/v1/reviews/:id", Summary: "Archive a review that is on no panel's agenda", IfMatch: true, Status: 204},
	}
}

func reviewLifecycleDocs() []apiOp {
	const decision = `{"decided_on": "2026-03-20", "outcome": "terms_revised", "carer_agreed_to_change": true,
		"decision_reasons": "The panel's recommendation is accepted.",
		"terms": {"categories": ["long_term"], "number_of_children": 2, "age_from": 5, "age_to": 16}}`
	return []apiOp{
		{Method: "POST", Path: "/api/v1/reviews/:id/decision", Summary: "Record the decision maker's decision: approval continuing or terms revised with agreement take effect at once and schedule the next review; a qualifying determination waits for the carer's 28 days",
			IfMatch: true, Request: request.Decision{}, Response: ReviewJSON{}, Example: decision},
		{Method: "POST", Path: "/api/v1/reviews/:id/determination", Summary: "Make a qualifying determination take effect after the time for representations",
			IfMatch: true, Request: request.Determination{}, Response: ReviewJSON{}, Example: `{"effective_on": "2026-05-01"}`},
		{Method: "GET", Path: "/api/v1/reviews/:id/views", Summary: "Whose views the review should have, derived from the household's carers, members and placements, and which are missing",
			Response: ViewsChecklistJSON{}},
		{Method: "GET", Path: "/api/v1/reviews/:id/pack", Summary: "The review pack as a PDF, watermarked with who downloaded it (the download is audited)",
			File: "application/pdf"},
		{Method: "GET", Path: "/api/v1/panels/:id/packs", Summary: "Every pack on a panel's agenda, as a ZIP of PDFs in agenda order (each download is audited)",
			File: "application/zip"},
		{Method: "GET", Path: "/api/v1/carers/:id/subject-access", Summary: "Everything held about one carer, for a subject access request: JSON and a readable PDF in a ZIP (audited)",
			File: "application/zip"},
	}
}

func contributionDocs() []apiOp {
	const example = `{"source": "carer", "author_name": "Zoë Ó Briain", "received_on": "2026-02-20", "text": "We would like to be approved for a third child."}`
	return []apiOp{
		{Method: "GET", Path: "/api/v1/reviews/:id/contributions", Summary: "The views gathered for a review, as received (a carer sees only their own)",
			Query: []string{"limit", "cursor"}, Response: httpx.Page[ContributionJSON]{}},
		{Method: "POST", Path: "/api/v1/reviews/:id/contributions", Summary: "Record views for a review (never a decided or cancelled one: 409); a carer sends their own, in their own name and dated today (else 422), while the review is gathering views",
			Status: 201, Request: request.Contribution{}, Response: ContributionJSON{}, Example: example},
		{Method: "GET", Path: "/api/v1/contributions/:id", Summary: "Read views gathered for a review (the view is audited)", Response: ContributionJSON{}},
		{Method: "PUT", Path: "/api/v1/contributions/:id", Summary: "Correct views gathered for a review (not once it is decided or cancelled: 409)", IfMatch: true,
			Request: request.Contribution{}, Response: ContributionJSON{}, Example: example},
		{Method: "DELETE", Path: "/api/v1/contributions/:id", Summary: "Archive views recorded in error", IfMatch: true, Status: 204},
	}
}

func panelDocs() []apiOp {
	const panel = `{"name": "Fostering panel", "meets_on": "2026-04-09", "location": "Paignton", "chair_id": 4, "member_ids": [4, 5, 6]}`
	const item = `{"review_id": 12, "position": 1, "papers_sent_on": "2026-03-30"}`
	return []apiOp{
		{Method: "GET", Path: "/api/v1/panels", Summary: "Panels by meeting date (a panel member sees the panels they sit on)",
			Query: []string{"meets_from", "meets_to", "limit", "cursor"}, Response: httpx.Page[PanelJSON]{}},
		{Method: "POST", Path: "/api/v1/panels", Summary: "Arrange a panel meeting", Status: 201,
			Request: request.Panel{}, Response: PanelJSON{}, Example: panel},
		{Method: "GET", Path: "/api/v1/panels/:id", Summary: "Read a panel", Response: PanelJSON{}},
		{Method: "PUT", Path: "/api/v1/panels/:id", Summary: "Change a panel and its members", IfMatch: true,
			Request: request.Panel{}, Response: PanelJSON{}, Example: panel},
		{Method: "DELETE", Path: "/api/v1/panels/:id", Summary: "Archive a panel with nothing on its agenda", IfMatch: true, Status: 204},
		{Method: "GET", Path: "/api/v1/panels/:id/items", Summary: "A panel's agenda, in order",
			Query: []string{"limit", "cursor"}, Response: httpx.Page[PanelItemJSON]{}},
		{Method: "POST", Path: "/api/v1/panels/:id/items", Summary: "Put a review on a panel's agenda", Status: 201,
			Request: request.PanelItem{}, Response: PanelItemJSON{}, Example: item},
		{Method: "GET", Path: "/api/v1/panel-items/:id", Summary: "Read an agenda item (the view is audited)", Response: PanelItemJSON{}},
		{Method: "PUT", Path: "/api/v1/panel-items/:id", Summary: "Record papers sent, the panel's recommendation and its minute", IfMatch: true,
			Request: request.PanelItem{}, Response: PanelItemJSON{}, Example: item},
		{Method: "DELETE", Path: "/api/v1/panel-items/:id", Summary: "Take a review off a panel's agenda", IfMatch: true, Status: 204},
	}
}

func termsDocs() []apiOp {
	const example = `{"categories": ["short_term", "long_term"], "number_of_children": 2, "age_from": 0, "age_to": 11,
		"effective_from": "2026-03-20", "decision": "ADM decision after the annual review"}`
	return []apiOp{
		{Method: "GET", Path: "/api/v1/households/:id/approval-terms", Summary: "A household's terms of approval over time, earliest first",
			Query: []string{"limit", "cursor"}, Response: httpx.Page[TermsJSON]{}},
		{Method: "POST", Path: "/api/v1/households/:id/approval-terms", Summary: "Record new terms of approval; open-ended ones close the current terms the day before",
			Status: 201, Request: request.Terms{}, Response: TermsJSON{}, Example: example},
		{Method: "GET", Path: "/api/v1/approval-terms/:id", Summary: "Read terms of approval (the view is audited)", Response: TermsJSON{}},
		{Method: "PUT", Path: "/api/v1/approval-terms/:id", Summary: "Correct terms of approval", IfMatch: true,
			Request: request.Terms{}, Response: TermsJSON{}, Example: example},
	}
}
