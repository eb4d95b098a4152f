package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	jsonapi "github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/store/storetest"

	"github.com/hearth-registry/hearth/internal/request"
)

// TestOpenAPIDocumentsEveryRoute shows the document and the routes agree:
// every route under /api/v1 is documented, and every documented operation
// is a route.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	t.Parallel()
	st := storetest.New(t, dialect.SQLite)
	cfg, _ := config.Load(func(string) string { return "" })
	s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
	if err != nil {
		t.Fatal(err)
	}
	var routes []string
	for _, r := range s.app.GetRoutes(true) {
		if r.Method != http.MethodHead && strings.HasPrefix(r.Path, "/api/v1/") {
			routes = append(routes, r.Method+" "+r.Path)
		}
	}
	slices.Sort(routes)
	documented := jsonapi.DocumentedRoutes()
	for _, r := range routes {
		if _, found := slices.BinarySearch(documented, r); !found {
			t.Errorf("%s is a route but is not documented: add it to openapi_docs.go", r)
		}
	}
	for _, d := range documented {
		if _, found := slices.BinarySearch(routes, d); !found {
			t.Errorf("%s is documented but is not a route", d)
		}
	}
	if len(slices.Compact(slices.Clone(documented))) != len(documented) {
		t.Error("an operation is documented twice")
	}
}

// TestOpenAPIExamplesAreAccepted sends every documented example body
// through the server's own decoding and validation.
func TestOpenAPIExamplesAreAccepted(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	for _, op := range jsonapi.APIOps() {
		if op.Request == nil {
			continue
		}
		t.Run(op.Method+" "+op.Path, func(t *testing.T) {
			if op.Example == "" {
				t.Fatal("a request body without an example")
			}
			in := reflect.New(reflect.TypeOf(op.Request)).Interface()
			dec := json.NewDecoder(bytes.NewReader([]byte(op.Example)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(in); err != nil {
				t.Fatalf("example does not decode: %v", err)
			}
			if n, ok := in.(request.Normaliser); ok {
				n.Normalise()
			}
			fields := map[string]string{}
			if err := s.Valid.Validate(in); err != nil {
				t.Fatalf("example refused: %v %v", err, err)
			}
			if ch, ok := in.(request.Checker); ok {
				ch.Check(context.Background(), fields)
			}
			if len(fields) > 0 {
				t.Errorf("example refused: %v", fields)
			}
		})
	}
}

// TestOpenAPIServed shows the document is served to anyone as OpenAPI 3.1,
// with a schema for each request body that lists its required fields.
func TestOpenAPIServed(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	resp, body := do(t, s, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || len(doc.Paths) < 10 {
		t.Errorf("openapi %q with %d paths", doc.OpenAPI, len(doc.Paths))
	}
	var post struct {
		RequestBody struct {
			Content map[string]struct {
				Schema struct {
					Required   []string                  `json:"required"`
					Properties map[string]map[string]any `json:"properties"`
				} `json:"schema"`
			} `json:"content"`
		} `json:"requestBody"`
	}
	mustUnmarshal(t, string(doc.Paths["/households"]["post"]), &post)
	schema := post.RequestBody.Content["application/json"].Schema
	if !slices.Contains(schema.Required, "postcode") || schema.Properties["status"]["enum"] == nil ||
		schema.Properties["approved_on"]["format"] != "date" {
		t.Errorf("household request schema: %+v", schema)
	}
}
