package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
)

// ContributionFields are the editable fields of views gathered for a
// review, checked and typed.
type ContributionFields struct {
	Source     contribution.Source
	AuthorName string
	ReceivedOn civil.Date
	Text       string
}

// values lists the fields as the audit trail records them.
func (f ContributionFields) values() map[string]any {
	return map[string]any{"source": string(f.Source), "author_name": f.AuthorName,
		"received_on": f.ReceivedOn.String(), "text": f.Text}
}

func contributionFieldsOf(c *ent.Contribution) ContributionFields {
	return ContributionFields{Source: c.Source, AuthorName: c.AuthorName, ReceivedOn: c.ReceivedOn, Text: c.Text}
}

// CreateContribution records views gathered for a review and audits it.
// Nobody adds views to a review that has been decided or cancelled
// (takesViews). Staff who gather views may record anyone's; a carer sends
// only their own, as carersOwnViews decides.
func CreateContribution(ctx context.Context, client *ent.Client, actor Actor, v Viewer, reviewID int, f ContributionFields) (*ent.Contribution, error) {
	var c *ent.Contribution
	err := InTx(ctx, client, func(tx *ent.Client) error {
		r, err := VisibleReview(ctx, tx, v, reviewID)
		if err != nil {
			return err
		}
		if v.Role != user.RoleCarer && !v.MayGatherViews(r, r.Edges.Household.SswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker, a manager or the review's reviewing officer can record views for this review.")
		}
		if err := takesViews(r); err != nil {
			return err
		}
		if v.Role == user.RoleCarer {
			if f, err = carersOwnViews(ctx, tx, v, r, f); err != nil {
				return err
			}
		}
		create := tx.Contribution.Create().SetReviewID(reviewID).SetSource(f.Source).SetAuthorName(f.AuthorName).
			SetReceivedOn(f.ReceivedOn).SetText(f.Text)
		if v.UserID != 0 {
			create.SetAuthorID(v.UserID)
		}
		if c, err = create.Save(ctx); err != nil {
			return fmt.Errorf("create contribution: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "contribution", c.ID, created(f.values()))
	})
	return c, err
}

// UpdateContribution replaces a contribution's fields, if the viewer may
// gather views for its review, the review is still open to them
// (takesViews) and the version is the one they read.
func UpdateContribution(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f ContributionFields) (*ent.Contribution, error) {
	var c *ent.Contribution
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, r, err := visibleContribution(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !v.MayGatherViews(r, r.Edges.Household.SswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker, a manager or the review's reviewing officer can change the views gathered for this review.")
		}
		if err := takesViews(r); err != nil {
			return err
		}
		if old.Version != version {
			return stale("contribution", version, old.Version)
		}
		changes := changed(contributionFieldsOf(old).values(), f.values())
		if len(changes) == 0 {
			c = old
			return nil
		}
		c, err = tx.Contribution.UpdateOneID(id).Where(contribution.Version(version)).SetSource(f.Source).
			SetAuthorName(f.AuthorName).SetReceivedOn(f.ReceivedOn).SetText(f.Text).Save(ctx)
		if ent.IsNotFound(err) {
			return stale("contribution", version, version+1)
		}
		if err != nil {
			return fmt.Errorf("update contribution: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "contribution", id, changes)
	})
	return c, err
}

// ArchiveContribution archives a contribution, if the viewer may gather
// views for its review and the version is the one they read.
func ArchiveContribution(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int) error {
	return InTx(ctx, client, func(tx *ent.Client) error {
		old, r, err := visibleContribution(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !v.MayGatherViews(r, r.Edges.Household.SswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker, a manager or the review's reviewing officer can archive the views gathered for this review.")
		}
		if old.Version != version {
			return stale("contribution", version, old.Version)
		}
		if err := tx.Contribution.DeleteOneID(id).Where(contribution.Version(version)).Exec(ctx); err != nil {
			return savedOrStale(err, "contribution", version)
		}
		return Audit(ctx, tx, actor, auditevent.ActionArchive, "contribution", id, nil)
	})
}

// ViewContribution reads one contribution the viewer may see, and records
// that they saw it.
func ViewContribution(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.Contribution, error) {
	c, _, err := visibleContribution(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	return c, Audit(ctx, client, actor, auditevent.ActionView, "contribution", id, nil)
}

// visibleContribution reads a live contribution the viewer may see, and its
// review, which must be one they may see too.
func visibleContribution(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.Contribution, *ent.Review, error) {
	notFound := Errorf(ENOTFOUND, "There are no views %d, or you cannot see them.", id)
	c, err := client.Contribution.Query().Where(contribution.ID(id)).Where(v.ContributionScope()...).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, notFound
	}
	if err != nil {
		return nil, nil, err
	}
	r, err := VisibleReview(ctx, client, v, c.ReviewID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil, notFound
	}
	return c, r, err
}
