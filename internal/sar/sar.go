// Package sar writes a subject access bundle: everything Hearth holds
// about one foster carer, as JSON for machines and a PDF for people, in
// one ZIP. It is a pure core: a plain Bundle in, a ZIP to an io.Writer out.
package sar

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/hearth-registry/hearth/internal/pack"
)

// Section is one kind of record: a title and its records, each a list of
// field name and value pairs in the order they are shown.
type Section struct {
	Title   string    `json:"title"`
	Records [][]Field `json:"records"`
}

// Field is one named value of a record.
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Bundle is everything held about one person.
type Bundle struct {
	Service   string    `json:"service"`
	Subject   string    `json:"subject"`
	Reference string    `json:"reference"`
	MadeAt    time.Time `json:"made_at"`
	MadeBy    string    `json:"made_by"`
	Sections  []Section `json:"sections"`
}

// Write writes b as a ZIP holding name.json and name.pdf, dated b.MadeAt.
func Write(w io.Writer, name string, b Bundle) error {
	z := zip.NewWriter(w)
	f, err := z.CreateHeader(&zip.FileHeader{Name: name + ".json", Method: zip.Deflate, Modified: b.MadeAt})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("write the bundle's JSON: %w", err)
	}
	f, err = z.CreateHeader(&zip.FileHeader{Name: name + ".pdf", Method: zip.Store, Modified: b.MadeAt})
	if err != nil {
		return err
	}
	if err := pack.Drawing(func() error { return writePDF(f, b) }); err != nil {
		return err
	}
	return z.Close()
}

// writePDF lists every section's records, field by field.
func writePDF(w io.Writer, b Bundle) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	regular, bold := pack.Fonts()
	pdf.AddUTF8FontFromBytes("dejavu", "", regular)
	pdf.AddUTF8FontFromBytes("dejavu", "B", bold)
	pdf.SetCreationDate(b.MadeAt)
	pdf.SetModificationDate(b.MadeAt)
	pdf.SetTitle("Subject access: "+b.Subject, true)
	pdf.SetAuthor(b.Service, true)
	pdf.SetCreator("Hearth", true)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont("dejavu", "", 8)
		pdf.CellFormat(0, 5, fmt.Sprintf("OFFICIAL-SENSITIVE · %s · page %d of {nb}", b.Reference, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont("dejavu", "B", 18)
	pdf.MultiCell(0, 9, pack.CleanText("What "+b.Service+" holds about "+b.Subject), "", "L", false)
	pdf.SetFont("dejavu", "", 10)
	pdf.MultiCell(0, 6, pack.CleanText(fmt.Sprintf("Prepared on %s by %s, reference %s.", b.MadeAt.UTC().Format("2 January 2006"), b.MadeBy, b.Reference)), "", "L", false)
	for _, s := range b.Sections {
		pdf.Ln(4)
		pdf.SetFont("dejavu", "B", 13)
		pdf.MultiCell(0, 7, fmt.Sprintf("%s (%d)", s.Title, len(s.Records)), "", "L", false)
		if len(s.Records) == 0 {
			pdf.SetFont("dejavu", "", 10)
			pdf.MultiCell(0, 6, "None held.", "", "L", false)
		}
		for _, r := range s.Records {
			pdf.Ln(1)
			for _, f := range r {
				pdf.SetFont("dejavu", "B", 9)
				pdf.CellFormat(50, 5, pack.CleanText(f.Name), "", 0, "L", false, 0, "")
				pdf.SetFont("dejavu", "", 9)
				pdf.MultiCell(0, 5, pack.CleanText(f.Value), "", "L", false)
			}
			pdf.SetDrawColor(200, 200, 200)
			pdf.Line(15, pdf.GetY()+1, 195, pdf.GetY()+1)
			pdf.Ln(2)
		}
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write the bundle's PDF: %w", err)
	}
	return nil
}

// Fields makes a record from a map, in name order, leaving out empty
// values.
func Fields(m map[string]string) []Field {
	names := make([]string, 0, len(m))
	for k, v := range m {
		if v != "" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	out := make([]Field, len(names))
	for i, n := range names {
		out[i] = Field{Name: n, Value: m[n]}
	}
	return out
}
