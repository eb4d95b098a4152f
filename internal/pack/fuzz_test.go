package pack_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/pack"
)

// FuzzWriteText: whatever a person typed — long words, markup, control
// characters, scripts outside the embedded font — the pack's layout
// renders it without a panic and writes a PDF.
func FuzzWriteText(f *testing.F) {
	f.Add("We would like <b>one more</b> child & to keep going.", "Zoë Ó Briain")
	f.Add(strings.Repeat("Supercalifragilistic", 30), "\x00\x07\t\r\n")
	f.Add("中文 עברית العربية 🙂", "%PDF-1.4 ) \\ (")
	f.Fuzz(func(t *testing.T, text, name string) {
		p := pack.Pack{Service: "Service", Reference: "FH-1 / R-1", Household: pack.Household{Reference: "FH-1"},
			Carers:        []pack.Person{{Name: name, Relationship: "Carer"}},
			Contributions: []pack.Contribution{{Source: "Carer", Author: name, Received: "1 Jan 2026", Text: text}},
			Review:        pack.Review{Report: text}, DownloadedBy: name, DownloadedAt: time.Unix(0, 0)}
		var buf bytes.Buffer
		if err := pack.Write(&buf, p); err != nil {
			t.Fatalf("write: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatal("not a PDF")
		}
	})
}

// TestWriteTextBeyondTheFont is the fuzzer's first find: an emoji in a
// carer's views made fpdf refuse the whole pack. It now prints as a box,
// control characters as spaces, and the caller's Pack is left as it was.
func TestWriteTextBeyondTheFont(t *testing.T) {
	p := pack.Pack{Reference: "FH-1 / R-1", Contributions: []pack.Contribution{{Author: "Zoë", Text: "A good year 🙂\x07 thanks"}},
		DownloadedAt: time.Unix(0, 0)}
	var buf bytes.Buffer
	if err := pack.Write(&buf, p); err != nil {
		t.Fatalf("write: %v", err)
	}
	if p.Contributions[0].Text != "A good year 🙂\x07 thanks" {
		t.Error("Write changed the caller's Pack")
	}
	if text := pdftotext(t, buf.Bytes()); !strings.Contains(text, "A good year □") {
		t.Errorf("the views print as %q", text)
	}
}
