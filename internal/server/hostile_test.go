package server

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/session"
	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// The hostile input suite: every request a careless or malicious client
// might send, each named with the answer it must get. Bad input is refused
// with a 4xx whose message names what was wrong, and nothing is written;
// valid but suspicious-looking names (script tags, SQL) are kept exactly
// as typed and shown safely wherever they appear.
//
// Some of these cases are also tested where their feature is (the body
// limit in server_test.go, UTF-8 and content type in households_test.go,
// the 10⁶-column CSV in import_test.go's TestImportRefusesBrokenFiles);
// here they are sent again, through the same real server, so the whole
// list can be read in one place.

// hostile is a registry under attack: a server configured as production
// configures it (the default body limit), on a fresh database, with an
// approved household, its carer and a review, a manager's API token and a
// manager signed in to the pages (and an administrator's token).
type hostile struct {
	t         *testing.T
	s         *Server
	st        *store.Store
	cfg       config.Config
	api       apiClient
	admin     apiClient
	b         *browser
	household int
	review    int
	// base is the address of the same server on a loopback port.
	base string
}

func newHostile(t *testing.T, d string) *hostile {
	t.Helper()
	st := storetest.New(t, d)
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
	if err != nil {
		t.Fatal(err)
	}
	h := &hostile{t: t, s: s, st: st, cfg: cfg, api: newAPIClient(t, s, "manager"), admin: newAPIClient(t, s, "admin"), b: signedIn(t, s)}
	h.household = mustCreateReviewedHousehold(t, st.Client, "FH-0700", nil, nil)
	h.review = mustPostReview(t, h.api, h.household, reviewBody).ID
	h.base, _, _ = serveOnLoopback(t, s)
	h.b.get("/households/new") // for the form's CSRF token
	return h
}

// wire sends req over a real connection to the server on loopback, as a
// client program would: app.Test reports a request the server cannot
// parse (a broken multipart part) as its own error, not the answer.
func (h *hostile) wire(req *http.Request) (*http.Response, string) {
	h.t.Helper()
	u, err := url.Parse(h.base + req.URL.RequestURI())
	if err != nil {
		h.t.Fatal(err)
	}
	req.URL, req.Host, req.RequestURI = u, u.Host, ""
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatalf("%s %.80s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// head sends only the head of req over a new connection, to target (or
// req's own address when target is ""), declaring the length of req's
// body without sending it, and reads the answer. A body over the limit is
// refused on its declared length alone, and the answer is then read
// without the client racing to write a body the server has closed on.
func (h *hostile) head(req *http.Request, target string) (*http.Response, string) {
	h.t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.base, "http://"))
	if err != nil {
		h.t.Fatal(err)
	}
	defer conn.Close()
	if target == "" {
		target = req.URL.RequestURI()
	}
	var head bytes.Buffer
	fmt.Fprintf(&head, "%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\nConnection: close\r\n",
		req.Method, target, strings.TrimPrefix(h.base, "http://"), req.ContentLength)
	if err := req.Header.Write(&head); err != nil {
		h.t.Fatal(err)
	}
	head.WriteString("\r\n")
	if _, err := conn.Write(head.Bytes()); err != nil {
		h.t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		h.t.Fatalf("%s %.80s: %v", req.Method, target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// withToken is req with the manager's API token.
func (h *hostile) withToken(req *http.Request) *http.Request {
	req.Header.Set("Authorization", "Bearer "+h.api.token)
	return req
}

// withSession is req from the signed-in manager's browser, same-origin.
func (h *hostile) withSession(req *http.Request) *http.Request {
	for name, value := range h.b.cookies {
		req.AddCookie(&http.Cookie{Name: name, Value: value})
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}

// formRequest is the form as the signed-in manager's browser posts it.
func (h *hostile) formRequest(path string, values url.Values) *http.Request {
	values.Set("csrf_token", h.b.csrf)
	req := httptest.NewRequest("POST", path, strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// apiRaw sends req with the manager's token, exactly as built.
func (h *hostile) apiRaw(req *http.Request) (*http.Response, string) {
	h.t.Helper()
	req.Header.Set("Authorization", "Bearer "+h.api.token)
	return do(h.t, h.s, req)
}

// form posts a page's form as the signed-in manager, with the CSRF token.
func (h *hostile) form(path string, values url.Values) (*http.Response, string) {
	h.t.Helper()
	return h.b.post(path, values)
}

// page sends req as the signed-in manager's browser, same-origin.
func (h *hostile) page(req *http.Request) (*http.Response, string) {
	h.t.Helper()
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return h.b.do(req)
}

// upload sends a CSV file to the import page as name (written into the
// part's Content-Disposition as given, quotes and all), of kind, checked
// only when dryRun, over the wire.
func (h *hostile) upload(name, kind, file string, dryRun bool) (*http.Response, string) {
	h.t.Helper()
	return h.wire(h.withSession(h.uploadRequest(name, kind, file, dryRun)))
}

// uploadRequest is the import form's request, as upload sends it.
func (h *hostile) uploadRequest(name, kind, file string, dryRun bool) *http.Request {
	h.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fields := [][2]string{{"csrf_token", h.b.csrf}, {"kind", kind}}
	if dryRun {
		fields = append(fields, [2]string{"dry_run", "yes"})
	}
	for _, f := range fields {
		if err := w.WriteField(f[0], f[1]); err != nil {
			h.t.Fatal(err)
		}
	}
	part, err := w.CreatePart(textproto.MIMEHeader{
		"Content-Disposition": {`form-data; name="file"; filename="` + name + `"`},
		"Content-Type":        {"text/csv"},
	})
	if err == nil {
		_, err = part.Write([]byte(file))
	}
	if err != nil || w.Close() != nil {
		h.t.Fatalf("build the upload: %v", err)
	}
	req := httptest.NewRequest("POST", "/households/import", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return req
}

// householdForm is the new-household form filled in correctly, with
// field set to value.
func householdForm(field, value string) url.Values {
	f := url.Values{"reference": {"FH-0701"}, "address_line1": {"1 Fore Street"}, "town": {"Totnes"},
		"postcode": {"TQ9 5RP"}, "status": {"assessment"}}
	f.Set(field, value)
	return f
}

// hostileCase is one hostile request and the answer it must get: its
// status, and words its message must say (in the problem document's
// detail or fields for the API, in the page's text for a page).
type hostileCase struct {
	name   string
	send   func(h *hostile) (*http.Response, string)
	status int
	says   string
}

// apiCall is a hostileCase sender for an API request as the manager's
// token sends it: a JSON body, headers in name, value pairs.
func apiCall(method, path, body string, headers ...string) func(h *hostile) (*http.Response, string) {
	return func(h *hostile) (*http.Response, string) { return h.api.send(method, path, body, headers...) }
}

// pageGet is a hostileCase sender for a page the manager opens.
func pageGet(path string) func(h *hostile) (*http.Response, string) {
	return func(h *hostile) (*http.Response, string) { return h.page(httptest.NewRequest("GET", path, nil)) }
}

// signInWithUserAgent is a hostileCase sender for the manager's password,
// sent from a browser that calls itself userAgent (which the session
// keeps).
func signInWithUserAgent(userAgent string) func(h *hostile) (*http.Response, string) {
	return func(h *hostile) (*http.Response, string) {
		b := newBrowser(h.t, h.s)
		b.get("/sign-in")
		form := url.Values{"email": {"manager@example.org"}, "password": {testPassword}, "csrf_token": {b.csrf}}
		req := httptest.NewRequest("POST", "/sign-in", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("User-Agent", userAgent)
		return b.do(req)
	}
}

// withHousehold is validHousehold (reference FH-0702) with the text
// after its last field replaced: extra fields, or garbage after the object.
func withHousehold(fields, after string) string {
	return `{"reference": "FH-0702", "address_line1": "1 Fore Street", "town": "Totnes", "postcode": "TQ9 5RP",
		"status": "approved", "approved_on": "2024-02-29"` + fields + `}` + after
}

// hostileRequests is the suite: every hostile request, with its answer.
func hostileRequests(h *hostile) []hostileCase {
	over := h.cfg.BodyLimit + 1
	households := "reference,address_line1,town,postcode,status\n"
	post := "/api/v1/households"
	return []hostileCase{
		// Bodies over the configured limit (HEARTH_BODY_LIMIT), refused
		// before any handler reads them.
		{"OversizedAPIJSON", func(h *hostile) (*http.Response, string) {
			req := httptest.NewRequest("POST", post, strings.NewReader(withHousehold(`, "address_line2": "`+strings.Repeat("x", over)+`"`, "")))
			req.Header.Set("Content-Type", "application/json")
			return h.head(h.withToken(req), "")
		}, 413, "Request Entity Too Large"},
		{"OversizedPageForm", func(h *hostile) (*http.Response, string) {
			return h.head(h.withSession(h.formRequest("/households/new", householdForm("address_line2", strings.Repeat("x", over)))), "")
		}, 413, "What you sent is too large"},
		{"OversizedImportUpload", func(h *hostile) (*http.Response, string) {
			file := households + strings.Repeat("FH-0800,1 Fore Street,Totnes,TQ9 5RP,approved\n", over/40)
			return h.head(h.withSession(h.uploadRequest("households.csv", "households", file, false)), "")
		}, 413, "What you sent is too large"},

		// JSON nested far deeper than any request (encoding/json stops at
		// 10,000 levels), numbers no field can hold, keys given twice, and
		// JSON that is not one object.
		{"DeepArrays", apiCall("POST", post, strings.Repeat("[", 100000)), 400, "not valid JSON"},
		{"DeepObjects", apiCall("POST", post, strings.Repeat(`{"a":`, 100000)+"1"+strings.Repeat("}", 100000)), 400, "not valid JSON"},
		{"DeepInAField", apiCall("POST", post, withHousehold(`, "address_line2": `+strings.Repeat("[", 20000)+strings.Repeat("]", 20000), "")),
			400, "not valid JSON"},
		{"NumberHugeExponent", apiCall("POST", post, withHousehold(`, "ssw_id": 1e400`, "")), 422, "ssw_id must be a"},
		{"NumberOverflowsInt", apiCall("POST", post, withHousehold(`, "ssw_id": 99999999999999999999999`, "")), 422, "ssw_id must be a"},
		{"NumberNegativeZero", apiCall("POST", post, withHousehold(`, "ssw_id": -0`, "")), 422, "ssw_id: Choose the supervising social worker"},
		{"NumberNaN", apiCall("POST", post, withHousehold(`, "ssw_id": NaN`, "")), 400, "not valid JSON"},
		{"NumberInfinity", apiCall("POST", post, withHousehold(`, "ssw_id": Infinity`, "")), 400, "not valid JSON"},
		{"NumberAsText", apiCall("POST", post, withHousehold(`, "ssw_id": "NaN"`, "")), 422, "ssw_id must be a"},
		{"NumberWhereTextGoes", apiCall("POST", post, withHousehold(`, "address_line2": 1e400`, "")), 422, "address_line2 must be a string"},
		{"NumberHugeInTerms", apiCall("POST", fmt.Sprintf("/api/v1/households/%d/approval-terms", h.household),
			`{"categories": ["short_term"], "number_of_children": 1e400, "age_from": 0, "age_to": 11, "effective_from": "2025-01-01"}`),
			422, "number_of_children must be a"},
		{"DuplicateKey", apiCall("POST", post, withHousehold(`, "reference": "FH-0703"`, "")), 422, "reference is given more than once"},
		{"DuplicateKeyOtherCase", apiCall("POST", post, withHousehold(`, "Reference": "FH-0703"`, "")), 422, "Reference is given more than once"},
		{"DuplicateKeyNested", func(h *hostile) (*http.Response, string) {
			return h.admin.send("POST", fmt.Sprintf("/api/v1/reviews/%d/decision", h.review),
				`{"decided_on": "2026-03-01", "outcome": "terms_revised", "terms": {"age_from": 0, "age_from": 5}}`, "If-Match", `"1"`)
		}, 422, "terms.age_from is given more than once"},
		{"TrailingGarbage", apiCall("POST", post, withHousehold("", " garbage")), 400, "single JSON object"},
		{"TrailingBrace", apiCall("POST", post, withHousehold("", "}")), 400, "single JSON object"},
		{"TrailingBracket", apiCall("POST", post, withHousehold("", "]")), 400, "single JSON object"},
		{"TrailingNUL", apiCall("POST", post, withHousehold("", "\x00")), 400, "single JSON object"},
		{"SecondObject", apiCall("POST", post, withHousehold("", withHousehold("", ""))), 400, "single JSON object"},
		{"BodyAnArray", apiCall("POST", post, "[]"), 400, "must be a JSON object"},
		{"BodyAString", apiCall("POST", post, `"FH-0702"`), 400, "must be a JSON object"},
		{"BodyNull", apiCall("POST", post, "null"), 422, "reference: Enter the household's reference"},
		{"BodyEmpty", apiCall("POST", post, "", "Content-Type", "application/json"), 400, "not valid JSON"},

		// Bytes that are not UTF-8, and the NUL character (which
		// PostgreSQL cannot store in text), wherever text comes in.
		{"UTF8InJSONString", apiCall("POST", post, withHousehold(`, "address_line2": "Tot`+"\xff"+`nes"`, "")), 400, "UTF-8"},
		{"UTF8InJSONKey", apiCall("POST", post, withHousehold(`, "address`+"\xc0"+`line2": "x"`, "")), 400, "UTF-8"},
		{"NULInJSONString", apiCall("POST", post, withHousehold(`, "address_line2": "Tot\u0000nes"`, "")), 422, "address_line2 must not contain the NUL character"},
		{"NULInJSONKey", apiCall("POST", post, withHousehold(`, "address_line2\u0000": "x"`, "")), 422, "unknown field"},
		{"UTF8InPageForm", func(h *hostile) (*http.Response, string) {
			return h.form("/households/new", householdForm("town", "Tot\xffnes"))
		}, 400, `The form field "town" is not UTF-8 text`},
		{"NULInPageForm", func(h *hostile) (*http.Response, string) {
			return h.form("/households/new", householdForm("town", "Tot\x00nes"))
		}, 400, `The form field "town" is not UTF-8 text, or holds the NUL character`},
		{"UTF8InViewsForm", func(h *hostile) (*http.Response, string) {
			return h.form(fmt.Sprintf("/reviews/%d/views", h.review), url.Values{"source": {"carer"}, "author_name": {"Si\xe2n"},
				"text": {"Fine."}, "received-day": {"1"}, "received-month": {"3"}, "received-year": {"2026"}})
		}, 400, `The form field "author_name" is not UTF-8 text`},
		{"UTF8InSignInForm", func(h *hostile) (*http.Response, string) {
			b := newBrowser(h.t, h.s)
			b.get("/sign-in")
			return b.post("/sign-in", url.Values{"email": {"m\xffnager@example.org"}, "password": {testPassword}})
		}, 400, `The form field "email" is not UTF-8 text`},
		{"NULInSignInForm", func(h *hostile) (*http.Response, string) {
			b := newBrowser(h.t, h.s)
			b.get("/sign-in")
			return b.post("/sign-in", url.Values{"email": {"manager@example.org\x00"}, "password": {testPassword}})
		}, 400, `The form field "email" is not UTF-8 text`},
		{"UTF8InAPIQuery", apiCall("GET", "/api/v1/households?q=%ff", ""), 400, `The query parameter "q" is not UTF-8 text`},
		{"NULInAPIQuery", apiCall("GET", "/api/v1/households?q=Si%00n", ""), 400, `The query parameter "q" is not UTF-8 text`},
		{"UTF8InPageQuery", pageGet("/households?q=Tot%c0nes"), 400, `The query parameter "q" is not UTF-8 text`},
		{"UTF8InQueryName", apiCall("GET", "/api/v1/households?%ff=1", ""), 400, `The query parameter "\xff" is not UTF-8 text`},
		{"UTF8InPathID", apiCall("GET", "/api/v1/households/%ff", ""), 422, "id must be a whole number"},
		{"UTF8InPath", apiCall("POST", "/api/v1/%ff", withHousehold("", ""), "Idempotency-Key", "k1"), 404, "No API route"},
		{"RawBytesInPath", func(h *hostile) (*http.Response, string) {
			req := httptest.NewRequest("POST", post, nil)
			req.Header.Set("Idempotency-Key", "k2") // the path is stored with the key
			return h.head(h.withToken(req), "/api/v1/house\xffholds")
		}, 400, "The address is not UTF-8 text"},
		{"NULInHeader", func(h *hostile) (*http.Response, string) {
			req := httptest.NewRequest("GET", "/api/v1/households", nil)
			req.Header.Set("User-Agent", "Mozilla/5.0 \x00")
			return h.head(h.withToken(req), "")
		}, 400, "its headers are malformed"},
		{"NULInHeaderFromBrowser", func(h *hostile) (*http.Response, string) {
			req := httptest.NewRequest("GET", "/households", nil)
			req.Header.Set("User-Agent", "Mozilla/5.0 \x00")
			return h.head(h.withSession(req), "") // fasthttp's own message quoted the session cookie
		}, 400, "its headers are malformed"},
		{"UTF8InIdempotencyKey", apiCall("POST", post, withHousehold("", ""), "Idempotency-Key", "key-\xff"), 400, "The Idempotency-Key header must be UTF-8 text"},
		{"UTF8InIfMatch", apiCall("PUT", fmt.Sprintf("/api/v1/households/%d", h.household), withHousehold("", ""), "If-Match", "\"\xff\""),
			400, "is not an ETag this API gave"},
		{"UTF8InCSV", func(h *hostile) (*http.Response, string) {
			return h.upload("households.csv", "households", households+"FH-0801,1 Fore Street,Tr\xe9guier,TQ9 5RP,approved\n", false)
		}, 422, "not UTF-8"},
		{"NULInCSV", func(h *hostile) (*http.Response, string) {
			return h.upload("households.csv", "households", households+"FH-0801,1 Fore Street,Tot\x00nes,TQ9 5RP,assessment\n", false)
		}, 422, "the file holds the NUL character"},
		{"UTF8InImportKind", func(h *hostile) (*http.Response, string) {
			return h.upload("households.csv", "house\xffholds", households, false)
		}, 400, `The form field "kind" is not UTF-8 text`},

		// Bodies in a form the endpoint does not read.
		{"APIAsText", apiCall("POST", post, withHousehold("", ""), "Content-Type", "text/plain"), 415, "application/json"},
		{"APIAsForm", apiCall("POST", post, "reference=FH-0702", "Content-Type", "application/x-www-form-urlencoded"), 415, "application/json"},
		{"APIAsMultipart", apiCall("POST", post, "--x--", "Content-Type", "multipart/form-data; boundary=x"), 415, "application/json"},
		{"APIWithoutContentType", func(h *hostile) (*http.Response, string) {
			return h.apiRaw(httptest.NewRequest("POST", post, strings.NewReader(withHousehold("", ""))))
		}, 415, "application/json"},
		{"APIAsXML", apiCall("PUT", fmt.Sprintf("/api/v1/households/%d", h.household), "<household/>", "Content-Type", "application/xml", "If-Match", `"1"`),
			415, "application/json"},
		{"PageFormAsJSON", func(h *hostile) (*http.Response, string) {
			req := httptest.NewRequest("POST", "/households/new", strings.NewReader(`{"reference": "FH-0702", "csrf_token": "`+h.b.csrf+`"}`))
			req.Header.Set("Content-Type", "application/json")
			return h.page(req)
		}, 403, "This form has expired"},
		// A raw CSV body carries no form, so its token could only come in
		// the address, where tokens leak (logs, history, Referer): refused.
		{"ImportAsRawCSVTokenInAddress", func(h *hostile) (*http.Response, string) {
			req := httptest.NewRequest("POST", "/households/import?csrf_token="+url.QueryEscape(h.b.csrf), strings.NewReader(households))
			req.Header.Set("Content-Type", "text/csv")
			return h.page(req)
		}, 403, "This form has expired"},
		{"ImportWithoutBoundary", func(h *hostile) (*http.Response, string) {
			req := httptest.NewRequest("POST", "/households/import", strings.NewReader("--x\r\n\r\n--x--\r\n"))
			req.Header.Set("Content-Type", "multipart/form-data")
			return h.page(req)
		}, 403, "This form has expired"},
		{"ImportWithoutFile", func(h *hostile) (*http.Response, string) {
			return h.form("/households/import", url.Values{"kind": {"households"}})
		}, 422, "Choose a CSV file to import"},

		// A CSV file far wider than any layout: refused on its header row
		// (as TestImportRefusesBrokenFiles/TooManyColumns shows of Import).
		{"CSVMillionColumns", func(h *hostile) (*http.Response, string) {
			return h.upload("wide.csv", "households", strings.Repeat("x,", 1000000)+"x\n", false)
		}, 422, "the file has 1000001 columns; a layout has at most 100"},

		// Ids and paths no record has.
		{"PathTraversalEncoded", apiCall("GET", "/api/v1/households/..%2f..%2fetc", ""), 422, "id must be a whole number"},
		{"PathTraversalDots", apiCall("GET", "/api/v1/households/../../../etc/passwd", ""), 404, "No API route"},
		{"PathTraversalEncodedDots", apiCall("GET", "/api/v1/households/%2e%2e/%2e%2e/%2e%2e/etc/passwd", ""), 404, "No API route"},
		{"PathTraversalStatic", pageGet("/static/../../go.mod"), 404, "Page not found"},
		{"PathTraversalStaticEncoded", pageGet("/static/..%2f..%2f..%2fgo.mod"), 404, "Page not found"},
		{"IDExponent", apiCall("GET", "/api/v1/households/1e9", ""), 422, "id must be a whole number"},
		{"IDNegative", apiCall("GET", "/api/v1/households/-1", ""), 422, "id must be a whole number"},
		{"IDZero", apiCall("GET", "/api/v1/households/0", ""), 422, "id must be a whole number"},
		{"IDOverflowsInt", apiCall("GET", "/api/v1/households/99999999999999999999", ""), 422, "id must be a whole number"},
		{"IDHex", apiCall("GET", "/api/v1/households/0x10", ""), 422, "id must be a whole number"},
		{"IDFraction", apiCall("GET", "/api/v1/households/1.0", ""), 422, "id must be a whole number"},
		{"IDFullWidthDigit", apiCall("GET", "/api/v1/households/%EF%BC%91", ""), 422, "id must be a whole number"},
		{"IDLargestInt64", apiCall("GET", "/api/v1/households/9223372036854775807", ""), 404, "There is no household"},
		{"IDBeyondInt32", apiCall("GET", "/api/v1/households/2147483648", ""), 404, "There is no household"},
		{"IDOddOnUpdate", apiCall("PUT", "/api/v1/households/-1", withHousehold("", ""), "If-Match", `"1"`), 422, "id must be a whole number"},
		{"IDOddOnArchive", apiCall("DELETE", "/api/v1/households/99999999999999999999", "", "If-Match", `"1"`), 422, "id must be a whole number"},
		{"IDOddInPage", pageGet("/households/1e9"), 422, "The id in the address must be a whole number"},
		{"IDOddInRecordForm", pageGet("/records/visit/0x10/edit"), 422, "The id in the address must be a whole number"},
		{"IDHugeInForm", func(h *hostile) (*http.Response, string) {
			return h.form("/households/new", householdForm("ssw_id", "99999999999999999999"))
		}, 422, "Choose the supervising social worker"},

		// Query strings and headers too long to be honest, and filters
		// that are not filters.
		{"QueryTooLongForTheServer", func(h *hostile) (*http.Response, string) {
			return h.head(h.withToken(httptest.NewRequest("GET", "/api/v1/households?q="+strings.Repeat("a", 8000), nil)), "")
		}, 431, "Request Header Fields Too Large"},
		{"HeaderTooLong", func(h *hostile) (*http.Response, string) {
			req := httptest.NewRequest("GET", "/api/v1/households", nil)
			req.Header.Set("X-Padding", strings.Repeat("a", 8000))
			return h.head(h.withToken(req), "")
		}, 431, "Request Header Fields Too Large"},
		{"CookieTooLong", func(h *hostile) (*http.Response, string) {
			req := httptest.NewRequest("GET", "/households", nil)
			req.AddCookie(&http.Cookie{Name: "padding", Value: strings.Repeat("a", 8000)})
			return h.head(h.withSession(req), "")
		}, 431, "Request Header Fields Too Large"},
		{"QueryTooLongForTheSearch", apiCall("GET", "/api/v1/households?q="+strings.Repeat("a", 101), ""), 422, "Enter a search of 100 characters or fewer"},
		{"QueryManyUnknownParameters", apiCall("GET", "/api/v1/households?"+strings.Repeat("x=1&", 500), ""), 422, "x is not a filter here"},
		{"QuerySQL", apiCall("GET", "/api/v1/households?sort="+url.QueryEscape("reference; DROP TABLE households;--"), ""), 422, "sort must be reference"},
		{"QueryLimitHuge", apiCall("GET", "/api/v1/households?limit=99999999999999999999", ""), 422, "limit must be a whole number"},
		{"QueryCursorForged", apiCall("GET", "/api/v1/households?cursor=%27%20OR%201%3D1", ""), 422, "cursor must be the next_cursor"},
		{"IdempotencyKeyTooLong", apiCall("POST", post, withHousehold("", ""), "Idempotency-Key", strings.Repeat("k", 201)),
			400, "Idempotency-Key header must be at most 200 characters"},
	}
}

// TestHostileInputRefused sends every hostile request of the suite, on each
// database: each is answered with its status and a message naming what was
// wrong, never a 500, and the registry is left exactly as it was.
func TestHostileInputRefused(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		h := newHostile(t, d)
		for _, tc := range hostileRequests(h) {
			t.Run(tc.name, func(t *testing.T) {
				h.t = t
				h.b.t = t
				h.api.t, h.admin.t = t, t
				before := recordsState(t, h.st.Client)
				resp, body := tc.send(h)
				if resp.StatusCode != tc.status {
					t.Errorf("%d, want %d: %.300s", resp.StatusCode, tc.status, body)
				}
				if tc.says != "" {
					said := answerText(t, resp, body)
					if !strings.Contains(said, tc.says) {
						t.Errorf("the answer says %.300q, want it to say %q", said, tc.says)
					}
				}
				for _, secret := range append([]string{h.api.token, h.admin.token}, slices.Collect(maps.Values(h.b.cookies))...) {
					if strings.Contains(body, secret) {
						t.Errorf("the answer repeats the client's token or cookie")
					}
				}
				if after := recordsState(t, h.st.Client); after != before {
					t.Errorf("changed: %s, then %s", before, after)
				}
			})
		}
	})
}

// answerText is what an answer tells a person: a problem document's detail
// and each field's message (with the field's name), or an HTML page's text.
func answerText(t *testing.T, resp *http.Response, body string) string {
	t.Helper()
	switch ct := resp.Header.Get("Content-Type"); {
	case strings.HasPrefix(ct, "application/problem+json"):
		p := decodeProblem(t, resp, body)
		said := []string{p.Detail}
		for name, msg := range p.Fields {
			said = append(said, name+": "+msg)
		}
		sort.Strings(said[1:])
		return strings.Join(said, "\n")
	case strings.HasPrefix(ct, "text/html"):
		return pageText(t, body)
	default:
		t.Errorf("Content-Type %q: neither a problem document nor a page", ct)
		return body
	}
}

// pageText is the text a person reads on an HTML page (not scripts or
// styles), the parser having undone its escaping.
func pageText(t *testing.T, page string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestHostileUserAgents signs in from browsers that call themselves by
// bytes that are not UTF-8, or by a name whose 300-byte cut (all a
// session keeps) falls inside a character: each signs in, and the session
// keeps a name any database stores.
func TestHostileUserAgents(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		h := newHostile(t, d)
		for _, tc := range []struct{ name, userAgent, kept string }{
			{"NotUTF8", "Mozilla/5.0 \xff", "Mozilla/5.0 \ufffd"},
			{"CutInACharacter", strings.Repeat("a", 299) + "é", strings.Repeat("a", 299)},
		} {
			t.Run(tc.name, func(t *testing.T) {
				h.t = t
				resp, body := signInWithUserAgent(tc.userAgent)(h)
				if resp.StatusCode != http.StatusSeeOther {
					t.Fatalf("sign in: %d %.300s", resp.StatusCode, body)
				}
				s := h.st.Client.Session.Query().Order(ent.Desc(session.FieldID)).FirstX(t.Context())
				if s.UserAgent != tc.kept {
					t.Errorf("the session keeps %q, want %q", s.UserAgent, tc.kept)
				}
			})
		}
	})
}

// inputValues are the values of a page's form fields, the parser having
// undone their escaping.
func inputValues(t *testing.T, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var values []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "input" {
			for _, a := range n.Attr {
				if a.Key == "value" {
					values = append(values, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return values
}

// uploadNames are file names a hostile client gives its upload: the name
// is never a path on the server, so each is read like any other, and
// nothing appears where it points.
func uploadNames(dir string) []struct{ name, filename, lands string } {
	return []struct{ name, filename, lands string }{
		{"Relative", "../../hostile-upload.csv", "../../hostile-upload.csv"},
		{"RelativeToEtc", "../../../../../../etc/passwd", ""},
		{"Absolute", filepath.Join(dir, "absolute.csv"), filepath.Join(dir, "absolute.csv")},
		{"WindowsAbsolute", `C:\\Windows\\System32\\hostile.csv`, ""},
		{"Encoded", "..%2f..%2fhostile-encoded.csv", "../../hostile-encoded.csv"},
		{"NUL", "households.csv\x00../../hostile-nul.csv", "../../hostile-nul.csv"},
		{"VeryLong", strings.Repeat("a", 10000) + ".csv", ""},
		{"Empty", "", ""},
		{"Dots", "..", ""},
	}
}

// TestHostileUploadNames uploads a households file, as a check only, under
// each hostile name: it is read (or refused) cleanly, nothing is written to
// the registry, and no file appears where the name points.
func TestHostileUploadNames(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		h := newHostile(t, d)
		dir := t.TempDir()
		file := "reference,address_line1,town,postcode,status\nFH-0900,1 Fore Street,Totnes,TQ9 5RP,assessment\n"
		for _, tc := range uploadNames(dir) {
			t.Run(tc.name, func(t *testing.T) {
				h.t, h.b.t = t, t
				before := recordsState(t, h.st.Client)
				resp, page := h.upload(tc.filename, "households", file, true)
				switch said := pageText(t, page); {
				case resp.StatusCode == 200 && strings.Contains(said, "1 row"):
				case resp.StatusCode == 422 && strings.Contains(said, "Choose a CSV file to import"):
				case resp.StatusCode == 400 && strings.Contains(said, "malformed MIME header"):
				default:
					t.Errorf("%d %.300s, want the file read (200) or refused as no file (422)", resp.StatusCode, said)
				}
				if after := recordsState(t, h.st.Client); after != before {
					t.Errorf("changed: %s, then %s", before, after)
				}
				if tc.lands != "" {
					if _, err := os.Stat(tc.lands); !os.IsNotExist(err) {
						t.Errorf("%s exists after the upload (%v)", tc.lands, err)
					}
				}
			})
		}
	})
}

// hostileNames are valid names that look like attacks: each is kept
// exactly as typed, escaped in every page, and written literally in the
// review pack and the exports.
var hostileNames = struct{ script, sql, formula string }{
	script:  `<script>alert(1)</script>`,
	sql:     `Robert'); DROP TABLE households;--`,
	formula: `=1+2`,
}

// TestHostileNamesKeptLiterally records a carer named with a script tag and
// SQL through the API, a household whose address is the same through the
// page's form, and views given by them through the review page: each is
// stored as typed, the pages show it escaped (never the raw tag), the
// review pack's text and the CSV exports say it literally, and a name that
// starts like a formula is exported as text.
func TestHostileNamesKeptLiterally(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, hostileNamesKeptLiterally)
}

func hostileNamesKeptLiterally(t *testing.T, d string) {
	h := newHostile(t, d)
	n := hostileNames
	client := h.st.Client
	carerBody := fmt.Sprintf(`{"first_name": %q, "last_name": %q}`, n.script, n.sql)
	c := decodeInto[jsonapi.CarerJSON](t, expect(t, 201)(h.api.send("POST", fmt.Sprintf("/api/v1/households/%d/carers", h.household), carerBody)))
	other := mustCreateReviewedHousehold(t, client, "FH-0710", nil, nil)
	expect(t, 201)(h.api.send("POST", fmt.Sprintf("/api/v1/households/%d/carers", other),
		fmt.Sprintf(`{"first_name": %q, "last_name": "Cell"}`, n.formula)))
	resp, _ := h.form("/households/new", householdForm("address_line1", n.script))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("household form: %d", resp.StatusCode)
	}
	formed := client.Household.Query().Where(household.Reference("FH-0701")).OnlyX(t.Context())
	h.b.get(fmt.Sprintf("/reviews/%d", h.review))
	resp, _ = h.form(fmt.Sprintf("/reviews/%d/views", h.review), url.Values{"source": {"carer"}, "author_name": {n.script},
		"text": {n.sql}, "received-day": {"1"}, "received-month": {"3"}, "received-year": {"2026"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("views form: %d", resp.StatusCode)
	}

	// Stored exactly as typed, and read back so through the API; the
	// households table is still there.
	stored := client.Carer.GetX(t.Context(), c.ID)
	views := client.Contribution.Query().Where(contribution.ReviewID(h.review)).OnlyX(t.Context())
	if stored.FirstName != n.script || stored.LastName != n.sql || formed.AddressLine1 != n.script ||
		views.AuthorName != n.script || views.Text != n.sql {
		t.Errorf("stored carer %q %q, address %q, views by %q saying %q", stored.FirstName, stored.LastName,
			formed.AddressLine1, views.AuthorName, views.Text)
	}
	if got := decodeInto[jsonapi.CarerJSON](t, expect(t, 200)(h.api.send("GET", fmt.Sprintf("/api/v1/carers/%d", c.ID), ""))); got.FirstName != n.script || got.LastName != n.sql {
		t.Errorf("the API reads back %q %q", got.FirstName, got.LastName)
	}
	if k := client.Household.Query().CountX(t.Context()); k != 3 {
		t.Errorf("%d households, want 3", k)
	}

	// Escaped in every page that shows them.
	for _, path := range []string{fmt.Sprintf("/households/%d", h.household), fmt.Sprintf("/households/%d", formed.ID),
		fmt.Sprintf("/households/%d/edit", formed.ID), fmt.Sprintf("/reviews/%d", h.review), "/households?q=" + url.QueryEscape(n.script),
		"/households?q=" + url.QueryEscape(n.sql), "/training"} {
		resp, page := h.b.get(path)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", path, resp.StatusCode)
			continue
		}
		if strings.Contains(page, "<script>alert") {
			t.Errorf("%s: the raw script tag is in the page", path)
		}
		if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the escaped script tag is not in the page", path)
		}
		if !strings.Contains(pageText(t, page), n.script) && !slices.Contains(inputValues(t, page), n.script) {
			t.Errorf("%s: neither the page's text nor a field's value says %q", path, n.script)
		}
	}
	if _, page := h.b.get(fmt.Sprintf("/households/%d", h.household)); !strings.Contains(pageText(t, page), n.sql) {
		t.Errorf("the household page does not say %q", n.sql)
	}

	// Literal in the review pack.
	resp, pdf := h.api.send("GET", fmt.Sprintf("/api/v1/reviews/%d/pack", h.review), "")
	if resp.StatusCode != 200 || !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("pack: %d %.40q", resp.StatusCode, pdf)
	}
	if text := pdfText(t, []byte(pdf)); text != "" {
		for _, want := range []string{n.script + " " + n.sql, n.sql} {
			if !strings.Contains(text, want) {
				t.Errorf("the pack's text lacks %q:\n%s", want, text)
			}
		}
	}

	// Literal in the exports, and a formula written as text.
	for _, path := range []string{"/training/export.csv", "/compliance/export.csv"} {
		resp, body := h.b.get(path)
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if resp.StatusCode != 200 || err != nil {
			t.Fatalf("%s: %d %v", path, resp.StatusCode, err)
		}
		var cells []string
		for _, r := range rows {
			cells = append(cells, r...)
		}
		if !containsCell(cells, n.script+" "+n.sql) {
			t.Errorf("%s has no cell %q", path, n.script+" "+n.sql)
		}
		if !containsCell(cells, "'"+n.formula+" Cell") || containsCell(cells, n.formula+" Cell") {
			t.Errorf("%s: the formula-like name is not written as text", path)
		}
	}
	if n := client.Carer.Query().Where(carer.HouseholdID(h.household)).CountX(t.Context()); n != 2 {
		t.Errorf("%d carers, want 2", n)
	}
}

func containsCell(cells []string, want string) bool {
	for _, c := range cells {
		if c == want {
			return true
		}
	}
	return false
}
