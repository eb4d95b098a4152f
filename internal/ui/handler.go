// Package ui is Hearth's pages and forms, in the GOV.UK Design System:
// sign-in and the second factor, the dashboard, households and their
// records, reviews, training, panels, the carer's own pages, the
// administrator's settings, and the exports and calendar feed that pages
// offer. A form builds the same request (internal/request) the API
// decodes, so both refuse the same things in the same words; who may see
// each page is in internal/server's route table.
package ui

import "github.com/hearth-registry/hearth/internal/httpx"

// Handler answers the pages; its methods are the handlers.
type Handler struct{ *httpx.Env }
