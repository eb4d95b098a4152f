package request

import (
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// HealthAssessment is the body of POST
// /api/v1/carers/:id/health-assessments and PUT
// /api/v1/health-assessments/:id, the health assessment form and a health
// import row: every editable field (an omitted optional field is cleared).
// The date is checked against the carer's date of birth by the registry.
type HealthAssessment struct {
	Kind           string `json:"kind" validate:"required,enum=health_assessment.kind" plain:"the kind of assessment"`
	AssessedOn     string `json:"assessed_on" validate:"required,date,notfuture" plain:"the date of the assessment"`
	AssessedBy     string `json:"assessed_by" validate:"max=200" plain:"the GP or practice"`
	MedicalAdviser string `json:"medical_adviser" validate:"max=200" plain:"the medical adviser"`
	AdviserOpinion string `json:"adviser_opinion" validate:"max=10000,notes" plain:"the medical adviser's opinion"`
	Outcome        string `json:"outcome" validate:"required,enum=health_assessment.outcome" plain:"the outcome of the assessment"`
}

// Normalise trims the spaces people type around values.
func (r *HealthAssessment) Normalise() {
	TrimEach(&r.AssessedBy, &r.MedicalAdviser, &r.AdviserOpinion)
}

// Fields are the request's values, typed for the registry.
func (r *HealthAssessment) Fields() registry.HealthFields {
	assessed, _ := civil.Parse(r.AssessedOn)
	return registry.HealthFields{Kind: healthassessment.Kind(r.Kind), AssessedOn: assessed, AssessedBy: r.AssessedBy,
		MedicalAdviser: r.MedicalAdviser, AdviserOpinion: r.AdviserOpinion, Outcome: healthassessment.Outcome(r.Outcome)}
}
