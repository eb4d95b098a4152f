package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
)

// mine refuses a carer record that is not the viewer's own: the carer
// pages read only what belongs to the account signed in.
func mine(v Viewer, me *ent.Carer) error {
	if me == nil || me.UserID == nil || v.UserID == 0 || *me.UserID != v.UserID {
		return Errorf(ENOTFOUND, "There is no carer record linked to your account.")
	}
	return nil
}

// MyTrainingRecords are the training records of the viewer's own carer
// record me, latest completion first, each with its course.
func MyTrainingRecords(ctx context.Context, client *ent.Client, v Viewer, me *ent.Carer) ([]*ent.TrainingRecord, error) {
	if err := mine(v, me); err != nil {
		return nil, err
	}
	records, err := client.TrainingRecord.Query().Where(trainingrecord.CarerID(me.ID)).WithCourse().
		Order(ent.Desc(trainingrecord.FieldCompletedOn), ent.Asc(trainingrecord.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the carer's training: %w", err)
	}
	return records, nil
}

// MyHouseholdCarers are the carers of the household of the viewer's own
// carer record me: the names "My household" shows, nothing more.
func MyHouseholdCarers(ctx context.Context, client *ent.Client, v Viewer, me *ent.Carer) ([]*ent.Carer, error) {
	if err := mine(v, me); err != nil {
		return nil, err
	}
	return householdCarers(ctx, client, me.HouseholdID)
}

// ViewsSent are the views given for review r that the viewer may see: for
// a carer, the ones they sent themselves.
func ViewsSent(ctx context.Context, client *ent.Client, v Viewer, r *ent.Review) ([]*ent.Contribution, error) {
	sent, err := client.Contribution.Query().Where(contribution.ReviewID(r.ID)).Where(v.ContributionScope()...).
		Order(ent.Asc(contribution.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the views sent: %w", err)
	}
	return sent, nil
}
