// Package audit holds the types stored in the audit trail. It sits apart from
// the registry because the generated ent code imports it.
package audit

// Change is the old and new value of one changed field of a record.
type Change struct {
	Old any `json:"old"`
	New any `json:"new"`
}

// Changes maps a field name to its change.
type Changes map[string]Change
