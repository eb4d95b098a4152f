package api

import (
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/request"
)

// The documentation of the course catalogue's writes, training records,
// visits and placements.

func catalogueDocs() []apiOp {
	return []apiOp{
		{Method: "POST", Path: "/api/v1/courses", Summary: "Add a course to the training catalogue (audited); carers fall due for a mandatory one once due dates are recalculated in the background (GET /api/v1/compliance shows progress)",
			Status: 201, Request: request.Course{}, Response: CourseDetailJSON{},
			Example: `{"code": "ATTACH", "title": "Attachment and trauma", "mandatory": true, "validity_months": 36, "applies_to": ["long_term"]}`},
		{Method: "GET", Path: "/api/v1/courses/:id", Summary: "Read a catalogue course", Response: CourseDetailJSON{}},
		{Method: "DELETE", Path: "/api/v1/courses/:id", Summary: "Archive a course; its training records are kept", IfMatch: true, Status: 204},
	}
}

func trainingDocs() []apiOp {
	const example = `{"course_id": 3, "completed_on": "2025-11-04", "provider": "Devon learning team", "hours": 6, "evidence": "certificate seen"}`
	return []apiOp{
		{Method: "GET", Path: "/api/v1/carers/:id/training", Summary: "A carer's training records, newest recorded first",
			Query: []string{"course_id", "expired", "expires_before", "limit", "cursor"}, Response: httpx.Page[TrainingJSON]{}},
		{Method: "POST", Path: "/api/v1/carers/:id/training", Summary: "Record a course a carer completed; expires_on is worked out from the course",
			Status: 201, Request: request.Training{}, Response: TrainingJSON{}, Example: example},
		{Method: "GET", Path: "/api/v1/training", Summary: "Training records across the service, newest recorded first",
			Query: []string{"course_id", "carer_id", "expired", "expires_before", "limit", "cursor"}, Response: httpx.Page[TrainingJSON]{}},
		{Method: "GET", Path: "/api/v1/training/:id", Summary: "Read a training record (the view is audited)", Response: TrainingJSON{}},
		{Method: "PUT", Path: "/api/v1/training/:id", Summary: "Change a training record; expires_on is worked out again", IfMatch: true,
			Request: request.Training{}, Response: TrainingJSON{}, Example: example},
		{Method: "DELETE", Path: "/api/v1/training/:id", Summary: "Archive a training record", IfMatch: true, Status: 204},
	}
}

func visitDocs() []apiOp {
	const example = `{"kind": "unannounced", "visited_on": "2025-11-04", "children_seen": true, "note": "All well."}`
	return []apiOp{
		{Method: "GET", Path: "/api/v1/households/:id/visits", Summary: "A household's visits, latest first (notes are for staff only)",
			Query: []string{"kind", "limit", "cursor"}, Response: httpx.Page[VisitJSON]{}},
		{Method: "POST", Path: "/api/v1/households/:id/visits", Summary: "Record a visit to a household", Status: 201,
			Request: request.Visit{}, Response: VisitJSON{}, Example: example},
		{Method: "GET", Path: "/api/v1/visits/:id", Summary: "Read a visit (the view is audited)", Response: VisitJSON{}},
		{Method: "PUT", Path: "/api/v1/visits/:id", Summary: "Change a visit", IfMatch: true,
			Request: request.Visit{}, Response: VisitJSON{}, Example: example},
		{Method: "DELETE", Path: "/api/v1/visits/:id", Summary: "Archive a visit recorded in error", IfMatch: true, Status: 204},
	}
}

func placementDocs() []apiOp {
	const example = `{"child_reference": "LA-20417", "placing_authority": "Torbay Council", "category": "long_term",
		"started_on": "2024-06-01", "ended_on": "2025-09-30", "end_reason": "returned_home"}`
	return []apiOp{
		{Method: "GET", Path: "/api/v1/households/:id/placements", Summary: "A household's placements, latest first (staff only)",
			Query: []string{"limit", "cursor"}, Response: httpx.Page[PlacementJSON]{}},
		{Method: "POST", Path: "/api/v1/households/:id/placements", Summary: "Record a child placed with a household, by initials or reference only",
			Status: 201, Request: request.Placement{}, Response: PlacementJSON{}, Example: example},
		{Method: "GET", Path: "/api/v1/placements/:id", Summary: "Read a placement (the view is audited)", Response: PlacementJSON{}},
		{Method: "PUT", Path: "/api/v1/placements/:id", Summary: "Change a placement, such as recording its end", IfMatch: true,
			Request: request.Placement{}, Response: PlacementJSON{}, Example: example},
		{Method: "DELETE", Path: "/api/v1/placements/:id", Summary: "Archive a placement recorded in error", IfMatch: true, Status: 204},
	}
}
