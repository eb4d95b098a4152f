package csvimport

import (
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/registry"
)

// importAs imports text as kind, as an administrator would from the
// command line.
func importAs(t *testing.T, im *Importer, kind, text string, dryRun bool) Report {
	t.Helper()
	r, err := im.Import(t.Context(), registry.System("test import"), registry.Viewer{Role: user.RoleAdmin}, kind, strings.NewReader(text), dryRun)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return r
}

func problemList(r Report) string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, p.String())
	}
	return strings.Join(out, "\n")
}

// TestImportRefusesBrokenFiles imports deliberately broken files: every
// problem is reported with its row and column (UK dates, headers in any
// case and order, a byte order mark and Excel's quoting accepted), and
// nothing is written.
func TestImportRefusesBrokenFiles(t *testing.T) {
	t.Parallel()
	im, st := testImporter(t)
	mustCreateHousehold(t, st.Client, "FH-0001") // its carer is Siân Price FH-0001
	mustCreateCourse(t, st.Client, "PFA", 36)
	households := "\xef\xbb\xbfReference,Town,Address Line 1,POSTCODE,Status,Approved On,Carer 1 First Name,Carer 1 Last Name\n"
	cases := []struct {
		name, kind, file string
		want             []string
	}{
		{"BadDate", "households", households + `FH-0100,Totnes,"1 Fore Street, Upper",TQ9 5RP,approved,31/02/2024,Ann,Lee` + "\n",
			[]string{"row 2, column approved_on: The date of approval must be a real date, like 14/03/2026"}},
		{"BadPostcodeAndStatus", "households", households + "FH-0101,Totnes,2 Fore Street,NOWHERE,approvd,01/02/2024,Ann,Lee\n",
			[]string{"row 2, column postcode:", "row 2, column status:"}},
		{"DuplicateReference", "households", households + "FH-0102,Totnes,3 Fore Street,TQ9 5RP,approved,01/02/2024,Ann,Lee\n" +
			"fh-0102,Totnes,4 Fore Street,TQ9 5RP,approved,01/02/2024,Bob,Lee\n", []string{"row 3, column reference: row 2 already gives this record"}},
		{"MissingColumn", "households", "Reference,Town,Postcode,Status\nFH-0103,Totnes,TQ9 5RP,approved\n",
			[]string{"row 1, column address_line1: this column is required and missing"}},
		{"UnknownColumn", "training", "household_reference,carer_first_name,carer_last_name,course_code,completed_on,colour\n",
			[]string{"row 1, column colour: this column is not part of the layout"}},
		{"WrongEncoding", "households", "Reference,Town\nFH-0104,Tr\xe9guier\n", []string{"not UTF-8"}},
		{"UnknownCourse", "training", "Household Reference,Carer First Name,Carer Last Name,Course Code,Completed On\nFH-0001,Siân,Price FH-0001,XYZ,01/02/2025\n",
			[]string{"row 2, column course_code: There is no course XYZ in the catalogue"}},
		{"UnknownCarer", "training", "household_reference,carer_first_name,carer_last_name,course_code,completed_on\nFH-0001,Nobody,Here,PFA,2025-02-01\n",
			[]string{"row 2, column carer_last_name: Household FH-0001 has no carer named Nobody Here"}},
		{"FutureTraining", "training", "household_reference,carer_first_name,carer_last_name,course_code,completed_on\nFH-0001,siân,price fh-0001,pfa,01/01/2999\n",
			[]string{"row 2, column completed_on:"}},
		{"DBSForNobody", "dbs", "household_reference,first_name,last_name,certificate_number,issued_on,level,outcome\nFH-0001,No,One,001234567890,01/01/2024,enhanced,clear\n",
			[]string{"row 2, column last_name: Household FH-0001 has no carer or member named No One"}},
		{"HealthBadOutcome", "health", "household_reference,first_name,last_name,kind,assessed_on,outcome\nFH-0001,Siân,Price FH-0001,initial,01/01/2024,great\n",
			[]string{"row 2, column outcome:"}},
		{"TooManyColumns", "households", strings.Repeat("x,", 1000000) + "x\n", []string{"columns; a layout has at most"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := registryState(t, st.Client)
			r := importAs(t, im, tc.kind, tc.file, false)
			got := problemList(r)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems %q lack %q", got, w)
				}
			}
			if r.Added != 0 {
				t.Errorf("added %d", r.Added)
			}
			if after := registryState(t, st.Client); after != before {
				t.Errorf("changed: %s, then %s", before, after)
			}
		})
	}
}

// TestImportTwiceGivesOneCopy imports households with carers, then their
// training, first as a dry run (nothing written), then for real, then the
// same files again: one copy of everything.
func TestImportTwiceGivesOneCopy(t *testing.T) {
	t.Parallel()
	im, st := testImporter(t)
	mustCreateCourse(t, st.Client, "PFA", 36)
	households := "reference,address_line1,town,postcode,status,approved_on,carer_1_first_name,carer_1_last_name,carer_2_first_name,carer_2_last_name\n" +
		"FH-0200,1 Fore Street,Totnes,tq9 5rp,approved,14/03/2024,Zoë,Ó Briain,Kofi,Mensah\n" +
		"FH-0201,2 Fore Street,Totnes,TQ9 5RP,assessment,,Ann,Lee,,\n"
	training := "household_reference,carer_first_name,carer_last_name,course_code,completed_on,provider\n" +
		"FH-0200,Zoë,Ó Briain,PFA,01/02/2025,\"Devon Learning, Ltd\"\n" +
		"FH-0200,Kofi,Mensah,PFA,2025-02-03,\n"
	if r := importAs(t, im, "households", households, true); r.Rows != 2 || r.Added != 0 || len(r.Problems) != 0 {
		t.Fatalf("dry run: %+v %s", r, problemList(r))
	}
	if n := st.Client.Household.Query().CountX(t.Context()); n != 0 {
		t.Fatalf("a dry run wrote %d households", n)
	}
	members := "Household,Forename,Surname,Relationship,DOB\nFH-0200,Cai,Ó Briain,Birth child,03/04/2010\n"
	health := "household_reference,first_name,last_name,kind,assessed_on,outcome\nFH-0200,zoë,ó briain,Initial,10/01/2024,Fit with conditions\n"
	dbs := "household_reference,first_name,last_name,certificate_number,issued_on,level,update_service,outcome\n" +
		"FH-0200,Kofi,Mensah,0012 3456 7890,10/01/2024,Enhanced with barred lists,yes,Clear\n" +
		"FH-0200,Cai,Ó Briain,0012 3456 7891,10/01/2024,Enhanced,no,Clear\n"
	for round := 1; round <= 2; round++ {
		r := importAs(t, im, "households", households, false)
		wantAdded := map[int]int{1: 2, 2: 0}[round]
		if r.Added != wantAdded || r.Already != 2-wantAdded || len(r.Problems) != 0 {
			t.Errorf("households, round %d: %+v %s", round, r, problemList(r))
		}
		for kind, file := range map[string]string{"training": training, "members": members, "health": health, "dbs": dbs} {
			if kind == "dbs" && round == 1 {
				// the members' file must have been read first: the second row is a member's
				importAs(t, im, "members", members, false)
			}
			tr := importAs(t, im, kind, file, false)
			if len(tr.Problems) != 0 || (round == 2 && tr.Added != 0) || (round == 1 && tr.Added+tr.Already != tr.Rows) {
				t.Errorf("%s, round %d: %+v %s", kind, round, tr, problemList(tr))
			}
		}
	}
	if n := st.Client.HouseholdMember.Query().CountX(t.Context()); n != 1 {
		t.Errorf("%d members, want 1", n)
	}
	if n := st.Client.DBSCheck.Query().CountX(t.Context()); n != 2 {
		t.Errorf("%d DBS checks, want 2", n)
	}
	if a := st.Client.HealthAssessment.Query().OnlyX(t.Context()); a.Outcome != "fit_with_conditions" {
		t.Errorf("health assessment %+v", a)
	}
	h := st.Client.Household.Query().Where(household.Reference("FH-0200")).WithCarers().OnlyX(t.Context())
	if h.Postcode != "TQ9 5RP" || h.ApprovedOn.String() != "2024-03-14" || len(h.Edges.Carers) != 2 ||
		st.Client.Household.Query().CountX(t.Context()) != 2 || st.Client.TrainingRecord.Query().CountX(t.Context()) != 2 {
		t.Errorf("imported %+v with %d carers; %d households, %d training records", h, len(h.Edges.Carers),
			st.Client.Household.Query().CountX(t.Context()), st.Client.TrainingRecord.Query().CountX(t.Context()))
	}
	if st.Client.TrainingRecord.Query().FirstX(t.Context()).Provider != "Devon Learning, Ltd" {
		t.Error("Excel's quoting was not read")
	}
}
