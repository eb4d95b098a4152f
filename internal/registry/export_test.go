package registry

import "github.com/hearth-registry/hearth/ent"

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
