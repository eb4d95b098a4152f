// Package api is Hearth's JSON API under /api/v1: a handler for each
// operation, and the OpenAPI document that describes them. Handlers
// decode a request from internal/request, call the registry, and answer
// JSON; who may call each one is in internal/server's route table.
package api

import "github.com/hearth-registry/hearth/internal/httpx"

// Handler answers the API's operations; its methods are the handlers.
type Handler struct{ *httpx.Env }
