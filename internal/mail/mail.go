// Package mail sends Hearth's emails through an SMTP server.
package mail

import (
	"context"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"strings"
	"time"
)

// SMTP sends through one server. With a user it authenticates (PLAIN, which
// net/smtp allows only over TLS or to this machine).
type SMTP struct {
	Addr, From     string
	User, Password string
}

// Send sends one plain-text message.
func (s SMTP) Send(_ context.Context, to, subject, body string) error {
	if strings.ContainsAny(to, "\r\n") || strings.ContainsAny(subject, "\r\n") {
		return fmt.Errorf("a header holds a line break") // never let data write headers
	}
	var auth smtp.Auth
	if s.User != "" {
		host, _, err := net.SplitHostPort(s.Addr)
		if err != nil {
			return fmt.Errorf("SMTP address %q: %w", s.Addr, err)
		}
		auth = smtp.PlainAuth("", s.User, s.Password, host)
	}
	msg := strings.Join([]string{
		"From: " + s.From,
		"To: " + to,
		"Subject: " + mime.QEncoding.Encode("utf-8", subject),
		"Date: " + time.Now().UTC().Format(time.RFC1123Z),
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8",
		"Content-Transfer-Encoding: 8bit",
		"",
		strings.ReplaceAll(body, "\n", "\r\n"),
	}, "\r\n")
	if err := smtp.SendMail(s.Addr, auth, s.From, []string{to}, []byte(msg)); err != nil {
		return fmt.Errorf("send to %s: %w", to, err)
	}
	return nil
}
