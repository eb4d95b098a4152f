package api

import (
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v3"
	"github.com/hearth-registry/hearth/internal/httpx"
)

// apiOp documents one API operation. The request and response are Go
// values whose types are described by reflection, so the document says
// exactly what the handlers decode and encode.
type apiOp struct {
	Method, Path, Summary string
	// Query names the query parameters the operation takes.
	Query []string
	// Request is a value of the body's type, or nil; Example is a body
	// that the server accepts (a test sends it through the validator).
	Request any
	Example string
	// Response is a value of the answer's type, or nil for 204.
	Response any
	// Status is the success status: 200 unless set.
	Status int
	// IfMatch says the operation needs the record's ETag.
	IfMatch bool
	// File is the media type of an answer that is a file (a PDF, a ZIP)
	// rather than JSON.
	File string
}

// APIOps lists every documented operation, resource by resource.
func APIOps() []apiOp {
	var ops []apiOp
	for _, docs := range [][]apiOp{statusDocs(), householdDocs(), complianceDocs(), courseDocs(),
		carerDocs(), memberDocs(), healthAssessmentDocs(), dbsCheckDocs(),
		catalogueDocs(), trainingDocs(), visitDocs(), placementDocs(),
		reviewDocs(), reviewLifecycleDocs(), contributionDocs(), panelDocs(), termsDocs(),
		auditDocs(), tokenDocs(), userDocs()} {
		ops = append(ops, docs...)
	}
	return ops
}

var pathParam = regexp.MustCompile(`:(\w+)`)

// apiVersion is the version of the API's contract that the document
// describes. The document is public, so it never carries Hearth's own
// build version, which would tell anyone which fixes a server lacks.
const apiVersion = "1"

// OpenAPIDocument builds the OpenAPI 3.1 description of the API.
func OpenAPIDocument() map[string]any {
	paths := map[string]map[string]any{}
	for _, op := range APIOps() {
		path := pathParam.ReplaceAllString(strings.TrimPrefix(op.Path, "/api/v1"), "{$1}")
		if paths[path] == nil {
			paths[path] = map[string]any{}
		}
		paths[path][strings.ToLower(op.Method)] = op.document()
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "Hearth API", "version": apiVersion,
			"description": "The record of a fostering service's approved households, and who is due what, why and by when. " +
				"Errors are application/problem+json (RFC 9457) with a fields map naming each field that is wrong."},
		"servers":  []any{map[string]any{"url": "/api/v1"}},
		"security": []any{map[string]any{"bearer": []string{}}, map[string]any{"session": []string{}}},
		"paths":    paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer", "description": "an API token an administrator issued (hth_…)"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": httpx.SessionCookie},
			},
			"schemas": map[string]any{"Problem": schemaOf(reflect.TypeFor[httpx.Problem]())},
		},
	}
}

func (op apiOp) document() map[string]any {
	doc := map[string]any{"summary": op.Summary, "operationId": operationID(op)}
	var params []any
	for _, name := range pathParam.FindAllStringSubmatch(op.Path, -1) {
		params = append(params, map[string]any{"name": name[1], "in": "path", "required": true,
			"schema": map[string]any{"type": "integer", "minimum": 1}})
	}
	for _, q := range op.Query {
		params = append(params, map[string]any{"name": q, "in": "query", "schema": map[string]any{"type": "string"}})
	}
	if op.IfMatch {
		params = append(params, map[string]any{"name": "If-Match", "in": "header", "required": true,
			"description": "the ETag of the record as read; 412 if it has changed since", "schema": map[string]any{"type": "string"}})
	}
	if op.Method == http.MethodPost {
		params = append(params, map[string]any{"name": "Idempotency-Key", "in": "header",
			"description": "retrying with the same key returns the first answer and does nothing again", "schema": map[string]any{"type": "string", "maxLength": 200}})
	}
	if len(params) > 0 {
		doc["parameters"] = params
	}
	if op.Request != nil {
		body := map[string]any{"schema": schemaOf(reflect.TypeOf(op.Request))}
		if op.Example != "" {
			body["example"] = rawJSON(op.Example)
		}
		doc["requestBody"] = map[string]any{"required": true, "content": map[string]any{fiber.MIMEApplicationJSON: body}}
	}
	status := op.Status
	if status == 0 {
		status = http.StatusOK
	}
	ok := map[string]any{"description": http.StatusText(status)}
	switch {
	case op.File != "":
		ok["content"] = map[string]any{op.File: map[string]any{"schema": map[string]any{"type": "string", "contentMediaType": op.File}}}
	case op.Response != nil:
		ok["content"] = map[string]any{fiber.MIMEApplicationJSON: map[string]any{"schema": schemaOf(reflect.TypeOf(op.Response))}}
	}
	problem := map[string]any{"description": "the problem, with the fields that are wrong",
		"content": map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Problem"}}}}
	doc["responses"] = map[string]any{httpx.Itoa(status): ok, "4XX": problem, "5XX": problem}
	return doc
}

// operationID names an operation from its method and path:
// "put_households_id".
func operationID(op apiOp) string {
	path := strings.NewReplacer("/api/v1/", "", "/", "_", ":", "", "-", "_").Replace(op.Path)
	return strings.ToLower(op.Method) + "_" + path
}

// HandleOpenAPI handles GET /api/v1/openapi.json.
func (s *Handler) HandleOpenAPI(c fiber.Ctx) error {
	return c.JSON(OpenAPIDocument())
}

// DocumentedRoutes lists "METHOD /path" of every documented operation.
func DocumentedRoutes() []string {
	var out []string
	for _, op := range APIOps() {
		out = append(out, op.Method+" "+op.Path)
	}
	slices.Sort(out)
	return out
}
