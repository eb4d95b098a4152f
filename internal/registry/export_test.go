package registry

import (
	"context"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// CarerItems is what carer carerID of household householdID is shown,
// read as CarerDates reads it (their records alone), and what the whole
// household's assessment keeps for them: for the test that the two agree.
func CarerItems(ctx context.Context, client *ent.Client, householdID, carerID int) (scoped, whole []compliance.Item, err error) {
	if scoped, _, err = carerItems(ctx, client, householdID, carerID); err != nil {
		return nil, nil, err
	}
	_, all, _, err := HouseholdCompliance(ctx, client, householdID)
	return scoped, carersOwn(all, carerID), err
}

// CommitViews commits creates as one batch of the view log, past record's
// checks, and returns what each request is told: for tests of a batch
// record would never form.
func CommitViews(l *ViewLog, creates ...*ent.AuditEventCreate) []error {
	batch := make([]viewRequest, len(creates))
	for i, c := range creates {
		batch[i] = viewRequest{create: c, done: make(chan error, 1)}
	}
	l.commit(batch)
	errs := make([]error, len(batch))
	for i, req := range batch {
		errs[i] = <-req.done
	}
	return errs
}
