package api

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// DBSCheckJSON is a DBS check as the API shows it: for a carer or for a
// household member, never both. Version is also sent as the ETag.
type DBSCheckJSON struct {
	ID                int        `json:"id"`
	CarerID           *int       `json:"carer_id"`
	MemberID          *int       `json:"member_id"`
	CertificateNumber string     `json:"certificate_number"`
	IssuedOn          civil.Date `json:"issued_on"`
	Level             string     `json:"level"`
	UpdateService     bool       `json:"update_service"`
	Outcome           string     `json:"outcome"`
	Version           int        `json:"version"`
	CreatedAt         time.Time  `json:"created_at"`
	UpdatedAt         time.Time  `json:"updated_at"`
}

// dbsCheckShower converts checks for the viewer: carers see a household's
// certificate numbers masked (the fostering team needs them whole, to
// check the Update Service; a carer does not, and the household's other
// adults' numbers are not theirs).
func dbsCheckShower(v registry.Viewer) func(d *ent.DBSCheck) DBSCheckJSON {
	return func(d *ent.DBSCheck) DBSCheckJSON {
		number := d.CertificateNumber
		if v.Role == user.RoleCarer {
			number = registry.MaskCertificate(number)
		}
		return DBSCheckJSON{ID: d.ID, CarerID: d.CarerID, MemberID: d.HouseholdMemberID, CertificateNumber: number,
			IssuedOn: d.IssuedOn, Level: string(d.Level), UpdateService: d.UpdateService, Outcome: string(d.Outcome),
			Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
	}
}

func dbsCheckIDOf(d *ent.DBSCheck) int { return d.ID }

// HandleCarerDBSCheckList handles GET /api/v1/carers/:id/dbs-checks.
func (s *Handler) HandleCarerDBSCheckList(c fiber.Ctx) error {
	return s.listDBSChecks(c, httpx.CarerSubject)
}

// HandleMemberDBSCheckList handles GET /api/v1/members/:id/dbs-checks.
func (s *Handler) HandleMemberDBSCheckList(c fiber.Ctx) error {
	return s.listDBSChecks(c, httpx.MemberSubject)
}

// HandleCarerDBSCheckCreate handles POST /api/v1/carers/:id/dbs-checks.
func (s *Handler) HandleCarerDBSCheckCreate(c fiber.Ctx) error {
	return s.createDBSCheck(c, httpx.CarerSubject)
}

// HandleMemberDBSCheckCreate handles POST /api/v1/members/:id/dbs-checks.
func (s *Handler) HandleMemberDBSCheckCreate(c fiber.Ctx) error {
	return s.createDBSCheck(c, httpx.MemberSubject)
}

// listDBSChecks answers a page of the checks of the person in the address.
func (s *Handler) listDBSChecks(c fiber.Ctx, subject func(int) registry.DBSSubject) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	p, err := parseIDOrderPage(c)
	if err != nil {
		return err
	}
	rows, err := registry.ListDBSChecks(c.Context(), s.Store.Client, s.Viewer(c), subject(id), p.fetch())
	if err != nil {
		return err
	}
	return c.JSON(idOrderPageOf(rows, p, dbsCheckIDOf, dbsCheckShower(s.Viewer(c))))
}

// createDBSCheck records a check for the person in the address.
func (s *Handler) createDBSCheck(c fiber.Ctx, subject func(int) registry.DBSSubject) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in request.DBSCheck
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	d, err := registry.CreateDBSCheck(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), subject(id), in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, d.Version)
	c.Location(fmt.Sprintf("/api/v1/dbs-checks/%d", d.ID))
	return c.Status(fiber.StatusCreated).JSON(dbsCheckShower(s.Viewer(c))(d))
}

// HandleDBSCheckShow handles GET /api/v1/dbs-checks/:id. The view is
// audited.
func (s *Handler) HandleDBSCheckShow(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	d, err := registry.ViewDBSCheck(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, d.Version)
	return c.JSON(dbsCheckShower(s.Viewer(c))(d))
}

// HandleDBSCheckUpdate handles PUT /api/v1/dbs-checks/:id: every editable
// field, with If-Match.
func (s *Handler) HandleDBSCheckUpdate(c fiber.Ctx) error {
	id, version, err := httpx.IDAndIfMatch(c)
	if err != nil {
		return err
	}
	var in request.DBSCheck
	if err := s.BindJSON(c, &in); err != nil {
		return err
	}
	d, err := registry.UpdateDBSCheck(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, version, in.Fields())
	if err != nil {
		return err
	}
	httpx.SetETag(c, d.Version)
	return c.JSON(dbsCheckShower(s.Viewer(c))(d))
}
