package compliance

import "github.com/hearth-registry/hearth/internal/civil"

// Household is everything the rules read about one household. Unknown dates
// are the zero civil.Date; archived records are left out by the caller.
type Household struct {
	ID                    int
	Reference             string
	Status                string // assessment, approved, on_hold, suspended, resigned, terminated, refused, withdrawn
	ApprovedOn            civil.Date
	ResignationReceivedOn civil.Date
	EndedOn               civil.Date
	// Categories are the current approval terms' categories.
	Categories []string
	// TermsFromReviews lists the reviews whose decisions have set terms.
	TermsFromReviews []int
	Carers           []Carer
	Members          []Member
	Reviews          []Review
	Visits           []Visit
}

// Carer is an approved foster carer in the household.
type Carer struct {
	ID              int
	Name            string
	DateOfBirth     civil.Date
	ConnectedPerson bool
	TSDCompletedOn  civil.Date
	Training        []TrainingRecord
	Health          []Health
	DBS             []DBS
}

// Member is anyone else living in the household.
type Member struct {
	ID           int
	Name         string
	Relationship string // birth_child, adult_child, adopted_child, relative, lodger, other
	DateOfBirth  civil.Date
	MovedInOn    civil.Date
	MovedOutOn   civil.Date
	DBS          []DBS
}

// TrainingRecord is one completed course.
type TrainingRecord struct {
	CourseID    int
	CompletedOn civil.Date
}

// Health is one health assessment.
type Health struct {
	AssessedOn civil.Date
	Outcome    string // fit, fit_with_conditions, not_fit, pending
}

// DBS is one DBS certificate.
type DBS struct {
	IssuedOn civil.Date
	Outcome  string // clear, information_disclosed, pending
}

// Visit is one visit to the household.
type Visit struct {
	Kind      string // supervisory, unannounced, telephone
	VisitedOn civil.Date
}

// Review is one review of the household's approval.
type Review struct {
	ID                    int
	Kind                  string // first, annual, post_allegation, change_of_circumstances
	Status                string // scheduled … decided, cancelled
	DueOn                 civil.Date
	MeetingOn             civil.Date
	AllegationConcludedOn civil.Date
	DecidedOn             civil.Date
	Outcome               string // approval_continues, terms_revised, approval_terminated
	CarerAgreed           bool
	NoticeSentOn          civil.Date
	PanelItems            []PanelItem
}

// PanelItem is a review's place on a fostering panel's agenda.
type PanelItem struct {
	ID            int
	PanelName     string
	MeetsOn       civil.Date
	PapersSentOn  civil.Date
	RecommendedOn civil.Date
}

// approved says whether the household holds an approval that the ongoing
// rules (reviews, training, checks, visits) apply to. A household on hold
// or suspended is still approved: hold does not pause statutory reviews.
func (h Household) approved() bool {
	switch h.Status {
	case "approved", "on_hold", "suspended":
		return true
	}
	return false
}

// held reports whether the review's meeting took place. A scheduled review,
// or one still gathering views, may carry the date its meeting is planned
// for; that date starts no clock until the meeting has happened, which the
// review shows by moving on to its report.
func (r Review) held() bool {
	switch r.Status {
	case "report_written", "awaiting_panel", "decided":
		return !r.MeetingOn.IsZero()
	}
	return false
}
