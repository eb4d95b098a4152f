package ui

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/gofiber/fiber/v3"
	"github.com/xuri/excelize/v2"

	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
)

// exportBatch is how many carers an export reads at a time.
const exportBatch = 500

// safeCell keeps a spreadsheet from running what a person typed: a value
// that starts like a formula is written as text (OWASP CSV injection).
func safeCell(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// safeRow is row with every cell passed through safeCell.
func safeRow(row []string) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = safeCell(v)
	}
	return out
}

// spreadsheetCSV writes CSV for a spreadsheet to open. Every cell of every
// row goes through safeCell, headers included (a course's title is a
// column of the training matrix), so no export can forget one. It wraps
// rather than embeds csv.Writer, whose WriteAll would go round Write.
type spreadsheetCSV struct{ w *csv.Writer }

func newSpreadsheetCSV(out io.Writer) spreadsheetCSV { return spreadsheetCSV{csv.NewWriter(out)} }

// Write writes one row, each cell made safe.
func (c spreadsheetCSV) Write(row []string) error { return c.w.Write(safeRow(row)) }

// Flush writes out what is buffered and reports any error so far.
func (c spreadsheetCSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// matrixTable is the training matrix as rows of text, as typed (each writer
// makes them safe for a spreadsheet): a header, then one row per carer,
// each course's cell its latest completion date and "expired" when it has.
func (s *Handler) matrixTable(c fiber.Ctx, each func(row []string) error) (int, error) {
	v := s.Viewer(c)
	courses, err := registry.MandatoryCourses(c.Context(), s.Store.Client)
	if err != nil {
		return 0, err
	}
	header := []string{"Household", "Carer"}
	for _, k := range courses {
		header = append(header, k.Title)
	}
	if err := each(header); err != nil {
		return 0, err
	}
	mine := v.Role == user.RoleSsw && v.UserID != 0 && c.Query("households") != "all"
	overdue := c.Query("needs") == "overdue"
	n, after := 0, 0
	for {
		carers, err := s.matrixCarers(c, v, mine, overdue, after, exportBatch)
		if err != nil || len(carers) == 0 {
			return n, err
		}
		rows, err := s.matrixRows(c, carers, courses)
		if err != nil {
			return n, err
		}
		for _, r := range rows {
			ref := ""
			if h := r.Carer.Edges.Household; h != nil {
				ref = h.Reference
			}
			row := []string{ref, r.Carer.FirstName + " " + r.Carer.LastName}
			for _, cell := range r.Cells {
				switch {
				case cell.Record == nil:
					row = append(row, "not done")
				case cell.Status == "expired":
					row = append(row, cell.Record.CompletedOn.String()+" (expired)")
				default:
					row = append(row, cell.Record.CompletedOn.String())
				}
			}
			if err := each(row); err != nil {
				return n, err
			}
			n++
		}
		after = carers[len(carers)-1].ID
	}
}

// HandleTrainingExport handles GET /training/export.csv and .xlsx: the
// whole matrix the page shows a page of, with the same filters. The file
// is built before the answer starts, so a failure is an error page, not a
// broken file; the export is audited.
func (s *Handler) HandleTrainingExport(format string) fiber.Handler {
	return func(c fiber.Ctx) error {
		var body strings.Builder
		var rows int
		var err error
		switch format {
		case "csv":
			w := newSpreadsheetCSV(&body)
			rows, err = s.matrixTable(c, w.Write)
			if err == nil {
				err = w.Flush()
			}
		default:
			rows, err = s.matrixXLSX(c, &body)
		}
		if err != nil {
			return err
		}
		if err := registry.Audit(c.Context(), s.Store.Client, s.Actor(c), auditevent.ActionExport, "training_matrix", 0,
			audit.Changes{"format": {New: format}, "rows": {New: rows}, "households": {New: c.Query("households")},
				"needs": {New: c.Query("needs")}}); err != nil {
			return err
		}
		mime := "text/csv; charset=utf-8"
		if format == "xlsx" {
			mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		}
		c.Set(fiber.HeaderContentType, mime)
		c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="training-matrix-%s.%s"`, httpx.Today(), format))
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.SendString(body.String())
	}
}

// matrixXLSX writes the matrix as one worksheet through excelize's stream
// writer, so a service's thousands of carers never sit in memory as cells.
func (s *Handler) matrixXLSX(c fiber.Ctx, out io.Writer) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Training"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return 0, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return 0, err
	}
	line := 0
	rows, err := s.matrixTable(c, func(row []string) error {
		line++
		cells := make([]any, len(row))
		for i, v := range safeRow(row) {
			cells[i] = v
		}
		cell, err := excelize.CoordinatesToCellName(1, line)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, cells)
	})
	if err != nil {
		return rows, err
	}
	if err := sw.Flush(); err != nil {
		return rows, err
	}
	bw := bufio.NewWriter(out)
	if _, err := f.WriteTo(bw); err != nil {
		return rows, err
	}
	return rows, bw.Flush()
}

// HandleComplianceExport handles GET /compliance/export.csv: every open
// item overdue or due soon (or the statuses asked), most urgent first,
// with its reason; ssw_id and kind filter as on the API. Audited.
func (s *Handler) HandleComplianceExport(c fiber.Ctx) error {
	q, err := s.ParseDueQuery(c, true)
	if err != nil {
		return err
	}
	var body strings.Builder
	w := newSpreadsheetCSV(&body)
	if err := w.Write([]string{"Household", "Check", "For", "What", "Due", "Status", "Reason"}); err != nil {
		return err
	}
	var after *registry.DuePosition
	rows := 0
	for {
		items, next, err := registry.DueList(c.Context(), s.Store.Client, q.On, q.Policy, q.Filter, q.Statuses, after, httpx.MaxPageSize)
		if err != nil {
			return err
		}
		for _, it := range items {
			j := httpx.StoredItemJSON(it, q.On, q.Policy)
			if err := w.Write([]string{j.Reference, j.Label, j.Subject.Name, j.What, j.DueOn.String(),
				j.Status, j.Reason}); err != nil {
				return err
			}
			rows++
		}
		if next == nil {
			break
		}
		after = next
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := registry.Audit(c.Context(), s.Store.Client, s.Actor(c), auditevent.ActionExport, "compliance_items", 0,
		audit.Changes{"rows": {New: rows}, "query": {New: string(c.Request().URI().QueryString())}}); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="due-%s.csv"`, q.On))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.SendString(body.String())
}
