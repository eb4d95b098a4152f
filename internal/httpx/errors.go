package httpx

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
)

// Problem is an RFC 9457 problem document, with Hearth's field map.
type Problem struct {
	Type      string            `json:"type"`
	Title     string            `json:"title"`
	Status    int               `json:"status"`
	Detail    string            `json:"detail,omitempty"`
	Code      string            `json:"code"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
}

// statusOf maps domain error codes to HTTP statuses.
var statusOf = map[string]int{
	registry.EINVALID:         http.StatusUnprocessableEntity,
	registry.ENOTFOUND:        http.StatusNotFound,
	registry.ECONFLICT:        http.StatusConflict,
	registry.ESTALE:           http.StatusPreconditionFailed,
	registry.EFORBIDDEN:       http.StatusForbidden,
	registry.EUNAUTHENTICATED: http.StatusUnauthorized,
	registry.EUNAVAILABLE:     http.StatusServiceUnavailable,
	registry.EINTERNAL:        http.StatusInternalServerError,
}

// codeOf maps Fiber's own HTTP errors (unknown route, body too large, …)
// back to domain codes.
var codeOf = map[int]string{
	http.StatusBadRequest:          registry.EINVALID,
	http.StatusNotFound:            registry.ENOTFOUND,
	http.StatusMethodNotAllowed:    registry.ENOTFOUND,
	http.StatusConflict:            registry.ECONFLICT,
	http.StatusPreconditionFailed:  registry.ESTALE,
	http.StatusForbidden:           registry.EFORBIDDEN,
	http.StatusUnauthorized:        registry.EUNAUTHENTICATED,
	http.StatusUnprocessableEntity: registry.EINVALID,
}

// HandleError is the one place an error becomes a response: problem+json
// under /api, an error page elsewhere. Only internal errors are logged, and
// their text never reaches the client.
func (s *Env) HandleError(c fiber.Ctx, err error) error {
	p := s.problemFor(err)
	p.RequestID = requestID(c)
	if p.Code == registry.EINTERNAL {
		s.Log.Error("internal error", "err", err, "method", c.Method(), "path", loggedPath(c.Path()), "request_id", p.RequestID)
	}
	if strings.HasPrefix(c.Path(), "/api/") {
		return c.Status(p.Status).JSON(p, "application/problem+json")
	}
	reference := ""
	if p.Status >= 500 {
		reference = p.RequestID // only worth quoting when we have something to look up
	}
	return s.Render(c, p.Status, "error", fiber.Map{
		"Title": pageHeading(p.Status), "Message": p.Detail, "RequestID": reference,
	})
}

// pageHeading is the heading of an error page, in the GOV.UK pattern's words.
func pageHeading(status int) string {
	switch status {
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		return "Page not found"
	case http.StatusUnauthorized:
		return "You need to sign in"
	case http.StatusForbidden:
		return "You do not have permission to see this page"
	case http.StatusPreconditionFailed:
		return "Someone else has changed this record"
	case http.StatusRequestEntityTooLarge:
		return "What you sent is too large"
	}
	if status >= 500 {
		return "Sorry, there is a problem with the service"
	}
	return "There is a problem"
}

func (s *Env) problemFor(err error) Problem {
	var domain *registry.Error
	var fe *fiber.Error
	switch {
	case errors.As(err, &domain):
		return newProblem(domain.Code, domain.Message, domain.Fields)
	case errors.As(err, &fe):
		if strings.HasPrefix(fe.Message, "error when reading request") {
			// fasthttp's words for a request it could not parse quote the
			// request as it came, cookies and token included: never show
			// them (Apache's 400 page showed HttpOnly cookies so, CVE-2012-0053).
			fe = fiber.NewError(fe.Code, "The request could not be read: its headers are malformed.")
		}
		code, ok := codeOf[fe.Code]
		if !ok && fe.Code < 500 {
			// A client error Fiber raised (413, 415, …): keep its status.
			p := newProblem(registry.EINVALID, fe.Message, nil)
			p.Status, p.Title = fe.Code, http.StatusText(fe.Code)
			return p
		}
		if !ok {
			return newProblem(registry.EINTERNAL, "", nil)
		}
		p := newProblem(code, fe.Message, nil)
		p.Status, p.Title = fe.Code, http.StatusText(fe.Code) // keep 400 apart from 422
		return p
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, errTooLong):
		return newProblem(registry.EUNAVAILABLE, "Hearth took too long to answer, so it stopped and nothing was saved. Try again in a minute.", nil)
	case store.IsBusy(err):
		return newProblem(registry.EUNAVAILABLE, "The registry is busy with another change, so nothing was saved. Try again in a minute.", nil)
	case ent.IsNotFound(err):
		return newProblem(registry.ENOTFOUND, "The record was not found.", nil)
	case ent.IsConstraintError(err):
		// The database's own words name tables and columns; say what it means.
		return newProblem(registry.ECONFLICT, "The change conflicts with an existing record.", nil)
	case ent.IsValidationError(err):
		// The model's own limits (lengths counted in bytes, so a name with
		// accents can pass the request's check and still be too long here).
		var ve *ent.ValidationError
		errors.As(err, &ve)
		what := "is not valid"
		if strings.Contains(ve.Error(), "length") {
			what = "is too long"
		}
		return newProblem(registry.EINVALID, "There is a problem with the information you gave.",
			map[string]string{ve.Name: ve.Name + " " + what})
	}
	return newProblem(registry.EINTERNAL, "", nil)
}

func newProblem(code, message string, fields map[string]string) Problem {
	status := statusOf[code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	if code == registry.EINTERNAL || message == "" {
		message = defaultMessage(status)
	}
	return Problem{
		Type:   "https://hearth.invalid/problems/" + code,
		Title:  http.StatusText(status),
		Status: status,
		Detail: message,
		Code:   code,
		Fields: fields,
	}
}

func defaultMessage(status int) string {
	switch status {
	case http.StatusNotFound:
		return "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address."
	case http.StatusInternalServerError:
		return "Sorry, there is a problem with the service. Try again later."
	}
	return http.StatusText(status)
}

// HandleNotFound answers any page route that matched nothing.
func (s *Env) HandleNotFound(c fiber.Ctx) error {
	return registry.Errorf(registry.ENOTFOUND, "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.")
}

// HandleAPINotFound answers any /api/v1 route that matched nothing.
func (s *Env) HandleAPINotFound(c fiber.Ctx) error {
	return registry.Errorf(registry.ENOTFOUND, "No API route %s %s.", c.Method(), c.Path())
}
