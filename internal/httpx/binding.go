package httpx

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v3"
)

// BindJSON reads a JSON body strictly into in and validates it: the tags
// first, then the request's own Check. Every problem comes back together,
// named by field, and nothing has been written.
func (s *Env) BindJSON(c fiber.Ctx, in any) error {
	if err := DecodeJSON(c, in); err != nil {
		return err
	}
	return s.CheckRequest(c, in)
}

// CheckRequest tidies and checks a request already decoded
// (request.Validator.Check). The pages' forms come through here too, and
// an import's rows through the same Check, so a form, a file and the API
// refuse the same things in the same words.
func (s *Env) CheckRequest(c fiber.Ctx, in any) error {
	return s.Valid.Check(c.Context(), s.Store.Client, in)
}

// SetETag tells the client the version it holds, for If-Match on its next
// change.
func SetETag(c fiber.Ctx, version int) { c.Set(fiber.HeaderETag, `"`+strconv.Itoa(version)+`"`) }

// IfMatch reads the version an update or archive was made from. It is
// required: without it a change could silently overwrite a colleague's.
func IfMatch(c fiber.Ctx) (int, error) {
	v := c.Get(fiber.HeaderIfMatch)
	if v == "" {
		return 0, fiber.NewError(fiber.StatusPreconditionRequired,
			"Send If-Match with the ETag of the record as you read it, so that nobody's change is overwritten unseen.")
	}
	v = strings.Trim(strings.TrimPrefix(v, "W/"), `"`)
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fiber.NewError(fiber.StatusBadRequest, fmt.Sprintf("If-Match %q is not an ETag this API gave.", c.Get(fiber.HeaderIfMatch)))
	}
	return n, nil
}

// RefuseBadText refuses (400) a request whose path, query parameters or
// form fields are not UTF-8 text or hold the NUL character, naming the
// first it finds. Browsers send a UTF-8 page's forms as UTF-8, so only a
// broken or hostile client meets this; without it such bytes reached
// PostgreSQL, which cannot store them (a 500), or became U+FFFD on their
// way into JSON and were saved as a name nobody typed. JSON bodies are
// checked as they are decoded (DecodeJSON), CSV files as they are read.
func (s *Env) RefuseBadText(c fiber.Ctx) error {
	if !plainText(c.Path()) {
		return fiber.NewError(fiber.StatusBadRequest, "The address is not UTF-8 text.")
	}
	for key, value := range c.Request().URI().QueryArgs().All() {
		if !plainText(string(key)) || !plainText(string(value)) {
			return badText("query parameter", string(key))
		}
	}
	var fields map[string][]string
	switch ct := strings.ToLower(c.Get(fiber.HeaderContentType)); {
	case strings.HasPrefix(ct, fiber.MIMEApplicationForm):
		fields, _ = url.ParseQuery(string(c.Body()))
	case strings.HasPrefix(ct, fiber.MIMEMultipartForm):
		if form, err := c.MultipartForm(); err == nil { // a broken one is refused where it is read
			fields = form.Value
		}
	}
	for key, values := range fields {
		if !plainText(key) || slices.ContainsFunc(values, func(v string) bool { return !plainText(v) }) {
			return badText("form field", key)
		}
	}
	return c.Next()
}

// plainText is whether s is text every database stores as it is: UTF-8,
// without the NUL character.
func plainText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// badText is RefuseBadText's answer, naming what it found.
func badText(what, name string) error {
	return fiber.NewError(fiber.StatusBadRequest, fmt.Sprintf("The %s %q is not UTF-8 text, or holds the NUL character.", what, name))
}

// OnlyParams names any query parameter the endpoint does not take, so a
// misspelt filter never quietly returns everything.
func OnlyParams(c fiber.Ctx, fields map[string]string, known ...string) {
	for key := range c.Queries() {
		if !slices.Contains(known, key) {
			fields[key] = fmt.Sprintf("%s is not a filter here; use %s", key, strings.Join(known, ", "))
		}
	}
}

// IDAndIfMatch reads the :id of a change's route and the version it
// was made from (If-Match).
func IDAndIfMatch(c fiber.Ctx) (id, version int, err error) {
	if id, err = PathID(c); err != nil {
		return 0, 0, err
	}
	version, err = IfMatch(c)
	return id, version, err
}
