package httpx

import (
	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/registry"
)

// DueItemJSON is one due item as the API shows it. Reason is the sentence a
// person reads: what the date rests on, and the rule and its source.
type DueItemJSON struct {
	ID          int         `json:"id,omitempty"`
	HouseholdID int         `json:"household_id"`
	Reference   string      `json:"household_reference"`
	SSWID       *int        `json:"ssw_id,omitempty"`
	Kind        string      `json:"kind"`
	Label       string      `json:"label"`
	Subject     subjectJSON `json:"subject"`
	Ref         int         `json:"ref,omitempty"`
	What        string      `json:"what"`
	DueOn       *civil.Date `json:"due_on"`
	Status      string      `json:"status"`
	DaysLeft    *int        `json:"days_left"`
	Reason      string      `json:"reason"`
	Source      string      `json:"source"`
}

// subjectJSON is whom an item is for: the household, a carer or a member.
type subjectJSON struct {
	Kind string `json:"kind"`
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// StatusTotals adds up the statuses across kinds.
type StatusTotals struct {
	Overdue int `json:"overdue"`
	DueSoon int `json:"due_soon"`
	OK      int `json:"ok"`
}

// KindCountJSON is one line of the summary.
type KindCountJSON struct {
	registry.KindCount
	Label string `json:"label"`
}

func StoredItemJSON(it *ent.DueItem, on civil.Date, p compliance.Policy) DueItemJSON {
	due := it.DueOn
	status := p.StatusOf(compliance.Item{Kind: compliance.Kind(it.Kind), DueOn: due}, on)
	days := on.DaysUntil(due)
	return DueItemJSON{
		ID: it.ID, HouseholdID: it.HouseholdID, Reference: it.HouseholdReference, SSWID: it.SswID,
		Kind: it.Kind, Label: compliance.Kind(it.Kind).Label(),
		Subject: subjectJSON{Kind: it.SubjectKind, ID: it.SubjectID, Name: it.SubjectName},
		Ref:     it.Ref, What: it.What, DueOn: &due, Status: string(status),
		DaysLeft: &days, Reason: it.Reason, Source: it.Source,
	}
}

func AssessedItemJSON(h *ent.Household, it compliance.Item, on civil.Date, p compliance.Policy) DueItemJSON {
	out := DueItemJSON{
		HouseholdID: h.ID, Reference: h.Reference, SSWID: h.SswID, Kind: string(it.Kind), Label: it.Kind.Label(),
		Subject: subjectJSON{Kind: string(it.Subject.Kind), ID: it.Subject.ID, Name: it.Subject.Name},
		Ref:     it.Ref, What: it.What, Status: string(p.StatusOf(it, on)), Reason: it.Reason, Source: it.Source,
	}
	if !it.DueOn.IsZero() {
		due := it.DueOn
		out.DueOn = &due
		if it.Standing == compliance.Open {
			days := on.DaysUntil(due)
			out.DaysLeft = &days
		}
	}
	return out
}
