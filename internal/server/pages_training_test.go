package server

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/ui"
)

// TestTrainingMatrixPages shows the service-wide matrix a page of 50
// carers at a time, as many carers across the pages as approved households have, and the "overdue"
// filter keeping exactly the carers the stored due items say are overdue.
func TestTrainingMatrixPages(t *testing.T) {
	t.Parallel()
	s, b := seededServer(t, 60)
	client := s.Store.Client
	rows := 0
	for path := "/training"; path != ""; {
		resp, page := b.get(path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		n := strings.Count(page, `<tr class="govuk-table__row">`) - 1 // less the header
		if n > ui.MatrixPageSize {
			t.Errorf("%d rows on a page", n)
		}
		rows += n
		path = ""
		if m := regexp.MustCompile(`href="(/training\?[^"]*cursor=\d+)"`).FindStringSubmatch(page); m != nil {
			path = strings.ReplaceAll(m[1], "&amp;", "&")
		}
	}
	want := client.Carer.Query().Where(carer.HasHouseholdWith(household.StatusIn(household.StatusApproved,
		household.StatusOnHold, household.StatusSuspended))).CountX(t.Context())
	if rows != want || want <= ui.MatrixPageSize {
		t.Errorf("%d carers across the pages, want the %d of approved households (more than a page)", rows, want)
	}
	_, page := b.get("/training?needs=overdue")
	overdue := client.DueItem.Query().Where(dueitem.KindIn("training", "tsd_standards"), dueitem.SubjectKind("carer"),
		dueitem.DueOnLT(httpx.Today())).Unique(true).Select(dueitem.FieldSubjectID).IntsX(t.Context())
	if got := strings.Count(page, `<tr class="govuk-table__row">`) - 1; got != min(len(overdue), ui.MatrixPageSize) {
		t.Errorf("overdue filter shows %d carers, want %d", got, min(len(overdue), ui.MatrixPageSize))
	}
	if len(overdue) == 0 {
		t.Fatal("the seeded service has nobody overdue: the filter is not tested")
	}
}
