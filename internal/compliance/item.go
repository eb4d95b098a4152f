package compliance

import (
	"cmp"
	"slices"

	"github.com/hearth-registry/hearth/internal/civil"
)

// Kind names what is due. The values are part of the API.
type Kind string

// The kinds of due item, one per rule in docs/design.md's table.
const (
	FirstReview           Kind = "first_review"
	FirstReviewPanel      Kind = "first_review_panel"
	AnnualReview          Kind = "annual_review"
	PostAllegationReview  Kind = "post_allegation_review"
	TSDStandards          Kind = "tsd_standards"
	Training              Kind = "training"
	HealthAssessment      Kind = "health_assessment"
	DBSCheck              Kind = "dbs_check"
	UnannouncedVisit      Kind = "unannounced_visit"
	SupervisoryVisit      Kind = "supervisory_visit"
	ApprovalEnds          Kind = "approval_ends"
	RepresentationsWindow Kind = "representations_window"
	DeterminationNotice   Kind = "determination_notice"
	PanelPapers           Kind = "panel_papers"
	ADMDecision           Kind = "adm_decision"
	RecordRetention       Kind = "record_retention"
)

// Kinds lists every kind in the order the service-wide summary shows them.
var Kinds = []Kind{
	FirstReview, FirstReviewPanel, AnnualReview, PostAllegationReview,
	PanelPapers, ADMDecision, DeterminationNotice, RepresentationsWindow, ApprovalEnds,
	UnannouncedVisit, SupervisoryVisit, HealthAssessment, DBSCheck, TSDStandards, Training,
	RecordRetention,
}

// Standing says whether an item still needs doing. Only open items have a
// date-driven status and are kept for the service-wide view.
type Standing int

const (
	// Open: not yet done; its status follows its due date.
	Open Standing = iota
	// Met: done, shown for the record (e.g. papers sent on time).
	Met
	// NotApplicable: the rule does not apply to this person or household.
	NotApplicable
)

// Status is how urgent an item is on a given day. The values are part of
// the API.
type Status string

// The four statuses of a due item (docs/design.md).
const (
	Overdue          Status = "overdue"
	DueSoon          Status = "due_soon"
	OK               Status = "ok"
	NotApplicableNow Status = "not_applicable"
)

// SubjectKind says whom an item is for.
type SubjectKind string

// Items are for the household as a whole, one carer, or one other member.
const (
	ForHousehold SubjectKind = "household"
	ForCarer     SubjectKind = "carer"
	ForMember    SubjectKind = "member"
)

// Subject is the person or household an item is for.
type Subject struct {
	Kind SubjectKind
	ID   int
	Name string
}

// Item is one thing due. Kind, Subject and Ref identify it: Ref is the
// course, review or panel item the rule is about, or 0.
type Item struct {
	Kind     Kind
	Subject  Subject
	Ref      int
	What     string
	DueOn    civil.Date
	Standing Standing
	Reason   string
	Source   string
}

// StatusOn is the item's status on today, given the service's warning
// window in days: overdue after the due date, due soon within the window.
func (it Item) StatusOn(today civil.Date, warningDays int) Status {
	switch it.Standing {
	case NotApplicable:
		return NotApplicableNow
	case Met:
		return OK
	}
	return StatusOf(it.DueOn, today, warningDays)
}

// StatusOf is the status of an open item due on due. Due on today is due
// soon, not overdue: the last permitted day has not yet passed.
func StatusOf(due, today civil.Date, warningDays int) Status {
	switch {
	case due.Before(today):
		return Overdue
	case !due.After(today.AddDays(warningDays)):
		return DueSoon
	}
	return OK
}

// sortItems orders items by standing (open, then met, then not
// applicable), then due date, kind, subject and ref, so every path that
// builds a household's items agrees on the order.
func sortItems(items []Item) {
	slices.SortStableFunc(items, func(a, b Item) int {
		if c := cmp.Compare(a.Standing, b.Standing); c != 0 {
			return c
		}
		if c := a.DueOn.Compare(b.DueOn); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Subject.Kind, b.Subject.Kind); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Subject.ID, b.Subject.ID); c != 0 {
			return c
		}
		return cmp.Compare(a.Ref, b.Ref)
	})
}
