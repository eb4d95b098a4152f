package api

import (
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/request"
)

// The documentation of carers, household members, their health
// assessments and DBS checks.

func carerDocs() []apiOp {
	const example = `{"first_name": "Zoë", "last_name": "Ó Briain", "date_of_birth": "1980-05-17", "email": "zoe@example.net",
		"phone": "01803 000000", "connected_person": false, "tsd_completed_on": "2024-02-29"}`
	return []apiOp{
		{Method: "GET", Path: "/api/v1/households/:id/carers", Summary: "A household's carers, in the order they were recorded",
			Query: []string{"limit", "cursor"}, Response: httpx.Page[CarerJSON]{}},
		{Method: "POST", Path: "/api/v1/households/:id/carers", Summary: "Add a carer to a household (at most two)", Status: 201,
			Request: request.Carer{}, Response: CarerJSON{}, Example: example},
		{Method: "GET", Path: "/api/v1/carers/:id", Summary: "Read a carer (the view is audited)", Response: CarerJSON{}},
		{Method: "PUT", Path: "/api/v1/carers/:id", Summary: "Change a carer's record; an omitted user_id unlinks their portal account",
			IfMatch: true, Request: request.Carer{}, Response: CarerJSON{}, Example: example},
		{Method: "DELETE", Path: "/api/v1/carers/:id", Summary: "Archive a carer and unlink their portal account", IfMatch: true, Status: 204},
	}
}

func memberDocs() []apiOp {
	const example = `{"first_name": "Siân", "last_name": "Ó Briain", "relationship": "adult_child", "date_of_birth": "2006-03-14",
		"moved_in_on": "2006-03-20"}`
	return []apiOp{
		{Method: "GET", Path: "/api/v1/households/:id/members", Summary: "The other people living in a household, in the order they were recorded",
			Query: []string{"limit", "cursor"}, Response: httpx.Page[MemberJSON]{}},
		{Method: "POST", Path: "/api/v1/households/:id/members", Summary: "Record someone else living in a household", Status: 201,
			Request: request.Member{}, Response: MemberJSON{}, Example: example},
		{Method: "GET", Path: "/api/v1/members/:id", Summary: "Read a household member (the view is audited)", Response: MemberJSON{}},
		{Method: "PUT", Path: "/api/v1/members/:id", Summary: "Change a household member, such as recording that they moved out",
			IfMatch: true, Request: request.Member{}, Response: MemberJSON{}, Example: example},
		{Method: "DELETE", Path: "/api/v1/members/:id", Summary: "Archive a household member recorded in error", IfMatch: true, Status: 204},
	}
}

func healthAssessmentDocs() []apiOp {
	const example = `{"kind": "renewal", "assessed_on": "2025-01-10", "assessed_by": "Leatside Surgery",
		"medical_adviser": "Dr Ngozi Àdìgún", "adviser_opinion": "Fit to foster.", "outcome": "fit"}`
	return []apiOp{
		{Method: "GET", Path: "/api/v1/carers/:id/health-assessments", Summary: "A carer's health assessments, in the order they were recorded",
			Query: []string{"limit", "cursor"}, Response: httpx.Page[HealthAssessmentJSON]{}},
		{Method: "POST", Path: "/api/v1/carers/:id/health-assessments", Summary: "Record a carer's health assessment", Status: 201,
			Request: request.HealthAssessment{}, Response: HealthAssessmentJSON{}, Example: example},
		{Method: "GET", Path: "/api/v1/health-assessments/:id", Summary: "Read a health assessment (the view is audited)", Response: HealthAssessmentJSON{}},
		{Method: "PUT", Path: "/api/v1/health-assessments/:id", Summary: "Change a health assessment", IfMatch: true,
			Request: request.HealthAssessment{}, Response: HealthAssessmentJSON{}, Example: example},
		{Method: "DELETE", Path: "/api/v1/health-assessments/:id", Summary: "Archive a health assessment recorded in error", IfMatch: true, Status: 204},
	}
}

func dbsCheckDocs() []apiOp {
	const example = `{"certificate_number": "001234567890", "issued_on": "2025-01-10", "level": "enhanced_with_barred_lists",
		"update_service": true, "outcome": "clear"}`
	return []apiOp{
		{Method: "GET", Path: "/api/v1/carers/:id/dbs-checks", Summary: "A carer's DBS checks (certificate numbers masked for carers)",
			Query: []string{"limit", "cursor"}, Response: httpx.Page[DBSCheckJSON]{}},
		{Method: "POST", Path: "/api/v1/carers/:id/dbs-checks", Summary: "Record a DBS check for a carer", Status: 201,
			Request: request.DBSCheck{}, Response: DBSCheckJSON{}, Example: example},
		{Method: "GET", Path: "/api/v1/members/:id/dbs-checks", Summary: "A household member's DBS checks (certificate numbers masked for carers)",
			Query: []string{"limit", "cursor"}, Response: httpx.Page[DBSCheckJSON]{}},
		{Method: "POST", Path: "/api/v1/members/:id/dbs-checks", Summary: "Record a DBS check for a household member", Status: 201,
			Request: request.DBSCheck{}, Response: DBSCheckJSON{}, Example: example},
		{Method: "GET", Path: "/api/v1/dbs-checks/:id", Summary: "Read a DBS check (the view is audited)", Response: DBSCheckJSON{}},
		{Method: "PUT", Path: "/api/v1/dbs-checks/:id", Summary: "Change a DBS check; it stays with the person it is for", IfMatch: true,
			Request: request.DBSCheck{}, Response: DBSCheckJSON{}, Example: example},
		{Method: "DELETE", Path: "/api/v1/dbs-checks/:id", Summary: "Archive a DBS check recorded in error", IfMatch: true, Status: 204},
	}
}
