// Package ics writes iCalendar (RFC 5545) feeds of all-day events: the due
// dates Outlook and phone calendars subscribe to. It is a pure core: plain
// events in, text to an io.Writer out.
package ics

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hearth-registry/hearth/internal/civil"
)

// Event is one all-day event.
type Event struct {
	// UID stays the same for the same due item across refreshes, so a
	// calendar moves the event rather than adding another.
	UID         string
	On          civil.Date
	Summary     string
	Description string
}

// Write writes a calendar named name holding events, stamped at stamp.
func Write(w io.Writer, name string, stamp time.Time, events []Event) error {
	bw := bufio.NewWriter(w)
	// bufio.Writer keeps the first write error, and Flush below returns it.
	line := func(s string) { _, _ = bw.WriteString(fold(s) + "\r\n") }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Hearth//Foster carer reviews and training//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + escape(name))
	// Clients poll at this interval; due dates move when records change.
	line("REFRESH-INTERVAL;VALUE=DURATION:PT6H")
	ts := stamp.UTC().Format("20060102T150405Z")
	for _, e := range events {
		line("BEGIN:VEVENT")
		line("UID:" + escape(e.UID))
		line("DTSTAMP:" + ts)
		line("DTSTART;VALUE=DATE:" + compact(e.On))
		line("DTEND;VALUE=DATE:" + compact(e.On.AddDays(1)))
		line("SUMMARY:" + escape(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION:" + escape(e.Description))
		}
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}

func compact(d civil.Date) string { return strings.ReplaceAll(d.String(), "-", "") }

// escape writes text as RFC 5545 TEXT: backslash, semicolon, comma and
// newlines escaped, so what a person typed can never start a property.
func escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// fold breaks a content line into lines of at most 75 octets, never inside
// a UTF-8 character, each continuation starting with a space.
func fold(s string) string {
	const limit = 75
	if len(s) <= limit {
		return s
	}
	var b strings.Builder
	width := limit
	for len(s) > width {
		cut := width
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		width = limit - 1 // the leading space counts
	}
	b.WriteString(s)
	return b.String()
}
