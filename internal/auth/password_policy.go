package auth

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Password length bounds. NCSC advice favours long passphrases ("three
// random words") over composition rules, so Hearth asks for length and
// refuses the commonest choices, and nothing else.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256
)

//go:embed common_passwords.txt
var commonPasswordList string

// commonPasswords is the set of passwords refused outright, lower-cased.
var commonPasswords = func() map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(commonPasswordList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			set[strings.ToLower(line)] = true
		}
	}
	return set
}()

// CheckPassword returns a message for the person choosing password, or ""
// if it is acceptable. email is the account's address: a password built on
// it is refused too.
func CheckPassword(password, email string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password):
		return "Password must be valid text"
	case n < MinPasswordLength:
		return "Password must be 12 characters or more; three random words make a strong one"
	case n > MaxPasswordLength:
		return "Password must be 256 characters or fewer"
	case isCommon(password):
		return "Password is too common; choose one that is harder to guess, such as three random words"
	}
	if local, _, _ := strings.Cut(strings.ToLower(email), "@"); len(local) >= 4 &&
		strings.Contains(strings.ToLower(password), local) {
		return "Password must not contain your email address"
	}
	return ""
}

// isCommon reports whether password, ignoring case, spaces and the digits
// and symbols people add at the end ("Password123!"), is a common one, or
// one character repeated.
func isCommon(password string) bool {
	p := strings.ToLower(strings.Join(strings.Fields(password), ""))
	if commonPasswords[p] {
		return true
	}
	stem := strings.TrimRightFunc(p, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) })
	if commonPasswords[stem] {
		return true
	}
	first, _ := utf8.DecodeRuneInString(p)
	return strings.Trim(p, string(first)) == ""
}
