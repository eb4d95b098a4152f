package csvimport

import (
	"context"
	"fmt"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// The layouts for household members, health assessments and DBS checks,
// beside the households' and training's in kinds.
func init() {
	household := column{name: "household_reference", aliases: []string{"household", "reference"}, required: true}
	first := column{name: "first_name", aliases: []string{"forename", "carer first name"}, required: true}
	last := column{name: "last_name", aliases: []string{"surname", "carer last name"}, required: true}
	person := func(c map[string]string) string {
		return strings.ToUpper(strings.Join([]string{c["household_reference"], c["first_name"], c["last_name"]}, "|"))
	}
	layouts["members"] = layout{
		columns: []column{household, first, last, {name: "relationship", required: true},
			{name: "date_of_birth", aliases: []string{"born", "dob"}}, {name: "moved_in_on", aliases: []string{"moved in"}}},
		key:   func(c map[string]string) (string, string) { return "last_name", person(c) },
		check: checkMemberRow,
		add:   addMemberRow,
	}
	layouts["health"] = layout{
		columns: []column{household, first, last, {name: "kind", required: true},
			{name: "assessed_on", aliases: []string{"date", "assessed"}, required: true},
			{name: "assessed_by", aliases: []string{"gp", "practice"}}, {name: "outcome", required: true}},
		key: func(c map[string]string) (string, string) {
			date, _ := readDate(c["assessed_on"])
			return "assessed_on", person(c) + "|" + date
		},
		check: checkHealthRow,
		add:   addHealthRow,
	}
	layouts["dbs"] = layout{
		columns: []column{household, first, last,
			{name: "certificate_number", aliases: []string{"certificate", "dbs number"}, required: true},
			{name: "issued_on", aliases: []string{"issued", "date"}, required: true}, {name: "level", required: true},
			{name: "update_service", aliases: []string{"update service"}}, {name: "outcome", required: true}},
		key: func(c map[string]string) (string, string) {
			return "certificate_number", strings.NewReplacer(" ", "", "-", "").Replace(c["certificate_number"])
		},
		check: checkDBSRow,
		add:   addDBSRow,
	}
}

// words turns "Fit with conditions" into the API's fit_with_conditions.
func enumWord(v string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(v, "-", " ")), "_"))
}

// importHousehold reads the row's household, or names the problem.
func importHousehold(ctx context.Context, im *Importer, cells map[string]string, problems map[string]string) (*ent.Household, error) {
	ref := strings.ToUpper(strings.TrimSpace(cells["household_reference"]))
	h, err := im.client.Household.Query().Where(household.Reference(ref)).Only(ctx)
	if ent.IsNotFound(err) {
		problems["household_reference"] = fmt.Sprintf("There is no household %s: check the reference", ref)
		return nil, nil
	}
	return h, err
}

func importMember(cells map[string]string, problems map[string]string) request.Member {
	born := cellDate(cells, problems, &request.Member{}, "date_of_birth")
	movedIn := cellDate(cells, problems, &request.Member{}, "moved_in_on")
	in := request.Member{FirstName: cells["first_name"], LastName: cells["last_name"], Relationship: enumWord(cells["relationship"]),
		DateOfBirth: born, MovedInOn: movedIn}
	in.Normalise()
	return in
}

// memberNamed finds household h's member by name, ignoring case in any
// alphabet.
func memberNamed(ctx context.Context, im *Importer, h int, first, last string) (*ent.HouseholdMember, error) {
	members, err := im.client.HouseholdMember.Query().Where(householdmember.HouseholdID(h)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if strings.EqualFold(m.FirstName, strings.TrimSpace(first)) && strings.EqualFold(m.LastName, strings.TrimSpace(last)) {
			return m, nil
		}
	}
	return nil, nil
}

func checkMemberRow(ctx context.Context, im *Importer, cells map[string]string) (map[string]string, bool, error) {
	problems := map[string]string{}
	in := importMember(cells, problems)
	h, err := importHousehold(ctx, im, cells, problems)
	if err != nil || h == nil {
		return problems, false, err
	}
	if err := fieldProblems(im.checkRequest(ctx, &in), problems, nil); err != nil {
		return nil, false, err
	}
	m, err := memberNamed(ctx, im, h.ID, in.FirstName, in.LastName)
	return problems, m != nil, err
}

func addMemberRow(ctx context.Context, im *Importer, actor registry.Actor, v registry.Viewer, cells map[string]string) error {
	in := importMember(cells, map[string]string{})
	h, err := importHousehold(ctx, im, cells, map[string]string{})
	if err != nil || h == nil {
		return fmt.Errorf("household %s: %w", cells["household_reference"], err)
	}
	_, err = registry.CreateMember(ctx, im.client, actor, v, h.ID, in.Fields())
	return err
}

// importCarer reads the row's household and the carer named in columns
// first and last, or names the problem.
func importCarer(ctx context.Context, im *Importer, cells map[string]string, first, last string, problems map[string]string) (*ent.Carer, error) {
	h, err := importHousehold(ctx, im, cells, problems)
	if err != nil || h == nil {
		return nil, err
	}
	c, err := carerNamed(ctx, im, h.ID, cells[first], cells[last])
	if err == nil && c == nil {
		problems[last] = fmt.Sprintf("Household %s has no carer named %s %s: check the name", h.Reference, cells[first], cells[last])
	}
	return c, err
}

func importHealth(cells map[string]string, problems map[string]string) request.HealthAssessment {
	on := cellDate(cells, problems, &request.HealthAssessment{}, "assessed_on")
	in := request.HealthAssessment{Kind: enumWord(cells["kind"]), AssessedOn: on, AssessedBy: cells["assessed_by"], Outcome: enumWord(cells["outcome"])}
	in.Normalise()
	return in
}

func checkHealthRow(ctx context.Context, im *Importer, cells map[string]string) (map[string]string, bool, error) {
	problems := map[string]string{}
	in := importHealth(cells, problems)
	c, err := importCarer(ctx, im, cells, "first_name", "last_name", problems)
	if err != nil || c == nil {
		return problems, false, err
	}
	if err := fieldProblems(im.checkRequest(ctx, &in), problems, nil); err != nil || len(problems) > 0 {
		return problems, false, err
	}
	already, err := im.client.HealthAssessment.Query().Where(healthassessment.CarerID(c.ID),
		healthassessment.AssessedOn(in.Fields().AssessedOn), healthassessment.KindEQ(in.Fields().Kind)).Exist(ctx)
	return problems, already, err
}

func addHealthRow(ctx context.Context, im *Importer, actor registry.Actor, v registry.Viewer, cells map[string]string) error {
	in := importHealth(cells, map[string]string{})
	c, err := importCarer(ctx, im, cells, "first_name", "last_name", map[string]string{})
	if err != nil || c == nil {
		return fmt.Errorf("carer %s %s: %w", cells["first_name"], cells["last_name"], err)
	}
	_, err = registry.CreateHealthAssessment(ctx, im.client, actor, v, c.ID, in.Fields())
	return err
}

func importDBS(cells map[string]string, problems map[string]string) request.DBSCheck {
	on := cellDate(cells, problems, &request.DBSCheck{}, "issued_on")
	update := strings.ToLower(strings.TrimSpace(cells["update_service"]))
	in := request.DBSCheck{CertificateNumber: cells["certificate_number"], IssuedOn: on, Level: enumWord(cells["level"]),
		UpdateService: update == "yes" || update == "y" || update == "true", Outcome: enumWord(cells["outcome"])}
	in.Normalise()
	return in
}

// importDBSSubject is the carer, or else the household member, the row
// names.
func importDBSSubject(ctx context.Context, im *Importer, cells map[string]string, problems map[string]string) (*registry.DBSSubject, error) {
	h, err := importHousehold(ctx, im, cells, problems)
	if err != nil || h == nil {
		return nil, err
	}
	if c, err := carerNamed(ctx, im, h.ID, cells["first_name"], cells["last_name"]); err != nil || c != nil {
		if c == nil {
			return nil, err
		}
		sub := registry.DBSSubject{CarerID: &c.ID}
		return &sub, nil
	}
	m, err := memberNamed(ctx, im, h.ID, cells["first_name"], cells["last_name"])
	if err != nil {
		return nil, err
	}
	if m == nil {
		problems["last_name"] = fmt.Sprintf("Household %s has no carer or member named %s %s: check the name", h.Reference, cells["first_name"], cells["last_name"])
		return nil, nil
	}
	sub := registry.DBSSubject{MemberID: &m.ID}
	return &sub, nil
}

func checkDBSRow(ctx context.Context, im *Importer, cells map[string]string) (map[string]string, bool, error) {
	problems := map[string]string{}
	in := importDBS(cells, problems)
	sub, err := importDBSSubject(ctx, im, cells, problems)
	if err != nil || sub == nil {
		return problems, false, err
	}
	if err := fieldProblems(im.checkRequest(ctx, &in), problems, nil); err != nil || len(problems) > 0 {
		return problems, false, err
	}
	already, err := im.client.DBSCheck.Query().Where(dbscheck.CertificateNumber(in.CertificateNumber)).Exist(ctx)
	return problems, already, err
}

func addDBSRow(ctx context.Context, im *Importer, actor registry.Actor, v registry.Viewer, cells map[string]string) error {
	in := importDBS(cells, map[string]string{})
	sub, err := importDBSSubject(ctx, im, cells, map[string]string{})
	if err != nil || sub == nil {
		return fmt.Errorf("person %s %s: %w", cells["first_name"], cells["last_name"], err)
	}
	_, err = registry.CreateDBSCheck(ctx, im.client, actor, v, *sub, in.Fields())
	return err
}
