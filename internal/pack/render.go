package pack

import (
	_ "embed"
	"fmt"
	"math"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

// Section headings, in order. They are also the contents entries and the
// PDF bookmarks.
const (
	headContents     = "Contents"
	headSummary      = "Summary of approval terms and compliance"
	headMembers      = "Household members"
	headPlacements   = "Placements in the period"
	headTraining     = "Training record and TSD status"
	headChecks       = "Health and DBS checks"
	headVisits       = "Visits in the period"
	headContribution = "Contributions"
	headReport       = "Reviewing officer's report and recommendation"
	headPrevious     = "Previous review's recommendations"
	headDecision     = "Decision of the panel and the ADM"
)

// Page geometry, in millimetres (A4 portrait).
const (
	pageW       = 210.0
	pageH       = 297.0
	marginL     = 18.0
	marginR     = 18.0
	marginT     = 22.0
	marginB     = 20.0
	contentW    = pageW - marginL - marginR
	lineH       = 4.6 // body text at 9.5 pt
	cellPad     = 1.2 // vertical padding inside a table cell
	cellMargin  = 1.5 // fpdf's horizontal padding inside a cell
	fontFamily  = "dejavu"
	bodySize    = 9.5
	tableSize   = 8.5
	contentsPg  = 2 // the contents page is always page 2
	nbPageAlias = "{nb}"
)

type section struct {
	title string
	page  int
	link  int
}

type doc struct {
	p        Pack
	pdf      *fpdf.Fpdf
	sections []section
	stamp    string // "27 Nov 2026 03:26 UTC"
}

func newDoc(p Pack) (*doc, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	// The alias must be set before the fonts are added: fpdf reserves the
	// runes of the alias in the font subset when it is.
	pdf.AliasNbPages(nbPageAlias)
	// fpdf v0.12.0 has no way to share a parsed UTF-8 font between
	// documents: AddUTF8FontFromBytes parses the TTF into an unexported
	// per-document structure (and subsets it on output). The bytes are
	// embedded, so what is shared is the file; the parse is per document
	// (BenchmarkFontParse measures it).
	pdf.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("load pack fonts: %w", err)
	}
	when := p.DownloadedAt
	if when.IsZero() {
		when = time.Unix(0, 0)
	}
	when = when.UTC()
	pdf.SetCatalogSort(true)
	// Page streams are left uncompressed: fpdf builds a fresh zlib writer
	// (about 1 MB of state) per stream, which cost ~8 ms of a ~24 ms pack;
	// a typical pack grows from ~75 KB to ~160 KB. Font streams are
	// compressed regardless.
	pdf.SetCompression(false)
	pdf.SetCreationDate(when)
	pdf.SetModificationDate(when)
	pdf.SetTitle(fmt.Sprintf("Review pack %s", p.Reference), true)
	pdf.SetSubject(strings.TrimSpace(fmt.Sprintf("%s for household %s", orDefault(p.Review.Kind, "Review"), p.Household.Reference)), true)
	pdf.SetAuthor(p.Service, true)
	pdf.SetCreator("Hearth", true)
	pdf.SetProducer("Hearth", true)
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.SetAutoPageBreak(true, marginB)
	pdf.SetCellMargin(cellMargin)

	d := &doc{p: p, pdf: pdf, stamp: when.Format("2 Jan 2006 15:04 MST")}
	pdf.SetHeaderFunc(d.header)
	pdf.SetFooterFunc(d.footer)
	return d, nil
}

func (d *doc) render() {
	d.cover()
	d.pdf.AddPage() // contents, filled in once every section's page is known
	d.pdf.Bookmark(headContents, 0, 0)
	d.summary()
	d.members()
	d.placements()
	d.training()
	d.checks()
	d.visits()
	d.contributions()
	d.report()
	d.previous()
	d.decision()
	d.contents()
}

// header draws the watermark and the marking; fpdf calls it from every
// AddPage, including the page breaks inside long text.
func (d *doc) header() {
	pdf := d.pdf
	d.watermark()
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFont(fontFamily, "B", 9)
	pdf.SetXY(marginL, 9)
	pdf.CellFormat(contentW/3, 5, d.p.Reference, "", 0, "L", false, 0, "")
	pdf.CellFormat(contentW/3, 5, Marking, "", 0, "C", false, 0, "")
	pdf.SetFont(fontFamily, "", 8)
	pdf.CellFormat(contentW/3, 5, d.p.Service, "", 0, "R", false, 0, "")
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.3)
	pdf.Line(marginL, 15, pageW-marginR, 15)
	pdf.SetXY(marginL, marginT)
	d.body()
}

func (d *doc) footer() {
	pdf := d.pdf
	pdf.SetTextColor(0, 0, 0)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.3)
	pdf.Line(marginL, pageH-14, pageW-marginR, pageH-14)
	pdf.SetXY(marginL, pageH-13)
	pdf.SetFont(fontFamily, "", 8)
	pdf.CellFormat(contentW/3, 5, d.p.Reference, "", 0, "L", false, 0, "")
	pdf.SetFont(fontFamily, "B", 8)
	pdf.CellFormat(contentW/3, 5, Marking, "", 0, "C", false, 0, "")
	pdf.SetFont(fontFamily, "", 8)
	pdf.CellFormat(contentW/3, 5, fmt.Sprintf("Page %d of %s", pdf.PageNo(), nbPageAlias), "", 0, "R", false, 0, "")
}

// watermark writes, faint and diagonal across the page, who downloaded the
// pack and when.
func (d *doc) watermark() {
	pdf := d.pdf
	lines := []string{"Downloaded by " + orDefault(d.p.DownloadedBy, "unknown user"), d.stamp}
	size := 26.0
	pdf.SetFont(fontFamily, "B", size)
	widest := 0.0
	for _, l := range lines {
		widest = math.Max(widest, pdf.GetStringWidth(l))
	}
	if maxW := 250.0; widest > maxW { // the page's diagonal is ~364 mm
		size *= maxW / widest
		pdf.SetFontSize(size)
	}
	cx, cy := pageW/2, pageH/2
	lh := size * 0.3528 * 1.4
	pdf.SetAlpha(0.14, "Normal")
	pdf.SetTextColor(90, 90, 90)
	pdf.TransformBegin()
	pdf.TransformRotate(55, cx, cy)
	for i, l := range lines {
		y := cy + (float64(i)-float64(len(lines)-1)/2)*lh + size*0.3528/2
		pdf.Text(cx-pdf.GetStringWidth(l)/2, y, l)
	}
	pdf.TransformEnd()
	pdf.SetAlpha(1, "Normal")
}

func (d *doc) body() {
	d.pdf.SetFont(fontFamily, "", bodySize)
	d.pdf.SetTextColor(0, 0, 0)
}

// section starts a new page with a heading, a bookmark and a link target
// for the contents page.
func (d *doc) section(title string) {
	pdf := d.pdf
	pdf.AddPage()
	link := pdf.AddLink()
	pdf.SetLink(link, 0, pdf.PageNo())
	d.sections = append(d.sections, section{title: title, page: pdf.PageNo(), link: link})
	pdf.Bookmark(title, 0, -1)
	pdf.SetFont(fontFamily, "B", 16)
	pdf.MultiCell(0, 8, title, "", "L", false)
	pdf.Ln(3)
	d.body()
}

// subheading keeps at least a few lines of what follows on the same page.
func (d *doc) subheading(text string) {
	pdf := d.pdf
	if pdf.GetY() > pageH-marginB-25 {
		pdf.AddPage()
	}
	pdf.Ln(2)
	pdf.SetFont(fontFamily, "B", 11.5)
	pdf.MultiCell(0, 6, text, "", "L", false)
	pdf.Ln(1)
	d.body()
}

func (d *doc) para(text string) {
	d.body()
	d.pdf.MultiCell(0, lineH, clean(text), "", "L", false)
}

// muted writes a grey note such as "None recorded in the period."
func (d *doc) muted(text string) {
	d.pdf.SetTextColor(80, 80, 80)
	d.pdf.SetFont(fontFamily, "", bodySize)
	d.pdf.MultiCell(0, lineH, text, "", "L", false)
	d.body()
}

// facts writes label/value pairs in two columns.
func (d *doc) facts(labelW float64, pairs [][2]string) {
	pdf := d.pdf
	for _, kv := range pairs {
		if pdf.GetY() > pageH-marginB-3*lineH {
			pdf.AddPage()
		}
		y := pdf.GetY()
		pdf.SetFont(fontFamily, "B", bodySize)
		pdf.SetXY(marginL, y)
		pdf.MultiCell(labelW, lineH+0.8, kv[0], "", "L", false)
		after := pdf.GetY()
		pdf.SetFont(fontFamily, "", bodySize)
		pdf.SetXY(marginL+labelW, y)
		pdf.MultiCell(contentW-labelW, lineH+0.8, clean(orDefault(kv[1], "—")), "", "L", false)
		pdf.SetY(math.Max(pdf.GetY(), after))
	}
}

// table draws rows under a header. Rows never split unless a single row is
// taller than a page; the header is repeated at the top of every
// continuation page.
func (d *doc) table(cols []column, rows [][]string, empty string) {
	pdf := d.pdf
	if len(rows) == 0 {
		d.muted(empty)
		return
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.frac * contentW
	}
	const th = 4.0 // table line height at tableSize
	bottom := pageH - marginB

	header := func() {
		pdf.SetFont(fontFamily, "B", tableSize)
		pdf.SetFillColor(232, 232, 232)
		pdf.SetDrawColor(120, 120, 120)
		pdf.SetLineWidth(0.2)
		pdf.SetTextColor(0, 0, 0)
		heads := make([][]string, len(cols))
		n := 1
		for i, c := range cols {
			heads[i] = pdf.SplitText(c.title, widths[i])
			n = max(n, len(heads[i]))
		}
		d.rowChunk(widths, heads, 0, n, th, true)
		pdf.SetFont(fontFamily, "", tableSize)
	}

	// Not enough room for the header and a line: start on the next page.
	if pdf.GetY()+2*th+4*cellPad > bottom {
		pdf.AddPage()
	}
	header()
	for _, row := range rows {
		pdf.SetFont(fontFamily, "", tableSize)
		cells := make([][]string, len(cols))
		n := 1
		for i := range cols {
			if i < len(row) {
				cells[i] = pdf.SplitText(clean(row[i]), widths[i])
			}
			n = max(n, len(cells[i]))
		}
		fullPage := int((bottom - marginT - 2*th - 4*cellPad) / th)
		for from := 0; from < n; {
			room := int((bottom - pdf.GetY() - 2*cellPad) / th)
			want := n - from
			if want > room && (want <= fullPage || room < 3) {
				pdf.AddPage()
				header()
				pdf.SetFont(fontFamily, "", tableSize)
				room = int((bottom - pdf.GetY() - 2*cellPad) / th)
			}
			to := from + min(want, room)
			d.rowChunk(widths, cells, from, to, th, false)
			from = to
		}
	}
	pdf.Ln(2)
	d.body()
}

// rowChunk draws lines [from, to) of every cell as one bordered band.
func (d *doc) rowChunk(widths []float64, cells [][]string, from, to int, th float64, fill bool) {
	pdf := d.pdf
	y := pdf.GetY()
	h := float64(to-from)*th + 2*cellPad
	x := marginL
	style := "D"
	if fill {
		style = "FD"
	}
	for i, w := range widths {
		pdf.Rect(x, y, w, h, style)
		for j := from; j < to && j < len(cells[i]); j++ {
			pdf.SetXY(x, y+cellPad+float64(j-from)*th)
			pdf.CellFormat(w, th, cells[i][j], "", 0, "L", false, 0, "")
		}
		x += w
	}
	pdf.SetXY(marginL, y+h)
}

// clean makes user text safe for layout: it is shown literally (fpdf
// interprets no markup in Cell/MultiCell), with line endings normalised and
// tabs and other control characters made spaces.
func clean(s string) string {
	if !strings.ContainsAny(s, "\r\t\v\f\x00") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r < 0x20:
			return ' '
		}
		return r
	}, s)
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
