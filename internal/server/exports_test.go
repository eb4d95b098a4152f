package server

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/xuri/excelize/v2"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/course"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestTrainingMatrixExports downloads the matrix as XLSX and CSV from a
// seeded registry: the workbook opens (read back with excelize), has a
// row per carer of an approved household, and each cell is that carer's
// latest completion of the course as the database holds it; the CSV says
// the same; a name that starts like a formula is written as text; both
// exports are audited.
func TestTrainingMatrixExports(t *testing.T) {
	t.Parallel()
	s, b := seededServer(t, 60)
	client := s.Store.Client
	storetest.Write(t, client, func(tx *ent.Client) error {
		c := tx.Carer.Query().Where(carer.HasHouseholdWith(household.StatusEQ(household.StatusApproved))).FirstX(t.Context())
		return tx.Carer.UpdateOneID(c.ID).SetFirstName("=HYPERLINK(\"x\")").Exec(t.Context())
	})
	resp, xlsx := b.get("/training/export.xlsx")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("xlsx: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(xlsx)))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	sheet, err := f.GetRows("Training")
	if err != nil {
		t.Fatal(err)
	}
	_, csvBody := b.get("/training/export.csv")
	fromCSV, err := csv.NewReader(strings.NewReader(csvBody)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	carers := client.Carer.Query().Where(carer.HasHouseholdWith(household.StatusIn(household.StatusApproved,
		household.StatusOnHold, household.StatusSuspended))).WithHousehold().Order(ent.Asc(carer.FieldID)).AllX(t.Context())
	if len(sheet) != len(carers)+1 || len(fromCSV) != len(sheet) {
		t.Fatalf("%d rows in the workbook, %d in the CSV, want %d carers and a header", len(sheet), len(fromCSV), len(carers))
	}
	courses := client.Course.Query().Where(course.Mandatory(true)).Order(ent.Asc(course.FieldTitle)).AllX(t.Context())
	for i, c := range carers {
		row := sheet[i+1]
		if row[0] != c.Edges.Household.Reference {
			t.Fatalf("row %d is household %s, want %s", i+1, row[0], c.Edges.Household.Reference)
		}
		for j, k := range courses {
			want := "not done"
			if r, err := client.TrainingRecord.Query().Where(trainingrecord.CarerID(c.ID), trainingrecord.CourseID(k.ID)).
				Order(ent.Desc(trainingrecord.FieldCompletedOn)).First(t.Context()); err == nil {
				want = r.CompletedOn.String()
			}
			got := ""
			if j+2 < len(row) {
				got = row[j+2]
			}
			if !strings.HasPrefix(got, want) {
				t.Errorf("%s %s, %s: %q, want %q", c.FirstName, c.LastName, k.Title, got, want)
			}
			if fromCSV[i+1][j+2] != got {
				t.Errorf("the CSV says %q where the workbook says %q", fromCSV[i+1][j+2], got)
			}
		}
	}
	if !strings.Contains(csvBody, `'=HYPERLINK`) {
		t.Error("a name like a formula is not written as text")
	}
	if n := client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionExport), auditevent.Entity("training_matrix")).CountX(t.Context()); n != 2 {
		t.Errorf("%d exports audited, want 2", n)
	}
}

// TestComplianceExport downloads every item overdue or due soon as CSV:
// one row for each such item the API lists, in the same order.
func TestComplianceExport(t *testing.T) {
	t.Parallel()
	s, b := seededServer(t, 40)
	resp, body := b.get("/compliance/export.csv?on=" + seedDay.String())
	if resp.StatusCode != 200 {
		t.Fatalf("%d %.200s", resp.StatusCode, body)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	api := newAPIClient(t, s, "manager")
	var want []string
	for path := "/api/v1/compliance/items?limit=200&on=" + seedDay.String(); path != ""; {
		p := decodeInto[jsonapi.DueItemsPageJSON](t, expect(t, 200)(api.send("GET", path, "")))
		for _, it := range p.Items {
			want = append(want, it.Reference+" "+it.What)
		}
		path = ""
		if p.NextCursor != "" {
			path = "/api/v1/compliance/items?limit=200&on=" + seedDay.String() + "&cursor=" + p.NextCursor
		}
	}
	if len(rows) != len(want)+1 || len(want) == 0 {
		t.Fatalf("%d rows, want %d items and a header", len(rows), len(want))
	}
	for i, w := range want {
		if got := rows[i+1][0] + " " + rows[i+1][3]; got != w {
			t.Fatalf("row %d is %q, want %q", i+1, got, w)
		}
	}
}

// TestExportHeadersAreText shows a course title that starts like a
// formula, which becomes a column header of the training matrix, is
// written as text in the CSV, as data cells are.
func TestExportHeadersAreText(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	title := "=cmd|' /C calc'!A0"
	storetest.Write(t, st.Client, func(tx *ent.Client) error {
		return tx.Course.Create().SetCode("HOSTILE").SetTitle(title).SetMandatory(true).Exec(t.Context())
	})
	b := signedIn(t, s)
	resp, body := b.get("/training/export.csv")
	if resp.StatusCode != 200 {
		t.Fatalf("export: %d %.200s", resp.StatusCode, body)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("read the CSV: %v", err)
	}
	for _, cell := range rows[0] {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			t.Errorf("header cell %q starts like a formula", cell)
		}
	}
	if !slices.Contains(rows[0], "'"+title) {
		t.Errorf("header %q, want the course title kept as text: %q", rows[0], "'"+title)
	}
}
