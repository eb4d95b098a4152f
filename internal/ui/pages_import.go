package ui

import (
	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/csvimport"
)

// HandleImportPage handles GET /households/import: the form to upload a
// CSV file of households or training records.
func (s *Handler) HandleImportPage(c fiber.Ctx) error {
	return s.Render(c, fiber.StatusOK, "import", fiber.Map{"Title": "Import from a spreadsheet", "Kinds": csvimport.Kinds(),
		"KindLabels": importKindLabels, "Back": "/households"})
}

// HandleImportUpload handles POST /households/import: the file checked
// and, unless "check only" is ticked or something is wrong, written; the
// page then says what happened, row by row for any problem (422).
func (s *Handler) HandleImportUpload(c fiber.Ctx) error {
	kind := c.FormValue("kind")
	dryRun := c.FormValue("dry_run") == "yes"
	data := fiber.Map{"Title": "Import from a spreadsheet", "Kinds": csvimport.Kinds(), "KindLabels": importKindLabels, "Kind": kind,
		"DryRun": dryRun, "Back": "/households"}
	fh, err := c.FormFile("file")
	if err != nil {
		data["Errors"] = map[string]string{"file": "Choose a CSV file to import"}
		return s.Render(c, fiber.StatusUnprocessableEntity, "import", data)
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	report, err := csvimport.New(s.Store.Client, s.Valid).Import(c.Context(), s.Actor(c), s.Viewer(c), kind, f, dryRun)
	if err != nil {
		if fields := FieldsOf(err); fields != nil {
			data["Errors"] = fields
			return s.Render(c, fiber.StatusUnprocessableEntity, "import", data)
		}
		return err
	}
	data["Report"] = report
	status := fiber.StatusOK
	if len(report.Problems) > 0 {
		status = fiber.StatusUnprocessableEntity
	}
	return s.Render(c, status, "import", data)
}

// importKindLabels name the layouts on the upload page.
var importKindLabels = map[string]string{"households": "Households and their carers", "training": "Training records",
	"members": "Household members", "health": "Health assessments", "dbs": "DBS checks"}
