package server

import (
	"bufio"
	"io"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/outboxmessage"
	"github.com/hearth-registry/hearth/internal/jobs"
	"github.com/hearth-registry/hearth/internal/mail"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// smtpServer is a minimal SMTP server in the test process: it accepts
// every message and keeps it, as a real server would deliver it.
type smtpServer struct {
	addr string
	mu   sync.Mutex
	got  []string // "to|subject|body"
}

func startSMTP(t *testing.T) *smtpServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	srv := &smtpServer{addr: ln.Addr().String()}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go srv.serve(conn)
		}
	}()
	return srv
}

func (s *smtpServer) serve(conn net.Conn) {
	defer conn.Close()
	tp := textproto.NewConn(conn)
	// A reply that cannot be written fails the client, and the next ReadLine
	// ends this loop.
	reply := func(line string) { _ = tp.PrintfLine("%s", line) }
	reply("220 test SMTP")
	var to string
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch cmd {
		case "EHLO", "HELO":
			reply("250 test")
		case "MAIL":
			reply("250 ok")
		case "RCPT":
			to = strings.Trim(strings.TrimPrefix(strings.SplitN(line, ":", 2)[1], " "), "<>")
			reply("250 ok")
		case "DATA":
			reply("354 go on")
			data, err := io.ReadAll(tp.DotReader())
			if err != nil {
				return
			}
			// The dot reader has turned each CRLF into LF.
			headers, body, _ := strings.Cut(string(data), "\n\n")
			subject := ""
			r := textproto.NewReader(bufio.NewReader(strings.NewReader(headers + "\n\n")))
			if h, err := r.ReadMIMEHeader(); err == nil {
				subject = h.Get("Subject")
			}
			s.mu.Lock()
			s.got = append(s.got, to+"|"+subject+"|"+body)
			s.mu.Unlock()
			reply("250 queued")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("250 ok")
		}
	}
}

func (s *smtpServer) messages() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got...)
}

// TestRemindersSentOnceByTwoServers sets up a household whose first review
// fell overdue today, with an SSW and a carer with an account, and runs the
// reminder job on two runners sharing the database at once (as two servers
// do), twice over:
// the in-process SMTP server receives exactly one digest for each person,
// naming the item; a second household's carer hears nothing.
func TestRemindersSentOnceByTwoServers(t *testing.T) {
	onEachDatabase(t, func(t *testing.T, d string) {
		_, st, _ := testServerOn(t, d)
		ssw := mustCreateUser(t, st.Client, "ssw@example.org", "ssw")
		portal := mustCreateUser(t, st.Client, "zoe@example.net", "carer")
		h := mustCreateReviewedHousehold(t, st.Client, "FH-1000", &ssw.ID, &portal.ID)
		quiet := mustCreateUser(t, st.Client, "quiet@example.net", "carer")
		mustCreateReviewedHousehold(t, st.Client, "FH-1001", nil, &quiet.ID)
		storetest.Write(t, st.Client, func(tx *ent.Client) error {
			// Approved a year and a day ago: the first review became overdue today.
			return tx.Household.UpdateOneID(h).SetApprovedOn(todayPlus(-1).AddYears(-1)).Exec(t.Context())
		})
		smtp := startSMTP(t)
		m := mail.SMTP{Addr: smtp.addr, From: "hearth@example.org"}
		now := time.Now()
		var wg sync.WaitGroup
		for round := 0; round < 2; round++ {
			for range 2 {
				wg.Go(func() {
					if _, _, err := jobs.RunReminders(t.Context(), st.Client, m, "Fostering service", now); err != nil {
						t.Errorf("reminders: %v", err)
					}
				})
			}
			wg.Wait()
		}
		got := smtp.messages()
		to := map[string]int{}
		for _, g := range got {
			parts := strings.SplitN(g, "|", 3)
			to[parts[0]]++
			if !strings.Contains(parts[2], "First review") || !strings.Contains(parts[2], "now overdue") {
				t.Errorf("digest to %s: %.300s", parts[0], parts[2])
			}
		}
		if len(got) != 2 || to["ssw@example.org"] != 1 || to["zoe@example.net"] != 1 {
			t.Errorf("sent %v, want one digest each to the SSW and the carer", to)
		}
		if n := st.Client.OutboxMessage.Query().Where(outboxmessage.SentAtNotNil()).CountX(t.Context()); n != 2 {
			t.Errorf("%d messages marked sent, want 2", n)
		}
	})
}
