package server

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

var feedAddress = regexp.MustCompile(`<code class="hearth-secret">https?://[^/]+(/calendar/[^<]+\.ics)</code>`)

// icsEvents unfolds a feed and returns each event's properties.
func icsEvents(t *testing.T, feed string) []map[string]string {
	t.Helper()
	if !strings.HasPrefix(feed, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(feed, "END:VCALENDAR\r\n") {
		t.Fatalf("not a calendar: %.200q", feed)
	}
	var events []map[string]string
	var cur map[string]string
	for _, line := range strings.Split(strings.ReplaceAll(feed, "\r\n ", ""), "\r\n") {
		switch {
		case line == "BEGIN:VEVENT":
			cur = map[string]string{}
		case line == "END:VEVENT":
			events = append(events, cur)
			cur = nil
		case cur != nil:
			name, value, _ := strings.Cut(line, ":")
			cur[strings.SplitN(name, ";", 2)[0]] = value
		}
	}
	return events
}

// TestCalendarFeeds turns on a carer's and an SSW's feeds: each address is
// shown once and answers a calendar holding the carer's own dates (never
// an unannounced visit) or the SSW's households' items, one event each
// with a date; a new address retires the old; turned off, it is not found.
func TestCalendarFeeds(t *testing.T) {
	t.Parallel()
	s, st, logs := testServer(t)
	portal := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
	ssw := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
	h := mustCreateReviewedHousehold(t, st.Client, "FH-0800", &ssw.ID, &portal.ID)
	mustCreateReviewedHousehold(t, st.Client, "FH-0801", nil, nil) // another SSW's, none of theirs
	storetest.Write(t, st.Client, func(tx *ent.Client) error {     // approved two years ago, nothing since
		return tx.Household.UpdateOneID(h).SetApprovedOn(todayPlus(-730)).Exec(t.Context())
	})
	turnOn := func(b *browser) string {
		t.Helper()
		b.get("/account/calendar")
		_, page := b.post("/account/calendar", url.Values{})
		m := feedAddress.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no address shown: %.400s", page)
		}
		return m[1]
	}
	carerBrowser := newBrowser(t, s)
	carerBrowser.signIn("zoe@example.net", testPassword)
	address := turnOn(carerBrowser)
	anyone := newBrowser(t, s)
	resp, feed := anyone.get(address)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("feed: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	token := address[strings.LastIndex(address, "/")+1:]
	if strings.Contains(logs.String(), strings.TrimSuffix(token, ".ics")) {
		t.Error("the request log holds the feed's address, its only credential")
	}
	events := icsEvents(t, feed)
	summaries := []string{}
	for _, e := range events {
		summaries = append(summaries, e["SUMMARY"])
		if !regexp.MustCompile(`^\d{8}$`).MatchString(e["DTSTART"]) || e["UID"] == "" {
			t.Errorf("event without an all-day date or a UID: %v", e)
		}
	}
	joined := strings.Join(summaries, " | ")
	if !strings.Contains(joined, "Annual review") && !strings.Contains(joined, "First review") || strings.Contains(joined, "nannounced") {
		t.Errorf("carer's feed: %s", joined)
	}
	if _, again := anyone.get(address); again != feed && len(icsEvents(t, again)) != len(events) {
		t.Error("the feed is not stable")
	}
	newer := turnOn(carerBrowser)
	if resp, _ := anyone.get(address); resp.StatusCode != 404 {
		t.Errorf("the old address after a new one: %d, want 404", resp.StatusCode)
	}
	carerBrowser.post("/account/calendar/off", url.Values{})
	if resp, _ := anyone.get(newer); resp.StatusCode != 404 {
		t.Errorf("a feed turned off: %d, want 404", resp.StatusCode)
	}

	sswBrowser := newBrowser(t, s)
	sswBrowser.signIn("ssw@example.org", testPassword)
	_, sswFeed := anyone.get(turnOn(sswBrowser))
	want := st.Client.DueItem.Query().Where(dueitem.SswID(ssw.ID)).CountX(t.Context())
	got := icsEvents(t, sswFeed)
	if len(got) != want || want == 0 {
		t.Errorf("SSW feed has %d events, want their %d items", len(got), want)
	}
	for _, e := range got {
		if !strings.HasPrefix(e["SUMMARY"], "FH-0800: ") {
			t.Errorf("an item of another household: %s", e["SUMMARY"])
		}
	}
	if resp, _ := anyone.get("/calendar/" + strings.Repeat("A", 43) + ".ics"); resp.StatusCode != 404 {
		t.Errorf("a guessed address: %d", resp.StatusCode)
	}
}
