package pack_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/hearth-registry/hearth/internal/pack"
)

const literal = "She said <b>not bold</b> & <script>alert(1)</script> — keep it as typed."

// samplePack is a typical pack: ten to fifteen pages.
func samplePack() pack.Pack {
	p := pack.Pack{
		Service:   "Northshire Fostering Service",
		Reference: "FH-0042 / R-118",
		Household: pack.Household{Reference: "FH-0042", Address: "12 Quay Street, Northshire NS1 4AB", Status: "Approved"},
		Carers: []pack.Person{
			{Name: "Zoë Ó Briain", Relationship: "Carer", Born: "3 Feb 1979"},
			{Name: "Siân Evans", Relationship: "Carer", Born: "19 Sep 1981"},
			{Name: "Łukasz Wróblewski", Relationship: "Carer", Born: "1 Jul 1975"},
			{Name: "Ngozi Àdìgún", Relationship: "Carer", Born: "22 Dec 1983"},
		},
		Members: []pack.Person{
			{Name: "Oisín Ó Briain", Relationship: "Birth child", Born: "4 May 2009"},
			{Name: "Dafydd Evans", Relationship: "Adult son", Born: "14 Jan 2004"},
		},
		Review: pack.Review{
			Kind: "Annual review", Period: "15 Mar 2025 – 14 Mar 2026", DueOn: "14 Mar 2026",
			MeetingOn: "2 Mar 2026", ReviewingOfficer: "Priya Raman",
			Recommendation: "Continue approval on the same terms; complete the outstanding first-aid refresher before the next review.",
			Report:         strings.Repeat("The household has provided stable, warm care throughout the year. Supervising visits found the home well organised and the children settled at school. ", 30),
		},
		Panel: pack.Panel{Name: "Northshire Fostering Panel", MeetsOn: "20 Mar 2026", ADM: "Helen Moss"},
		Terms: []pack.Term{
			{Category: "Long-term", AgeRange: "5–17", Places: "2", Notes: "Siblings may be placed together."},
			{Category: "Respite", AgeRange: "0–17", Places: "1", Notes: "Weekends only."},
		},
		DownloadedBy: "Ngozi Àdìgún-Reviewer",
		DownloadedAt: time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC),
		Previous: &pack.PreviousReview{HeldOn: "3 Mar 2025", Recommendations: []pack.Outcome{
			{Recommendation: "Complete safer-caring training.", Outcome: "Completed 4 Jun 2025."},
			{Recommendation: "Update the household safer-care policy.", Outcome: "Updated and seen on visit 12 Aug 2025."},
		}},
	}
	for i := range 14 {
		p.Compliance = append(p.Compliance, pack.Item{
			What: fmt.Sprintf("Check %d", i+1), For: p.Carers[i%4].Name, DueOn: "1 Apr 2026",
			Status: []string{"Met", "Due", "Overdue", "Not applicable"}[i%4],
			Reason: "Last completed on 1 Apr 2025; repeated every twelve months under the service policy.",
		})
	}
	for i := range 6 {
		p.Placements = append(p.Placements, pack.Placement{Reference: fmt.Sprintf("PL-%04d", 300+i), Started: "1 May 2025", Category: "Long-term"})
	}
	for i := range 40 {
		p.Training = append(p.Training, pack.Training{
			Carer: p.Carers[i%4].Name, Course: fmt.Sprintf("Course %d: safeguarding and trauma-informed care", i+1),
			Completed: "10 Jun 2025", Expires: "10 Jun 2028", Status: "Current",
		})
	}
	for _, c := range p.Carers {
		p.Checks = append(p.Checks,
			pack.Check{Person: c.Name, Kind: "Health", Done: "2 Feb 2024", Expires: "2 Feb 2027", Status: "Current"},
			pack.Check{Person: c.Name, Kind: "DBS", Done: "5 Jan 2024", Expires: "5 Jan 2027", Status: "Current"})
	}
	for i := range 12 {
		p.Visits = append(p.Visits, pack.Visit{On: fmt.Sprintf("%d Apr 2025", i+1), Kind: "Supervising", By: "Tom Hale", Notes: "Saw the children; bedrooms seen; records up to date."})
	}
	p.Contributions = []pack.Contribution{
		{Source: "Child in placement", Author: "Child PL-0300", Received: "20 Feb 2026", Text: literal},
		{Source: "Child's social worker", Author: "Amaka Obi", Received: "22 Feb 2026", Text: strings.Repeat("Good communication with the team and the school. ", 40)},
		{Source: "Carer", Author: "Siân Evans", Received: "23 Feb 2026", Text: strings.Repeat("We have enjoyed the year and would like to keep the same terms.\n", 10)},
	}
	return p
}

func render(t testing.TB, p pack.Pack) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pack.Write(&buf, p); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// needTool skips when a poppler tool is missing, unless HEARTH_REQUIRE_TOOLS=1.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("HEARTH_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s not found and HEARTH_REQUIRE_TOOLS=1: %v", name, err)
		}
		t.Skipf("%s not found (apt-get install poppler-utils): %v", name, err)
	}
	return path
}

func writeTemp(t *testing.T, pdf []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

func pdftotext(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	bin := needTool(t, "pdftotext")
	f := writeTemp(t, pdf)
	out, err := exec.Command(bin, append(append([]string{"-enc", "UTF-8"}, args...), f, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func pageCount(t testing.TB, pdf []byte) int {
	t.Helper()
	m := regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`).FindSubmatch(pdf)
	if m == nil {
		m = regexp.MustCompile(`/Count (\d+)`).FindSubmatch(pdf)
	}
	if m == nil {
		t.Fatal("no page count in PDF")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

var headings = []string{
	"Contents",
	"Summary of approval terms and compliance",
	"Household members",
	"Placements in the period",
	"Training record and TSD status",
	"Health and DBS checks",
	"Visits in the period",
	"Contributions",
	"Reviewing officer's report and recommendation",
	"Previous review's recommendations",
	"Decision of the panel and the ADM",
}

func TestWriteDeterministic(t *testing.T) {
	t.Parallel()
	p := samplePack()
	a, b := render(t, p), render(t, p)
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", a[:min(len(a), 16)])
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("two renders differ (%d and %d bytes)", len(a), len(b))
	}
	p.DownloadedAt = p.DownloadedAt.Add(time.Minute)
	if bytes.Equal(a, render(t, p)) {
		t.Fatal("a different download time gave the same bytes")
	}
	for _, want := range []string{"/Title", "/Subject", "/Author", "/Creator", "/CreationDate (D:20260314093000", "/Outlines"} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("PDF lacks %s", want)
		}
	}
}

func TestWriteText(t *testing.T) {
	t.Parallel()
	p := samplePack()
	pdf := render(t, p)
	text := pdftotext(t, pdf, "-layout")
	wants := append([]string{}, headings...)
	wants = append(wants,
		"Zoë Ó Briain", "Siân Evans", "Łukasz Wróblewski", "Ngozi Àdìgún",
		"Page 1 of", "OFFICIAL-SENSITIVE", "FH-0042 / R-118",
		"Downloaded by Ngozi Àdìgún-Reviewer", "14 Mar 2026 09:30 UTC",
		"<b>not bold</b> & <script>alert(1)</script>",
	)
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	n := pageCount(t, pdf)
	if n < 10 || n > 15 {
		t.Errorf("sample pack has %d pages, want 10–15", n)
	}
	// Every page carries the marking and its number.
	pages := strings.Split(text, "\f")
	for i := 1; i <= n; i++ {
		page := pages[i-1]
		if !strings.Contains(page, "OFFICIAL-SENSITIVE") || !strings.Contains(page, fmt.Sprintf("Page %d of %d", i, n)) {
			t.Errorf("page %d lacks the marking or %q", i, fmt.Sprintf("Page %d of %d", i, n))
		}
	}
	// The watermark is drawn at an angle, so pdftotext yields it a glyph
	// at a time: compare with the whitespace taken out, in stream order.
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	raw := strings.Split(pdftotext(t, pdf, "-raw"), "\f")
	mark := squash("Downloaded by " + p.DownloadedBy + " 14 Mar 2026 09:30 UTC")
	for i := 1; i <= n; i++ {
		if !strings.Contains(squash(raw[i-1]), mark) {
			t.Errorf("page %d lacks the watermark %q", i, mark)
		}
	}
	// The contents page names each section with the page it starts on.
	for _, h := range headings[1:] {
		re := regexp.MustCompile(regexp.QuoteMeta(h) + `\s+(\d+)`)
		m := re.FindStringSubmatch(pages[1])
		if m == nil {
			t.Errorf("contents lacks %q with a page number", h)
			continue
		}
		at, _ := strconv.Atoi(m[1])
		if at < 3 || at > n || !strings.Contains(pages[at-1], h) {
			t.Errorf("contents says %q is on page %d; it is not there", h, at)
		}
	}
}

func TestWriteLongContent(t *testing.T) {
	t.Parallel()
	base := samplePack()
	p := samplePack()
	p.Training = nil
	for i := range 200 {
		p.Training = append(p.Training, pack.Training{
			Carer: p.Carers[i%4].Name, Course: fmt.Sprintf("Course row %03d", i+1),
			Completed: "10 Jun 2025", Expires: "10 Jun 2028", Status: "Current",
		})
	}
	var long strings.Builder
	for long.Len() < 20000 {
		long.WriteString("Averyveryverylongwordwithoutanyspacesatalltotestbreaking ")
		long.WriteString("and ordinary words that wrap across lines and pages. ")
	}
	long.WriteString("THE-END-OF-THE-LONG-TEXT")
	p.Contributions = append(p.Contributions, pack.Contribution{Source: "Independent visitor", Author: "Ana Ruiz", Received: "1 Mar 2026", Text: long.String()})
	pdf := render(t, p)

	if got, was := pageCount(t, pdf), pageCount(t, render(t, base)); got <= was+3 {
		t.Errorf("long pack has %d pages, the sample %d: it did not grow", got, was)
	}
	text := pdftotext(t, pdf, "-layout")
	for _, want := range []string{"Course row 001", "Course row 200", "THE-END-OF-THE-LONG-TEXT"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	// The training header repeats on every continuation page.
	if n := regexp.MustCompile(`Carer\s+Course\s+Completed\s+Expires\s+Status`).FindAllStringIndex(text, -1); len(n) < 3 {
		t.Errorf("training header appears %d times, want it repeated on continuation pages", len(n))
	}

	// No word falls outside its page: every word's box lies inside the
	// page's box, and inside the margins bar the watermark.
	bbox := pdftotext(t, pdf, "-bbox")
	pageRe := regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRe := regexp.MustCompile(`<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>`)
	pages := strings.Split(bbox, "<page ")[1:]
	if len(pages) == 0 {
		t.Fatal("pdftotext -bbox found no pages")
	}
	words := 0
	for i, pg := range pages {
		pm := pageRe.FindStringSubmatch("<page " + pg)
		w, _ := strconv.ParseFloat(pm[1], 64)
		h, _ := strconv.ParseFloat(pm[2], 64)
		for _, m := range wordRe.FindAllStringSubmatch(pg, -1) {
			words++
			var c [4]float64
			for k := range c {
				c[k], _ = strconv.ParseFloat(m[k+1], 64)
			}
			if c[0] < 0 || c[1] < 0 || c[2] > w || c[3] > h {
				t.Errorf("page %d: word %q at %v lies outside the %gx%g page", i+1, m[5], c, w, h)
			}
		}
	}
	if words < 1000 {
		t.Errorf("only %d words found", words)
	}
}

func BenchmarkWritePack(b *testing.B) {
	p := samplePack()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := pack.Write(&buf, p); err != nil {
			b.Fatal(err)
		}
	}
	pages := pageCount(b, buf.Bytes())
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(buf.Len())/1024, "KiB")
}

// TestSamplePNG writes docs/pack-sample-{1,2}.png when HEARTH_WRITE_SAMPLES=1.
func TestSamplePNG(t *testing.T) {
	if os.Getenv("HEARTH_WRITE_SAMPLES") != "1" {
		t.Skip("set HEARTH_WRITE_SAMPLES=1 to refresh docs/pack-sample-*.png")
	}
	bin := needTool(t, "pdftoppm")
	f := writeTemp(t, render(t, samplePack()))
	first, _ := strconv.Atoi(os.Getenv("HEARTH_SAMPLE_FROM"))
	if first == 0 {
		first = 1
	}
	prefix := filepath.Join(t.TempDir(), "p")
	if out, err := exec.Command(bin, "-png", "-r", "60", "-f", strconv.Itoa(first), "-l", strconv.Itoa(first+1), f, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	matches, _ := filepath.Glob(prefix + "*.png")
	if len(matches) != 2 {
		t.Fatalf("pdftoppm wrote %v", matches)
	}
	for i, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", fmt.Sprintf("pack-sample-%d.png", i+1)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkFontParse measures what each document pays because fpdf cannot
// share a parsed UTF-8 font between documents: parsing both DejaVu faces.
func BenchmarkFontParse(b *testing.B) {
	regular, err := os.ReadFile("fonts/DejaVuSans.ttf")
	if err != nil {
		b.Fatal(err)
	}
	bold, err := os.ReadFile("fonts/DejaVuSans-Bold.ttf")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("dejavu", "", regular)
		pdf.AddUTF8FontFromBytes("dejavu", "B", bold)
		if err := pdf.Error(); err != nil {
			b.Fatal(err)
		}
	}
}
