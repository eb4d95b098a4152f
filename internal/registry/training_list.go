package registry

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/internal/civil"
)

// TrainingFilter chooses a page of a training list: of one course, of one
// carer, expired or not as of On, expiring before a date; up to Limit
// records made before the record Before (an id). Lists are in the order
// the records were made, newest first: the primary key orders two million
// rows without a sort.
type TrainingFilter struct {
	Course, Carer int
	Expired       *bool
	On            civil.Date
	ExpiresBefore *civil.Date
	Before, Limit int
}

// TrainingRecords reads the page of training records f chooses among
// those the viewer may see.
func TrainingRecords(ctx context.Context, client *ent.Client, v Viewer, f TrainingFilter) ([]*ent.TrainingRecord, error) {
	q := client.TrainingRecord.Query().Where(v.TrainingScope()...)
	if f.Course != 0 {
		q.Where(trainingrecord.CourseID(f.Course))
	}
	if f.Carer != 0 {
		q.Where(trainingrecord.CarerID(f.Carer))
	}
	switch {
	case f.Expired == nil:
	case *f.Expired:
		q.Where(trainingrecord.ExpiresOnLT(f.On))
	default:
		q.Where(trainingrecord.Or(trainingrecord.ExpiresOnIsNil(), trainingrecord.ExpiresOnGTE(f.On)))
	}
	if f.ExpiresBefore != nil {
		q.Where(trainingrecord.ExpiresOnLT(*f.ExpiresBefore))
	}
	if f.Before != 0 {
		q.Where(trainingrecord.IDLT(f.Before))
	}
	rows, err := q.Order(trainingrecord.ByID(sql.OrderDesc())).Limit(f.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the training records: %w", err)
	}
	return rows, nil
}
