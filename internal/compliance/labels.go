package compliance

// labels name each kind as the fostering team says it.
var labels = map[Kind]string{
	FirstReview:           "First review",
	FirstReviewPanel:      "First review to panel",
	AnnualReview:          "Annual review",
	PostAllegationReview:  "Review after an allegation",
	PanelPapers:           "Panel papers",
	ADMDecision:           "Agency decision",
	DeterminationNotice:   "Notice of a determination",
	RepresentationsWindow: "Representations window",
	ApprovalEnds:          "Approval ends (resignation)",
	UnannouncedVisit:      "Unannounced visit",
	SupervisoryVisit:      "Supervisory visit",
	HealthAssessment:      "Health assessment",
	DBSCheck:              "DBS check",
	TSDStandards:          "TSD standards",
	Training:              "Training",
	RecordRetention:       "Record retention",
}

// Label is the kind in the fostering team's words, for headings and
// summaries; an unknown kind reads as itself.
func (k Kind) Label() string {
	if l, ok := labels[k]; ok {
		return l
	}
	return string(k)
}

// ParseKind reports whether s names a kind of due item.
func ParseKind(s string) (Kind, bool) {
	_, ok := labels[Kind(s)]
	return Kind(s), ok
}
