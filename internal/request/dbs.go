package request

import (
	"strings"

	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// DBSCheck is the body of POST /api/v1/carers/:id/dbs-checks, POST
// /api/v1/members/:id/dbs-checks and PUT /api/v1/dbs-checks/:id, the DBS
// form and a dbs import row. Whom the check is for comes from the address
// (or the row's names), and never changes.
type DBSCheck struct {
	CertificateNumber string `json:"certificate_number" validate:"required,dbscert" plain:"the certificate number"`
	IssuedOn          string `json:"issued_on" validate:"required,date,notfuture" plain:"the date of issue"`
	Level             string `json:"level" validate:"required,enum=dbs_check.level" plain:"the level of the check"`
	UpdateService     bool   `json:"update_service" plain:"whether the check is on the DBS Update Service"`
	Outcome           string `json:"outcome" validate:"required,enum=dbs_check.outcome" plain:"the outcome of the check"`
}

// Normalise drops the spaces and hyphens people type between a
// certificate number's digits.
func (r *DBSCheck) Normalise() {
	r.CertificateNumber = strings.NewReplacer(" ", "", "-", "").Replace(r.CertificateNumber)
}

// Fields are the request's values, typed for the registry.
func (r *DBSCheck) Fields() registry.DBSFields {
	issued, _ := civil.Parse(r.IssuedOn)
	return registry.DBSFields{CertificateNumber: r.CertificateNumber, IssuedOn: issued,
		Level: dbscheck.Level(r.Level), UpdateService: r.UpdateService, Outcome: dbscheck.Outcome(r.Outcome)}
}
