package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

const localToken = "api_token"

// loadToken authenticates an API request that carries a bearer token. A
// token that is wrong, revoked or expired is refused outright, never
// quietly ignored in favour of a cookie.
func (s *Server) loadToken(c fiber.Ctx) error {
	header := c.Get(fiber.HeaderAuthorization)
	if header == "" || !strings.HasPrefix(c.Path(), "/api/") {
		return c.Next()
	}
	bearer, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return registry.Errorf(registry.EUNAUTHENTICATED, "Send the API token as: Authorization: Bearer <token>.")
	}
	tok, used, err := auth.LookupToken(c.Context(), s.store.Client, strings.TrimSpace(bearer), time.Now())
	if errors.Is(err, auth.ErrNoToken) {
		return registry.Errorf(registry.EUNAUTHENTICATED, "The API token is not valid: it may have been revoked or have expired.")
	}
	if err != nil {
		return err
	}
	c.Locals(localToken, tok)
	if used {
		if err := registry.Audit(c.Context(), s.store.Client, s.actor(c), auditevent.ActionLogin, "api_token", tok.ID, nil); err != nil {
			return s.forgetTokenUse(c, tok, err)
		}
	}
	return c.Next()
}

// forgetTokenUse fails a request whose token use could not be audited.
// The use was already recorded on the token, and uses are audited only
// when that record is a minute old, so it is put back: otherwise the
// token's next requests would pass, unaudited, for a minute.
func (s *Server) forgetTokenUse(c fiber.Ctx, tok *ent.APIToken, cause error) error {
	if err := auth.ForgetTokenUse(c.Context(), s.store.Client, tok); err != nil {
		return errors.Join(cause, err)
	}
	return cause
}

func currentToken(c fiber.Ctx) *ent.APIToken {
	tok, _ := c.Locals(localToken).(*ent.APIToken)
	return tok
}

// tokenJSON is an API token as lists show it: never the token itself.
type tokenJSON struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Prefix   string `json:"prefix"`
	Role     string `json:"role"`
	IssuerID *int   `json:"issuer_id"`
	// Issuer is who answers for the token: a person's name and email, or
	// "command line".
	Issuer     string     `json:"issuer"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	Token      string     `json:"token,omitempty"`
	// Notice says, in a repeated answer, that the token was shown once.
	Notice string `json:"notice,omitempty"`
}

func toTokenJSON(t *ent.APIToken, issuer *ent.User) tokenJSON {
	return tokenJSON{ID: t.ID, Name: t.Name, Prefix: t.Prefix, Role: string(t.Role), IssuerID: t.CreatedByID,
		Issuer: issuerName(t, issuer), CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt, LastUsedAt: t.LastUsedAt, RevokedAt: t.RevokedAt}
}

// withoutSecret is the answer to a token's issue as a retry gets it.
func (t tokenJSON) withoutSecret() any {
	t.Token = ""
	t.Notice = "The token was shown once, in the first answer to this request, and Hearth does not keep it. " +
		"If it was lost, revoke this token and issue another."
	return t
}

// issuerName is who issued t, as lists show it: a token with no issuer
// came from Hearth's own command line.
func issuerName(t *ent.APIToken, u *ent.User) string {
	switch {
	case t.CreatedByID == nil:
		return "command line"
	case u == nil:
		return "an account no longer held"
	}
	return u.Name + " <" + u.Email + ">"
}

// issuerOf is t's issuer among those auth.TokenIssuers found.
func issuerOf(t *ent.APIToken, issuers map[int]*ent.User) *ent.User {
	if t.CreatedByID == nil {
		return nil
	}
	return issuers[*t.CreatedByID]
}

// handleTokenList handles GET /api/v1/tokens.
func (s *Server) handleTokenList(c fiber.Ctx) error {
	tokens, issuers, err := auth.Tokens(c.Context(), s.store.Client, false)
	if err != nil {
		return err
	}
	items := make([]tokenJSON, len(tokens))
	for i, t := range tokens {
		items[i] = toTokenJSON(t, issuerOf(t, issuers))
	}
	return c.JSON(list[tokenJSON]{Items: items})
}

// handleTokenCreate handles POST /api/v1/tokens: the answer holds the
// token, which is never shown again, nor kept for a retry.
func (s *Server) handleTokenCreate(c fiber.Ctx) error {
	issuer, err := tokenIssuer(c)
	if err != nil {
		return err
	}
	var in request.Token
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	token, created, err := auth.CreateToken(c.Context(), s.store.Client, s.actor(c),
		auth.NewToken{Name: in.Name, Role: in.Role, ExpiresAt: in.ExpiresAt, Issuer: issuer}, time.Now())
	if err != nil {
		return err
	}
	out := toTokenJSON(created, issuer)
	out.Token = token
	return sendSecret(c, fiber.StatusCreated, out)
}

// tokenIssuer is the person asking for a token. A token cannot issue
// another: it could renew itself past its expiry, and the new token would
// have no person to answer for it.
func tokenIssuer(c fiber.Ctx) (*ent.User, error) {
	if u := currentUser(c); u != nil {
		return u, nil
	}
	return nil, registry.Errorf(registry.EFORBIDDEN,
		"An API token cannot issue tokens. Ask an administrator to issue one from the API tokens page or with hearth token issue.")
}

// handleTokenRevoke handles DELETE /api/v1/tokens/:id.
func (s *Server) handleTokenRevoke(c fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := auth.RevokeToken(c.Context(), s.store.Client, s.actor(c), id, time.Now()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// decodeJSON reads a JSON body strictly: the right content type, one
// object, no fields the endpoint does not know.
func decodeJSON(c fiber.Ctx, into any) error {
	if ct := c.Get(fiber.HeaderContentType); !strings.HasPrefix(ct, fiber.MIMEApplicationJSON) {
		return fiber.NewError(fiber.StatusUnsupportedMediaType, "Send the request body as application/json.")
	}
	if !utf8.Valid(c.Body()) {
		// encoding/json would quietly turn bad bytes into U+FFFD and store
		// a name nobody typed.
		return fiber.NewError(fiber.StatusBadRequest, "The request body is not valid UTF-8.")
	}
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field == "":
			// [], "text" or 5: JSON, but no field to name.
			return fiber.NewError(fiber.StatusBadRequest, "The request body must be a JSON object.")
		case errors.As(err, &typeErr):
			return &registry.Error{Code: registry.EINVALID, Message: "A field has the wrong type.",
				Fields: map[string]string{typeErr.Field: typeErr.Field + " must be a " + typeErr.Type.String()}}
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return &registry.Error{Code: registry.EINVALID, Message: "The request has a field this endpoint does not take.",
				Fields: map[string]string{name: "unknown field"}}
		}
		return fiber.NewError(fiber.StatusBadRequest, "The request body is not valid JSON.")
	}
	// Only spaces may follow the object. dec.More() alone let a stray "}"
	// or "]" through, and the request was then written.
	if rest := bytes.Trim(c.Body()[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return fiber.NewError(fiber.StatusBadRequest, "The request body must be a single JSON object.")
	}
	if field, problem := jsonTextProblem(c.Body()); field != "" {
		return &registry.Error{Code: registry.EINVALID, Message: "There is a problem with the information you gave.",
			Fields: map[string]string{field: problem}}
	}
	return nil
}

// jsonTextProblem finds in a body that decoded cleanly what encoding/json
// lets through without a word: a key given twice in one object (it keeps
// the last, matching keys to fields whatever their case, so the client
// cannot know which value was saved), and the NUL character (\u0000),
// which PostgreSQL cannot store in text, so the write failed with a 500.
// It returns the field at fault, as a path like terms.age_from, and what
// is wrong with it; or "" when there is nothing.
func jsonTextProblem(body []byte) (field, problem string) {
	type object struct {
		keys    map[string]bool
		key     string // the key whose value is being read
		inValue bool
	}
	var stack []*object // nil for an array
	path := func(last string) string {
		var parts []string
		for _, o := range stack {
			if o != nil && o.inValue {
				parts = append(parts, o.key)
			}
		}
		if last != "" {
			parts = append(parts, last)
		}
		return strings.Join(parts, ".")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", "" // the end: decodeJSON has already judged the syntax
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, &object{keys: map[string]bool{}})
				continue
			case '[':
				stack = append(stack, nil)
				continue
			}
			stack = stack[:len(stack)-1] // a '}' or ']' ends the value it opened
		case string:
			if n := len(stack); n > 0 && stack[n-1] != nil && !stack[n-1].inValue { // a key
				top := stack[n-1]
				name, folded := path(t), strings.ToLower(t)
				switch {
				case top.keys[folded]:
					return name, name + " is given more than once"
				case strings.ContainsRune(t, 0):
					return name, name + " must not contain the NUL character"
				}
				top.keys[folded], top.key, top.inValue = true, t, true
				continue
			}
			if strings.ContainsRune(t, 0) {
				name := path("")
				return name, name + " must not contain the NUL character"
			}
		}
		// A value has ended: what comes next in its object is a key.
		if n := len(stack); n > 0 && stack[n-1] != nil {
			stack[n-1].inValue = false
		}
	}
}
