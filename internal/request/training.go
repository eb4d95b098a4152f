package request

import (
	"context"
	"strings"

	"github.com/hearth-registry/hearth/ent"

	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Training is the body of POST /api/v1/carers/:id/training and PUT
// /api/v1/training/:id, the training forms and a training import row:
// every editable field (an omitted optional field is
// cleared). There is no expires_on: it is worked out from completed_on and
// the course's validity, so a client cannot send one that disagrees.
type Training struct {
	CourseID    int     `json:"course_id" validate:"required,min=1" plain:"the course"`
	CompletedOn string  `json:"completed_on" validate:"required,date,notfuture" plain:"the date the course was completed"`
	Provider    string  `json:"provider" validate:"max=200" plain:"the provider"`
	Hours       float64 `json:"hours" validate:"min=0,max=100" plain:"the hours of training"`
	Evidence    string  `json:"evidence" validate:"max=2000" plain:"the evidence seen"`
	// CarerID is the carer a new record is for; ID the record an update
	// changes. The handler sets them, for CheckRegistry; neither is read
	// from the client.
	CarerID int `json:"-" form:"-"`
	ID      int `json:"-" form:"-"`
}

// CheckRegistry names a course not in the catalogue, or one already
// recorded for the carer on that day.
func (r *Training) CheckRegistry(ctx context.Context, client *ent.Client, fields map[string]string) error {
	return registry.CheckTraining(ctx, client, r.CarerID, r.ID, r.Fields(), fields)
}

// Normalise trims spaces around what people type.
func (r *Training) Normalise() {
	r.Provider, r.Evidence = strings.TrimSpace(r.Provider), strings.TrimSpace(r.Evidence)
}

// Fields are the request's values, typed for the registry.
func (r *Training) Fields() registry.TrainingFields {
	completed, _ := civil.Parse(r.CompletedOn)
	return registry.TrainingFields{CourseID: r.CourseID, CompletedOn: completed, Provider: r.Provider,
		Hours: r.Hours, Evidence: r.Evidence}
}
