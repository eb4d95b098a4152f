package ics_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/ics"
)

// TestWrite shows a feed whose every line is at most 75 octets and ends
// with CRLF, folded inside no character, with text escaped so that a
// typed comma, semicolon or newline stays text, and each event all-day.
func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	long := strings.Repeat("Zoë Ó Briain, Łukasz; ", 10) + "\nsecond line"
	err := ics.Write(&buf, "Hearth", time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC), []ics.Event{
		{UID: "item-1@hearth", On: civil.MustParse("2026-12-31"), Summary: "DBS check, Zoë", Description: long},
	})
	if err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	if !strings.HasSuffix(raw, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") {
		t.Fatalf("lines not ended with CRLF: %q", raw)
	}
	for _, l := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8Valid(l) {
			t.Errorf("a fold split a character: %q", l)
		}
	}
	unfolded := strings.ReplaceAll(raw, "\r\n ", "")
	for _, want := range []string{"DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20270101", "SUMMARY:DBS check\\, Zoë",
		"DTSTAMP:20261127T093000Z", `Łukasz\; `, `\nsecond line`} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("feed lacks %q", want)
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
