package api

import (
	"encoding/json"

	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// The documentation of each resource's operations. A route under /api/v1
// without an entry here fails TestOpenAPIDocumentsEveryRoute.

func statusDocs() []apiOp {
	return []apiOp{
		{Method: "GET", Path: "/api/v1/status", Summary: "Households counted by status", Response: statusJSON{}},
		{Method: "GET", Path: "/api/v1/openapi.json", Summary: "This document"},
	}
}

func householdDocs() []apiOp {
	return []apiOp{
		{Method: "GET", Path: "/api/v1/households", Summary: "List households, a page at a time (sort: reference or approved_on, - before either for the reverse)",
			Query: []string{"status", "ssw_id", "q", "approved_from", "approved_to", "sort", "limit", "cursor"}, Response: httpx.Page[HouseholdJSON]{}},
		{Method: "POST", Path: "/api/v1/households", Summary: "Open a household record", Status: 201,
			Request: request.Household{}, Response: HouseholdJSON{}, Example: `{"reference": "FH-0042", "address_line1": "1 Fore Street",
				"town": "Totnes", "postcode": "TQ9 5RP", "status": "approved", "approved_on": "2024-02-29"}`},
		{Method: "GET", Path: "/api/v1/households/:id", Summary: "Read a household (the view is audited)", Response: HouseholdJSON{}},
		{Method: "PUT", Path: "/api/v1/households/:id", Summary: "Change a household's record", IfMatch: true,
			Request: request.Household{}, Response: HouseholdJSON{}, Example: `{"reference": "FH-0042", "address_line1": "1 Fore Street",
				"town": "Totnes", "postcode": "TQ9 5RP", "status": "on_hold", "approved_on": "2024-02-29"}`},
		{Method: "DELETE", Path: "/api/v1/households/:id", Summary: "Archive a household (kept for the retention period)", IfMatch: true, Status: 204},
	}
}

func complianceDocs() []apiOp {
	return []apiOp{
		{Method: "GET", Path: "/api/v1/compliance", Summary: "Open due items counted by kind and status",
			Query: []string{"on", "ssw_id", "kind"}, Response: complianceSummaryJSON{}},
		{Method: "GET", Path: "/api/v1/compliance/items", Summary: "Open due items, most urgent first, with the reason for each",
			Query: []string{"on", "ssw_id", "kind", "status", "limit", "cursor"}, Response: DueItemsPageJSON{}},
		{Method: "GET", Path: "/api/v1/households/:id/compliance", Summary: "Every item for one household, its carers and members",
			Query: []string{"on"}, Response: householdComplianceJSON{}},
		{Method: "GET", Path: "/api/v1/compliance/policy", Summary: "The service's compliance settings", Response: registry.PolicySettings{}},
		{Method: "PUT", Path: "/api/v1/compliance/policy", Summary: "Change the service's compliance settings (audited); due dates that rest on them are recalculated in the background (GET /api/v1/compliance shows progress)",
			Request: registry.PolicySettings{}, Response: registry.PolicySettings{},
			Example: `{"warning_days": 45, "health_renewal_months": 36, "dbs_renewal_months": 36, "supervisory_visit_days": 42,
				"post_allegation_review_days": 42, "new_carer_training_months": 12, "version": 0}`},
	}
}

func courseDocs() []apiOp {
	return []apiOp{
		{Method: "GET", Path: "/api/v1/courses", Summary: "The training catalogue", Response: httpx.List[CourseJSON]{}},
		{Method: "PUT", Path: "/api/v1/courses/:id", Summary: "Change who must take a course and how often (audited)",
			Request: registry.CourseRules{}, Response: CourseJSON{},
			Example: `{"mandatory": true, "validity_months": 36, "applies_to": [], "counts_toward_tsd": false, "version": 1}`},
	}
}

func auditDocs() []apiOp {
	return []apiOp{{Method: "GET", Path: "/api/v1/audit", Summary: "The audit trail, newest first",
		Query: []string{"entity", "entity_id", "actor_id", "action", "from", "to", "limit", "cursor"}, Response: httpx.Page[AuditEventJSON]{}}}
}

func tokenDocs() []apiOp {
	return []apiOp{
		{Method: "GET", Path: "/api/v1/tokens", Summary: "API tokens with their issuer, role, expiry and last use (never the tokens themselves)",
			Response: httpx.List[TokenJSON]{}},
		{Method: "POST", Path: "/api/v1/tokens", Summary: "Issue an API token, shown once; it expires within 90 days, an admin token within 30 " +
			"(the most, unless expires_at asks for sooner); only a person signed in can issue one", Status: 201,
			Request: request.Token{}, Response: TokenJSON{}, Example: `{"name": "nightly export", "role": "manager"}`},
		{Method: "DELETE", Path: "/api/v1/tokens/:id", Summary: "Revoke an API token at once", Status: 204},
	}
}

func userDocs() []apiOp {
	return []apiOp{
		{Method: "GET", Path: "/api/v1/users", Summary: "Accounts (never their secrets)", Response: httpx.List[UserJSON]{}},
		{Method: "POST", Path: "/api/v1/users", Summary: "Create an account; without a password one is generated and shown once",
			Status: 201, Request: request.User{}, Response: UserJSON{},
			Example: `{"email": "sam.ssw@example.gov.uk", "name": "Sam Okafor", "role": "ssw"}`},
		{Method: "POST", Path: "/api/v1/users/:id/deactivate", Summary: "Deactivate an account; its sessions end and the API tokens it issued are revoked at once",
			Response: deactivationJSON{}},
		{Method: "POST", Path: "/api/v1/users/:id/reset-mfa", Summary: "Reset a lost second factor", Status: 204},
	}
}

func rawJSON(s string) json.RawMessage { return json.RawMessage(s) }
