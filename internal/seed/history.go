package seed

import (
	"fmt"
	"time"

	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
)

// addReviews writes the household's review history since approval: a first
// review within a year of approval (always to panel), then one within a year
// of each review meeting, ending in the review now under way.
func (g *generator) addReviews(h *householdPlan) {
	until := h.activeUntil(g.today)
	due, kind := h.approvedOn.AddYears(1), review.KindFirst
	for {
		r := reviewPlan{kind: kind, due: due, panelRequired: kind == review.KindFirst}
		meeting := due.AddDays(-g.between(5, 60))
		overdue := !due.After(g.today) && g.chance(0.05)
		if meeting.After(until) || overdue || !h.endedOn.IsZero() && meeting.After(h.endedOn) {
			if h.endedOn.IsZero() {
				g.current(&r, overdue)
				h.reviews = append(h.reviews, r)
			}
			break
		}
		r.meeting, r.status, r.outcome = meeting, review.StatusDecided, review.OutcomeApprovalContinues
		r.decided = meeting.AddDays(g.between(10, 30))
		if r.panelRequired || g.chance(0.15) {
			g.toPanel(&r, PanelOnOrAfter(meeting.AddDays(14)))
		}
		if r.decided.After(g.today) {
			r.decided = g.today
		}
		if g.demo {
			r.contributions = g.views(r.meeting.AddDays(-g.between(7, 30)), h)
		}
		h.reviews = append(h.reviews, r)
		due, kind = meeting.AddYears(1), review.KindAnnual
	}
	if h.status == household.StatusTerminated {
		g.terminate(h)
	}
}

// toPanel puts a review on the panel meeting on the given date. Papers go
// out one to two weeks before — sometimes fewer than the 5 working days NMS 14
// asks for, which the panel agenda must flag. A decided review's decision
// comes a few days after panel, within the ADM's 7 working days.
func (g *generator) toPanel(r *reviewPlan, on civil.Date) {
	r.panelOn = on
	if sent := on.AddDays(-g.between(5, 14)); !sent.After(g.today) {
		r.papersSent = sent
	}
	if r.status == review.StatusDecided {
		r.decided = on.AddDays(g.between(1, 8))
	}
}

// PanelOnOrAfter returns the date of the first panel meeting on or after d:
// the demo service's panel sits on the second Tuesday of every month.
func PanelOnOrAfter(d civil.Date) civil.Date {
	for month := 0; ; month++ {
		first := civil.New(d.Year(), d.Month()+time.Month(month), 1)
		offset := (int(time.Tuesday) - int(first.Time(time.UTC).Weekday()) + 7) % 7
		if second := first.AddDays(offset + 7); !second.Before(d) {
			return second
		}
	}
}

// current sets up the review now under way, at a stage that fits how close
// it is to its due date.
func (g *generator) current(r *reviewPlan, overdue bool) {
	switch days := g.today.DaysUntil(r.due); {
	case overdue:
		r.status = review.StatusGatheringViews
	case days > 90 && !(g.demo && days < 150):
		r.status = review.StatusScheduled
	default:
		stages := []review.Status{review.StatusGatheringViews, review.StatusReportWritten, review.StatusAwaitingPanel}
		if g.demo {
			// Fill the demo's two upcoming panels so their agendas have items.
			stages = append(stages, review.StatusAwaitingPanel, review.StatusAwaitingPanel)
		}
		r.status = stages[g.rng.IntN(len(stages))]
		if r.panelRequired && r.status == review.StatusReportWritten {
			r.status = review.StatusAwaitingPanel
		}
	}
	if r.status == review.StatusAwaitingPanel {
		next := PanelOnOrAfter(g.today.AddDays(1))
		// The demo alternates between the next two panels so that both
		// agendas have items; at scale it is chance.
		if g.demo && g.awaitingPanel%2 == 1 || !g.demo && g.chance(0.4) {
			next = PanelOnOrAfter(next.AddDays(1))
		}
		g.awaitingPanel++
		g.toPanel(r, next)
	}
	if r.status != review.StatusScheduled && g.demo {
		r.contributions = g.views(g.today.AddDays(-g.between(1, 20)), nil)
	}
}

// terminate ends the household's approval at its last decided review: a
// qualifying determination with written notice.
func (g *generator) terminate(h *householdPlan) {
	for k := len(h.reviews) - 1; k >= 0; k-- {
		r := &h.reviews[k]
		if r.status != review.StatusDecided {
			continue
		}
		r.outcome = review.OutcomeApprovalTerminated
		if r.panelOn.IsZero() {
			g.toPanel(r, PanelOnOrAfter(r.meeting.AddDays(14)))
		}
		r.notice = r.decided.AddDays(2)
		h.endedOn = r.notice.AddDays(28 + g.between(0, 10))
		if h.endedOn.After(g.today) {
			h.endedOn = g.today
		}
		h.reviews = h.reviews[:k+1]
		return
	}
	h.status = household.StatusResigned // never reviewed: treat as a resignation
	h.resignationOn = h.approvedOn.AddDays(30)
	h.endedOn = h.resignationOn.AddDays(28)
}

var viewTexts = map[contribution.Source][]string{
	contribution.SourceCarer: {
		"We have enjoyed the year. The support from our social worker has been good, though respite was hard to arrange over the summer.",
		"It has been a demanding year with a lot of contact arrangements. We would like more training on trauma-informed care.",
	},
	contribution.SourceSsw: {
		"The household has provided consistent, warm care. Recording is of a good standard and the carers work well with the children's social workers.",
		"The carers have met the TSD standards and attended support groups regularly. Supervision has been well used.",
	},
	contribution.SourcePlacingAuthority: {
		"The placing authority is satisfied with the care provided and the carers' advocacy for the child at school.",
	},
	contribution.SourceFosteredChild: {
		"I like living here. I would like to see my brother more often.",
	},
}

// views are the contributions gathered for a review.
func (g *generator) views(on civil.Date, h *householdPlan) []contributionPlan {
	out := []contributionPlan{
		{source: contribution.SourceCarer, author: "Foster carers", on: on, text: g.pick(viewTexts[contribution.SourceCarer])},
		{source: contribution.SourceSsw, author: "Supervising social worker", on: on.AddDays(2), text: g.pick(viewTexts[contribution.SourceSsw])},
	}
	if h != nil && len(h.placements) > 0 && g.chance(0.6) {
		out = append(out,
			contributionPlan{source: contribution.SourcePlacingAuthority, author: g.pick(placingAuthorities), on: on.AddDays(5),
				text: g.pick(viewTexts[contribution.SourcePlacingAuthority])},
			contributionPlan{source: contribution.SourceFosteredChild, author: h.placements[0].reference, on: on.AddDays(6),
				text: g.pick(viewTexts[contribution.SourceFosteredChild])})
	}
	return out
}

// addTerms records the terms of approval at approval and, now and then, a
// change the carers agreed to at a review.
func (g *generator) addTerms(h *householdPlan) {
	from, to := g.between(0, 8), g.between(10, 17)
	h.terms = append(h.terms, termsPlan{
		categories: h.categories, children: g.between(1, 3), from: from, to: to,
		effectiveFrom: h.approvedOn, review: -1, decision: "Initial approval by the agency decision maker after panel",
	})
	for k, r := range h.reviews {
		if r.status != review.StatusDecided || r.outcome != review.OutcomeApprovalContinues || !g.chance(0.12) {
			continue
		}
		prev := &h.terms[len(h.terms)-1]
		prev.effectiveTo = r.decided
		h.reviews[k].outcome, h.reviews[k].changeAgreed = review.OutcomeTermsRevised, true
		h.terms = append(h.terms, termsPlan{
			categories: prev.categories, children: min(prev.children+1, 3), from: prev.from, to: prev.to,
			effectiveFrom: r.decided, review: k,
			decision: fmt.Sprintf("Terms revised at the review of %s, with the carers' agreement", r.meeting.Long()),
		})
	}
}

func (g *generator) addPlacements(h *householdPlan) {
	until := h.activeUntil(g.today)
	start := h.approvedOn.AddDays(g.between(10, 120))
	for n := 0; n < 3 && !start.After(until); n++ {
		p := placementPlan{
			reference: fmt.Sprintf("C%06d", g.rng.IntN(1_000_000)),
			authority: g.pick(placingAuthorities), category: g.pick(h.categories), started: start,
		}
		end := start.AddDays(g.between(30, 1200))
		if end.Before(until) || !h.endedOn.IsZero() {
			if end.After(until) {
				end = until
			}
			p.ended = end
		}
		h.placements = append(h.placements, p)
		if p.ended.IsZero() {
			break
		}
		start = p.ended.AddDays(g.between(7, 200))
	}
}

// addVisits records the last year's visits to a household still approved:
// supervisory visits every six to eight weeks, and usually one unannounced
// visit (NMS 21.8) — but not always, which the compliance view must catch.
func (g *generator) addVisits(h *householdPlan) {
	if h.approvedOn.IsZero() || !h.endedOn.IsZero() {
		return
	}
	first := g.today.AddDays(-365)
	if h.approvedOn.After(first) {
		first = h.approvedOn
	}
	for d := first.AddDays(g.between(7, 40)); !d.After(g.today); d = d.AddDays(g.between(42, 56)) {
		h.visits = append(h.visits, visitPlan{kind: visit.KindSupervisory, on: d, childrenSeen: len(h.placements) > 0})
	}
	switch {
	case g.chance(0.85):
		h.visits = append(h.visits, visitPlan{kind: visit.KindUnannounced, on: g.between2(first, g.today), childrenSeen: true})
	case first.Before(g.today.AddDays(-400)):
		h.visits = append(h.visits, visitPlan{kind: visit.KindUnannounced, on: g.today.AddDays(-g.between(380, 600))})
	}
	if g.chance(0.5) {
		h.visits = append(h.visits, visitPlan{kind: visit.KindTelephone, on: g.between2(first, g.today)})
	}
}
