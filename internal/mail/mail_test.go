package mail

import (
	"context"
	"net"
	"testing"
	"time"
)

// silentServer accepts connections and never says a word, as a hung SMTP
// server does.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	held := make(chan net.Conn, 16)
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				close(held)
				return
			}
			held <- conn
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		for c := range held {
			c.Close()
		}
	})
	return ln.Addr().String()
}

// TestSendGivesUpOnAHungServer shows a server that accepts the connection
// and then never answers holding a message only until the timeout, and
// until the caller's context ends when that is sooner; before, Send waited
// for ever and held up every reminder behind it.
func TestSendGivesUpOnAHungServer(t *testing.T) {
	addr := silentServer(t)
	for name, tc := range map[string]struct {
		timeout, ctxTimeout time.Duration
	}{
		"Timeout":       {timeout: 300 * time.Millisecond, ctxTimeout: time.Minute},
		"ContextEndsIt": {timeout: time.Minute, ctxTimeout: 300 * time.Millisecond},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), tc.ctxTimeout)
			defer cancel()
			start := time.Now()
			err := SMTP{Addr: addr, From: "hearth@example.org", Timeout: tc.timeout}.Send(ctx, "carer@example.org", "Due soon", "Your first aid course expires on 14 March 2027.")
			if took := time.Since(start); err == nil || took > 5*time.Second {
				t.Errorf("Send to a silent server: %v after %s; want an error within moments of 300 ms", err, took)
			}
		})
	}
}

// TestSendRefusesHeaderInjection keeps data from writing headers.
func TestSendRefusesHeaderInjection(t *testing.T) {
	err := SMTP{Addr: "127.0.0.1:1", From: "hearth@example.org"}.Send(t.Context(), "a@example.org\r\nBcc: b@example.org", "Hello", "")
	if err == nil {
		t.Error("a line break in the recipient was accepted")
	}
}
