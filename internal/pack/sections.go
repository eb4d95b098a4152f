package pack

import (
	"fmt"
	"strings"
)

// The sections of the pack, in the order the panel reads them.

func (d *doc) cover() {
	pdf := d.pdf
	p := d.p
	pdf.AddPage()
	pdf.Bookmark("Cover", 0, 0)
	pdf.SetY(40)
	pdf.SetFont(fontFamily, "", 13)
	pdf.MultiCell(0, 7, p.Service, "", "L", false)
	pdf.Ln(2)
	pdf.SetFont(fontFamily, "B", 24)
	pdf.MultiCell(0, 11, "Foster carer review pack", "", "L", false)
	pdf.SetFont(fontFamily, "", 13)
	pdf.MultiCell(0, 7, orDefault(p.Review.Kind, "Review")+" — household "+p.Household.Reference, "", "L", false)
	pdf.Ln(8)

	carers := make([]string, 0, len(p.Carers))
	for _, c := range p.Carers {
		carers = append(carers, c.Name)
	}
	d.facts(55, [][2]string{
		{"Pack reference", p.Reference},
		{"Household", p.Household.Reference},
		{"Address", p.Household.Address},
		{"Status", p.Household.Status},
		{"Carers", strings.Join(carers, "\n")},
		{"Review period", p.Review.Period},
		{"Review due", p.Review.DueOn},
		{"Review meeting", p.Review.MeetingOn},
		{"Reviewing officer", p.Review.ReviewingOfficer},
		{"Panel", p.Panel.Name},
		{"Panel date", p.Panel.MeetsOn},
	})

	pdf.Ln(10)
	pdf.SetFont(fontFamily, "B", 20)
	pdf.SetLineWidth(0.8)
	pdf.CellFormat(0, 14, Marking, "1", 1, "C", false, 0, "")
	pdf.SetLineWidth(0.3)
	pdf.Ln(3)
	pdf.SetFont(fontFamily, "", 8.5)
	pdf.MultiCell(0, 4.2, "This pack contains personal information about a fostering household and the children placed with it. "+
		"Share it only with the panel and the agency decision maker; do not copy or forward it. "+
		"Downloaded by "+orDefault(p.DownloadedBy, "unknown user")+" on "+d.stamp+".", "", "L", false)
	d.body()
}

// contents fills in page 2 once every section's page is known. The
// contents always fit on one page, so no section moves when they are
// written: one layout pass is enough.
func (d *doc) contents() {
	pdf := d.pdf
	last := pdf.PageNo()
	pdf.SetPage(contentsPg)
	pdf.SetXY(marginL, marginT)
	pdf.SetFont(fontFamily, "B", 16)
	pdf.CellFormat(0, 8, headContents, "", 1, "L", false, 0, "")
	pdf.Ln(4)
	for _, s := range d.sections {
		y := pdf.GetY()
		num := fmt.Sprintf("%d", s.page)
		pdf.SetFont(fontFamily, "", 11)
		tw := pdf.GetStringWidth(s.title)
		nw := pdf.GetStringWidth(num)
		pdf.SetTextColor(0, 0, 0)
		pdf.Text(marginL+cellMargin, y+5, s.title)
		pdf.Text(pageW-marginR-cellMargin-nw, y+5, num)
		// dotted leader
		pdf.SetDrawColor(150, 150, 150)
		pdf.SetLineWidth(0.2)
		pdf.SetDashPattern([]float64{0.4, 1.2}, 0)
		if from, to := marginL+cellMargin+tw+2, pageW-marginR-cellMargin-nw-2; to > from {
			pdf.Line(from, y+5, to, y+5)
		}
		pdf.SetDashPattern(nil, 0)
		pdf.Link(marginL, y, contentW, 7, s.link)
		pdf.SetY(y + 8)
	}
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetPage(last) // fpdf draws the last page's footer on Close
	d.body()
}

func (d *doc) summary() {
	p := d.p
	d.section(headSummary)
	d.subheading("Terms of approval")
	rows := make([][]string, 0, len(p.Terms))
	for _, t := range p.Terms {
		rows = append(rows, []string{t.Category, t.AgeRange, t.Places, t.Notes})
	}
	d.table([]column{{"Category", 0.22}, {"Ages", 0.12}, {"Places", 0.1}, {"Notes", 0.56}}, rows, "No terms recorded.")

	d.subheading("Compliance")
	rows = rows[:0:0]
	for _, it := range p.Compliance {
		rows = append(rows, []string{it.What, it.For, it.DueOn, it.Status, it.Reason})
	}
	d.table([]column{{"Item", 0.22}, {"For", 0.16}, {"Due", 0.12}, {"Status", 0.12}, {"Reason", 0.38}}, rows, "No compliance items.")
}

func (d *doc) members() {
	p := d.p
	d.section(headMembers)
	rows := make([][]string, 0, len(p.Carers)+len(p.Members))
	for _, m := range p.Carers {
		rows = append(rows, []string{m.Name, orDefault(m.Relationship, "Carer"), m.Born})
	}
	for _, m := range p.Members {
		rows = append(rows, []string{m.Name, m.Relationship, m.Born})
	}
	d.table([]column{{"Name", 0.45}, {"Relationship", 0.35}, {"Born", 0.2}}, rows, "No household members recorded.")
}

func (d *doc) placements() {
	d.section(headPlacements)
	rows := make([][]string, 0, len(d.p.Placements))
	for _, pl := range d.p.Placements {
		rows = append(rows, []string{pl.Reference, pl.Category, pl.Started, orDefault(pl.Ended, "continuing")})
	}
	d.table([]column{{"Placement", 0.3}, {"Category", 0.3}, {"Started", 0.2}, {"Ended", 0.2}}, rows, "No placements in the period.")
}

func (d *doc) training() {
	d.section(headTraining)
	rows := make([][]string, 0, len(d.p.Training))
	for _, t := range d.p.Training {
		rows = append(rows, []string{t.Carer, t.Course, t.Completed, t.Expires, t.Status})
	}
	d.table([]column{{"Carer", 0.22}, {"Course", 0.34}, {"Completed", 0.15}, {"Expires", 0.15}, {"Status", 0.14}}, rows, "No training recorded.")
}

func (d *doc) checks() {
	d.section(headChecks)
	rows := make([][]string, 0, len(d.p.Checks))
	for _, c := range d.p.Checks {
		rows = append(rows, []string{c.Person, c.Kind, c.Done, c.Expires, c.Status})
	}
	d.table([]column{{"Person", 0.3}, {"Check", 0.14}, {"Done", 0.18}, {"Expires", 0.18}, {"Status", 0.2}}, rows, "No health or DBS checks recorded.")
}

func (d *doc) visits() {
	d.section(headVisits)
	rows := make([][]string, 0, len(d.p.Visits))
	for _, v := range d.p.Visits {
		rows = append(rows, []string{v.On, v.Kind, v.By, v.Notes})
	}
	d.table([]column{{"Date", 0.14}, {"Visit", 0.18}, {"By", 0.2}, {"Notes", 0.48}}, rows, "No visits in the period.")
}

func (d *doc) contributions() {
	d.section(headContribution)
	if len(d.p.Contributions) == 0 {
		d.muted("No contributions received.")
		return
	}
	for i, c := range d.p.Contributions {
		if i > 0 {
			d.pdf.Ln(3)
		}
		d.subheading(orDefault(c.Source, "Contribution"))
		d.muted(strings.TrimSpace(fmt.Sprintf("%s — received %s", orDefault(c.Author, "author not recorded"), orDefault(c.Received, "date not recorded"))))
		d.pdf.Ln(1)
		d.para(c.Text)
	}
}

func (d *doc) report() {
	r := d.p.Review
	d.section(headReport)
	d.facts(45, [][2]string{
		{"Reviewing officer", r.ReviewingOfficer},
		{"Review meeting", r.MeetingOn},
		{"Review period", r.Period},
	})
	d.subheading("Report")
	if strings.TrimSpace(r.Report) == "" {
		d.muted("No report written yet.")
	} else {
		d.para(r.Report)
	}
	d.subheading("Recommendation")
	if strings.TrimSpace(r.Recommendation) == "" {
		d.muted("No recommendation made yet.")
	} else {
		d.para(r.Recommendation)
	}
}

func (d *doc) previous() {
	d.section(headPrevious)
	prev := d.p.Previous
	if prev == nil {
		d.muted("This is the household's first review.")
		return
	}
	if prev.HeldOn != "" {
		d.para("Previous review held on " + prev.HeldOn + ".")
		d.pdf.Ln(2)
	}
	rows := make([][]string, 0, len(prev.Recommendations))
	for _, o := range prev.Recommendations {
		rows = append(rows, []string{o.Recommendation, o.Outcome})
	}
	d.table([]column{{"Recommendation", 0.5}, {"What became of it", 0.5}}, rows, "The previous review made no recommendations.")
}

func (d *doc) decision() {
	pdf := d.pdf
	p := d.p
	d.section(headDecision)
	box := func(title string, lines []string) {
		d.subheading(title)
		pdf.SetFont(fontFamily, "", bodySize)
		y := pdf.GetY()
		pdf.SetDrawColor(0, 0, 0)
		pdf.SetLineWidth(0.3)
		pdf.Rect(marginL, y, contentW, 38, "D")
		pdf.SetXY(marginL+2, y+2)
		pdf.CellFormat(0, 5, "Recommendation / decision:", "", 1, "L", false, 0, "")
		pdf.SetY(y + 40)
		for _, l := range lines {
			y := pdf.GetY()
			pdf.SetX(marginL)
			pdf.CellFormat(45, 9, l, "", 0, "L", false, 0, "")
			pdf.SetDrawColor(120, 120, 120)
			pdf.Line(marginL+45, y+7, pageW-marginR, y+7)
			pdf.SetDrawColor(0, 0, 0)
			pdf.SetY(y + 10)
		}
	}
	box("Panel recommendation — "+orDefault(p.Panel.Name, "fostering panel")+" "+p.Panel.MeetsOn,
		[]string{"Chair", "Signature", "Date"})
	pdf.Ln(4)
	adm := "Agency decision maker"
	if p.Panel.ADM != "" {
		adm += " — " + p.Panel.ADM
	}
	box(adm, []string{"Name", "Signature", "Date"})
}

type column struct {
	title string
	frac  float64 // share of the content width
}
