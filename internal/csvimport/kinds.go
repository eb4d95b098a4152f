package csvimport

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/course"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// layouts are the files services already keep (docs/import.md).
var layouts = map[string]layout{
	"households": {
		columns: []column{
			{name: "reference", aliases: []string{"household reference", "household", "ref"}, required: true},
			{name: "address_line1", aliases: []string{"address", "address 1", "address line 1"}, required: true},
			{name: "address_line2", aliases: []string{"address 2", "address line 2"}},
			{name: "town", aliases: []string{"city", "town or city"}, required: true},
			{name: "postcode", aliases: []string{"post code"}, required: true},
			{name: "phone", aliases: []string{"telephone"}},
			{name: "email", aliases: []string{"email address"}},
			{name: "status", required: true},
			{name: "approved_on", aliases: []string{"approved", "approval date", "date approved"}},
			{name: "carer_1_first_name", aliases: []string{"carer 1 first name", "carer first name"}},
			{name: "carer_1_last_name", aliases: []string{"carer 1 last name", "carer last name", "carer 1 surname"}},
			{name: "carer_2_first_name", aliases: []string{"carer 2 first name"}},
			{name: "carer_2_last_name", aliases: []string{"carer 2 last name", "carer 2 surname"}},
		},
		key: func(c map[string]string) (string, string) {
			return "reference", strings.ToUpper(strings.ReplaceAll(c["reference"], " ", ""))
		},
		check: checkHouseholdRow,
		add:   addHouseholdRow,
	},
	"training": {
		columns: []column{
			{name: "household_reference", aliases: []string{"household", "reference"}, required: true},
			{name: "carer_first_name", aliases: []string{"first name", "forename"}, required: true},
			{name: "carer_last_name", aliases: []string{"last name", "surname"}, required: true},
			{name: "course_code", aliases: []string{"course"}, required: true},
			{name: "completed_on", aliases: []string{"completed", "date completed", "date"}, required: true},
			{name: "provider"},
			{name: "evidence"},
		},
		key: func(c map[string]string) (string, string) {
			date, _ := readDate(c["completed_on"])
			return "completed_on", strings.ToUpper(strings.Join([]string{c["household_reference"], c["carer_first_name"],
				c["carer_last_name"], c["course_code"], date}, "|"))
		},
		check: checkTrainingRow,
		add:   addTrainingRow,
	},
}

// importHouseholdRow is a households row as the API's request, and its carers.
func importHouseholdRow(cells map[string]string) (request.Household, [][2]string, map[string]string) {
	problems := map[string]string{}
	approved := cellDate(cells, problems, &request.Household{}, "approved_on")
	in := request.Household{Reference: cells["reference"], AddressLine1: cells["address_line1"], AddressLine2: cells["address_line2"],
		Town: cells["town"], Postcode: cells["postcode"], Phone: cells["phone"], Email: cells["email"],
		Status: strings.ToLower(strings.ReplaceAll(cells["status"], " ", "_")), ApprovedOn: approved}
	in.Normalise()
	var carers [][2]string
	for _, n := range []string{"1", "2"} {
		first, last := cells["carer_"+n+"_first_name"], cells["carer_"+n+"_last_name"]
		if first != "" || last != "" {
			carers = append(carers, [2]string{first, last})
		}
	}
	return in, carers, problems
}

func checkHouseholdRow(ctx context.Context, im *Importer, cells map[string]string) (map[string]string, bool, error) {
	in, carers, problems := importHouseholdRow(cells)
	h, err := im.client.Household.Query().Where(household.Reference(in.Reference)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, false, err
	}
	if h == nil && len(problems) == 0 {
		if err := fieldProblems(im.checkRequest(ctx, &in), problems, nil); err != nil {
			return nil, false, err
		}
	}
	already := h != nil
	for i, names := range carers {
		col := fmt.Sprintf("carer_%d_", i+1)
		cr := request.Carer{FirstName: names[0], LastName: names[1]}
		if err := fieldProblems(im.checkRequest(ctx, &cr), problems, func(f string) string { return col + f }); err != nil {
			return nil, false, err
		}
		if h != nil {
			found, err := carerNamed(ctx, im, h.ID, names[0], names[1])
			if err != nil {
				return nil, false, err
			}
			already = already && found != nil
		}
	}
	return problems, already, nil
}

func addHouseholdRow(ctx context.Context, im *Importer, actor registry.Actor, v registry.Viewer, cells map[string]string) error {
	in, carers, _ := importHouseholdRow(cells)
	client := im.client
	h, err := client.Household.Query().Where(household.Reference(in.Reference)).Only(ctx)
	if ent.IsNotFound(err) {
		h, err = registry.CreateHousehold(ctx, client, actor, v, in.Fields())
	}
	if err != nil {
		return fmt.Errorf("household %s: %w", in.Reference, err)
	}
	for _, names := range carers {
		found, err := carerNamed(ctx, im, h.ID, names[0], names[1])
		if err != nil {
			return err
		}
		if found != nil {
			continue // written by an earlier run of the same file
		}
		cr := request.Carer{FirstName: names[0], LastName: names[1]}
		cr.Normalise()
		if _, err := registry.CreateCarer(ctx, client, actor, v, h.ID, cr.Fields()); err != nil {
			return fmt.Errorf("carer %s %s of %s: %w", names[0], names[1], in.Reference, err)
		}
	}
	return nil
}

// importTrainingRow resolves a training row's household, carer and course.
func importTrainingRow(ctx context.Context, im *Importer, cells map[string]string) (*ent.Carer, request.Training, map[string]string, error) {
	problems := map[string]string{}
	who, err := importCarer(ctx, im, cells, "carer_first_name", "carer_last_name", problems)
	if err != nil {
		return nil, request.Training{}, nil, err
	}
	code := strings.ToUpper(cells["course_code"])
	k, err := im.client.Course.Query().Where(course.Code(code)).Only(ctx)
	if ent.IsNotFound(err) {
		problems["course_code"] = fmt.Sprintf("There is no course %s in the catalogue: check the code, or add the course first", code)
	} else if err != nil {
		return nil, request.Training{}, nil, err
	}
	completed := cellDate(cells, problems, &request.Training{}, "completed_on")
	in := request.Training{CompletedOn: completed, Provider: cells["provider"], Evidence: cells["evidence"]}
	if k != nil {
		in.CourseID = k.ID
	}
	if who != nil {
		in.CarerID = who.ID
	}
	return who, in, problems, nil
}

func checkTrainingRow(ctx context.Context, im *Importer, cells map[string]string) (map[string]string, bool, error) {
	who, in, problems, err := importTrainingRow(ctx, im, cells)
	if err != nil || len(problems) > 0 {
		return problems, false, err
	}
	if err := fieldProblems(im.checkRequest(ctx, &in), problems, trainingColumn); err != nil {
		return nil, false, err
	}
	if len(problems) > 0 {
		return problems, false, nil
	}
	already, err := im.client.TrainingRecord.Query().Where(trainingrecord.CarerID(who.ID), trainingrecord.CourseID(in.CourseID),
		trainingrecord.CompletedOn(in.Fields().CompletedOn)).Exist(ctx)
	return problems, already, err
}

func addTrainingRow(ctx context.Context, im *Importer, actor registry.Actor, v registry.Viewer, cells map[string]string) error {
	who, in, _, err := importTrainingRow(ctx, im, cells)
	if err != nil {
		return err
	}
	_, err = registry.CreateTrainingRecord(ctx, im.client, actor, v, who.ID, in.Fields())
	return err
}

func trainingColumn(field string) string {
	if field == "course_id" {
		return "course_code"
	}
	return field
}

// fieldProblems copies a refused request's problems into problems, under
// the import's column names; any other error is returned.
func fieldProblems(err error, problems map[string]string, column func(string) string) error {
	if err == nil {
		return nil
	}
	var re *registry.Error
	if !errors.As(err, &re) || re.Code != registry.EINVALID {
		return err
	}
	for f, msg := range re.Fields {
		if column != nil {
			f = column(f)
		}
		if _, named := problems[f]; !named {
			problems[f] = msg
		}
	}
	return nil
}

// carerNamed finds household h's carer by name, ignoring case in any
// alphabet (the database's own case folding knows only ASCII: "Ó Briain"
// would not match "ó briain").
func carerNamed(ctx context.Context, im *Importer, h int, first, last string) (*ent.Carer, error) {
	carers, err := im.client.Carer.Query().Where(carer.HouseholdID(h)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range carers {
		if strings.EqualFold(c.FirstName, strings.TrimSpace(first)) && strings.EqualFold(c.LastName, strings.TrimSpace(last)) {
			return c, nil
		}
	}
	return nil, nil
}
