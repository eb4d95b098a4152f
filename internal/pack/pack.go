// Package pack renders a household's annual review pack as a PDF.
//
// It is a pure core: a plain Pack struct in, a PDF streamed to an io.Writer
// out. It imports neither ent nor Fiber; the registry assembles the struct
// (dates already formatted, e.g. "14 Mar 2026") and decides who may download
// it.
//
// Output is deterministic: the same Pack (including DownloadedBy and
// DownloadedAt) gives byte-identical bytes, because the catalogue is sorted
// and the creation and modification dates are taken from DownloadedAt.
package pack

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"time"
)

// Marking is the protective marking printed on every page.
const Marking = "OFFICIAL-SENSITIVE"

// Pack is everything a review pack shows.
type Pack struct {
	Service   string // e.g. "Northshire Fostering Service"; also the PDF author
	Reference string // the pack's reference, e.g. "FH-0042 / R-118"
	Household Household
	Carers    []Person
	Members   []Person // other household members
	Review    Review
	Panel     Panel

	Terms         []Term
	Compliance    []Item
	Placements    []Placement
	Training      []Training
	Checks        []Check // health and DBS
	Visits        []Visit
	Contributions []Contribution
	Previous      *PreviousReview // nil for a household's first review

	DownloadedBy string
	DownloadedAt time.Time
}

// Household identifies the fostering household.
type Household struct {
	Reference string
	Address   string
	Status    string
}

// Person is a carer or another member of the household.
type Person struct {
	Name         string
	Relationship string // "Carer", "Birth child", "Lodger"…
	Born         string
}

// Review is the review the pack is for.
type Review struct {
	Kind             string // "Annual review", "Review after allegation"…
	Period           string // e.g. "15 Mar 2025 – 14 Mar 2026"
	DueOn            string
	MeetingOn        string
	ReviewingOfficer string
	Recommendation   string
	Report           string
}

// Panel is the fostering panel the review goes to.
type Panel struct {
	Name    string
	MeetsOn string
	ADM     string // the agency decision maker
}

// Term is one term of the household's approval.
type Term struct {
	Category string // "Long-term", "Short-term", "Respite"…
	AgeRange string // "0–11"
	Places   string // "2"
	Notes    string
}

// Item is a compliance item and the reason for its standing.
type Item struct {
	What   string
	For    string // the person or the household
	DueOn  string
	Status string
	Reason string
}

// Placement is a placement in the review period, by reference only.
type Placement struct {
	Reference string
	Started   string
	Ended     string // empty while it continues
	Category  string
}

// Training is one course in a carer's training record; a Course of
// "TSD standards" reports the Training, Support and Development standards.
type Training struct {
	Carer     string
	Course    string
	Completed string
	Expires   string
	Status    string
}

// Check is a health or DBS check.
type Check struct {
	Person  string
	Kind    string // "Health" or "DBS"
	Done    string
	Expires string
	Status  string
}

// Visit is a supervising social worker's or unannounced visit.
type Visit struct {
	On    string
	Kind  string
	By    string
	Notes string
}

// Contribution is a view gathered for the review; Text is shown verbatim.
type Contribution struct {
	Source   string // "Child in placement", "Child's social worker"…
	Author   string
	Received string
	Text     string
}

// PreviousReview is what the last review recommended and what became of it.
type PreviousReview struct {
	HeldOn          string
	Recommendations []Outcome
}

// Outcome is one previous recommendation and what became of it.
type Outcome struct {
	Recommendation string
	Outcome        string
}

// Write renders p as a PDF to w.
func Write(w io.Writer, p Pack) error {
	p = copyPack(p)
	cleanPack(&p)
	var pdf bytes.Buffer
	err := Drawing(func() error {
		d, err := newDoc(p)
		if err != nil {
			return err
		}
		d.render()
		return d.pdf.Output(&pdf)
	})
	if err == nil {
		_, err = pdf.WriteTo(w) // outside the slot: a slow reader holds no one up
	}
	if err != nil {
		return fmt.Errorf("write review pack %s: %w", p.Reference, err)
	}
	return nil
}

// drawing holds a slot for each PDF being drawn. Drawing is all CPU, so
// more at once than there are cores gains nothing, and each document
// allocates some 10 MB (its parsed fonts, a compressor per stream) while
// it is drawn: unbounded, packs downloaded at once under the load test
// (docs/load.md) added to the server's peak memory for no speed.
var drawing = make(chan struct{}, runtime.GOMAXPROCS(0))

// Drawing runs draw when a slot is free: Hearth's other PDFs (the subject
// access bundle) share the slots with the packs.
func Drawing(draw func() error) error {
	drawing <- struct{}{}
	defer func() { <-drawing }()
	return draw()
}

// Fonts returns the embedded regular and bold faces (DejaVu Sans, cut down
// to the characters a service's records use), for Hearth's other PDFs.
func Fonts() (regular, bold []byte) { return fontRegular, fontBold }

// copyPack copies p's slices and its previous review, so that cleaning the
// copy's text leaves the caller's Pack as it was.
func copyPack(p Pack) Pack {
	p.Carers = append([]Person(nil), p.Carers...)
	p.Members = append([]Person(nil), p.Members...)
	p.Terms = append([]Term(nil), p.Terms...)
	p.Compliance = append([]Item(nil), p.Compliance...)
	p.Placements = append([]Placement(nil), p.Placements...)
	p.Training = append([]Training(nil), p.Training...)
	p.Checks = append([]Check(nil), p.Checks...)
	p.Visits = append([]Visit(nil), p.Visits...)
	p.Contributions = append([]Contribution(nil), p.Contributions...)
	if p.Previous != nil {
		prev := *p.Previous
		prev.Recommendations = append([]Outcome(nil), prev.Recommendations...)
		p.Previous = &prev
	}
	return p
}
