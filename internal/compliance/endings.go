package compliance

import (
	"fmt"
	"slices"
)

// resignation applies reg 28: approval ends 28 days after the carer's
// written notice is received. Until the end is recorded the household stays
// approved and everything else stays due.
func resignation(h Household) []Item {
	if h.ResignationReceivedOn.IsZero() {
		return nil
	}
	return []Item{{
		Kind: ApprovalEnds, Subject: h.subject(), What: "Approval ends (resignation)",
		DueOn: h.ResignationReceivedOn.AddDays(28),
		Reason: fmt.Sprintf("28 days after the written notice of resignation received on %s; record the end of approval — %s",
			on(h.ResignationReceivedOn), srcReg28),
		Source: srcReg28,
	}}
}

// determinations follows a qualifying determination (termination, or terms
// revised without the carer's agreement): written notice with reasons, then
// 28 days for representations or an application to the Independent Review
// Mechanism, after which the determination is recorded. A revision the
// carer agreed to takes effect at once and needs neither.
func determinations(h Household) []Item {
	var items []Item
	for _, r := range h.Reviews {
		qualifying := r.Outcome == "approval_terminated" || (r.Outcome == "terms_revised" && !r.CarerAgreed)
		if r.Status != "decided" || !qualifying {
			continue
		}
		if r.Outcome == "terms_revised" && slices.Contains(h.TermsFromReviews, r.ID) {
			continue // the revised terms are recorded
		}
		s := h.subject()
		if r.NoticeSentOn.IsZero() {
			decided := r.DecidedOn
			if decided.IsZero() {
				decided = r.DueOn
			}
			items = append(items, Item{
				Kind: DeterminationNotice, Subject: s, Ref: r.ID, What: "Written notice of the determination",
				DueOn: decided,
				Reason: fmt.Sprintf("The determination of %s (%s) is a qualifying determination: the carer must be sent written notice with reasons — %s",
					on(decided), outcomeWords(r.Outcome), srcReg28),
				Source: srcReg28,
			})
			continue
		}
		items = append(items, Item{
			Kind: RepresentationsWindow, Subject: s, Ref: r.ID, What: "Representations or IRM application",
			DueOn: r.NoticeSentOn.AddDays(28),
			Reason: fmt.Sprintf("The carer has 28 days from the notice sent on %s to make representations or apply to the Independent Review Mechanism; then record the determination (%s) — %s",
				on(r.NoticeSentOn), outcomeWords(r.Outcome), srcReg28),
			Source: srcReg28,
		})
	}
	return items
}

func outcomeWords(outcome string) string {
	if outcome == "approval_terminated" {
		return "approval terminated"
	}
	return "terms revised"
}

// retention applies reg 32 once approval has ended: records are kept at
// least 10 years from the end of approval, or 3 years for an application
// refused or withdrawn. Nothing else is due.
func retention(h Household) []Item {
	years, from := 10, "approval ended"
	if h.Status == "refused" || h.Status == "withdrawn" {
		years, from = 3, "the application was "+h.Status
	}
	it := Item{Kind: RecordRetention, Subject: h.subject(), What: "Records may be destroyed", Source: srcReg32}
	if h.EndedOn.IsZero() {
		it.Standing = NotApplicable
		it.Reason = fmt.Sprintf("Records are kept %d years from the date %s, which is not recorded: record it to start the retention period — %s",
			years, from, srcReg32)
		return []Item{it}
	}
	it.DueOn = h.EndedOn.AddYears(years)
	it.Reason = fmt.Sprintf("Kept at least %d years from %s, the date %s; nothing else is due — %s",
		years, on(h.EndedOn), from, srcReg32)
	return []Item{it}
}
