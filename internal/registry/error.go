// Package registry holds Hearth's use-cases that span records or need a
// transaction, and the domain error type every layer reports through.
package registry

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. Each maps to one HTTP status in the server's error handler.
const (
	EINVALID         = "invalid"         // input failed validation: 422 / 400
	ENOTFOUND        = "not_found"       // no such record, or not visible to this user: 404
	ECONFLICT        = "conflict"        // state or uniqueness conflict: 409
	ESTALE           = "stale"           // edited from an out-of-date copy: 412
	EFORBIDDEN       = "forbidden"       // signed in but not allowed: 403
	EUNAUTHENTICATED = "unauthenticated" // not signed in: 401
	EUNAVAILABLE     = "unavailable"     // the database is busy; nothing was changed, try again: 503
	EINTERNAL        = "internal"        // anything else; details are logged, never shown
)

// Error is an error whose message is safe to show to the person who caused
// it. Fields maps a form or JSON field name to what is wrong with it.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

// Error returns the message shown to users.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error naming each field that is wrong.
func Invalid(fields map[string]string) *Error {
	return &Error{Code: EINVALID, Message: "There is a problem with the information you gave.", Fields: fields}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, and
// EINTERNAL otherwise: an unexpected error is never treated as the user's.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// sentence starts a plain field name as a sentence does ("the date of
// issue" becomes "The date of issue"), for messages that begin with it.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
