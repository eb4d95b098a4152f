package registry

import (
	"context"
	"fmt"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/civil"
)

// TermsFields are one period of a household's terms of approval, checked
// and typed.
type TermsFields struct {
	Categories                       []string
	NumberOfChildren, AgeFrom, AgeTo int
	Notes, Decision                  string
	EffectiveFrom                    civil.Date
	EffectiveTo                      *civil.Date
	ReviewID                         *int
}

// values lists the fields as the audit trail records them.
func (f TermsFields) values() map[string]any {
	return map[string]any{"categories": strings.Join(f.Categories, ","), "number_of_children": f.NumberOfChildren,
		"age_from": f.AgeFrom, "age_to": f.AgeTo, "notes": f.Notes, "decision": f.Decision,
		"effective_from": f.EffectiveFrom.String(), "effective_to": dateValue(f.EffectiveTo), "review_id": intValue(f.ReviewID)}
}

func termsFieldsOf(t *ent.ApprovalTerms) TermsFields {
	return TermsFields{Categories: t.Categories, NumberOfChildren: t.NumberOfChildren, AgeFrom: t.AgeFrom, AgeTo: t.AgeTo,
		Notes: t.Notes, Decision: t.Decision, EffectiveFrom: t.EffectiveFrom, EffectiveTo: t.EffectiveTo, ReviewID: t.ReviewID}
}

// CheckTerms adds to fields what is wrong with f for household householdID:
// a deciding review that is not one of the household's.
func CheckTerms(ctx context.Context, client *ent.Client, householdID int, f TermsFields, fields map[string]string) error {
	if f.ReviewID == nil {
		return nil
	}
	ok, err := client.Review.Query().Where(review.ID(*f.ReviewID), review.HouseholdID(householdID)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check terms review: %w", err)
	}
	if !ok {
		fields["review_id"] = "Choose a review of this household"
	}
	return nil
}

// CreateTerms records a household's new terms of approval and audits them.
// New open-ended terms close the current ones the day before they take
// effect, so the history never shows two sets of terms at once.
func CreateTerms(ctx context.Context, client *ent.Client, actor Actor, v Viewer, householdID int, f TermsFields) (*ent.ApprovalTerms, error) {
	var t *ent.ApprovalTerms
	err := InTx(ctx, client, func(tx *ent.Client) error {
		h, err := visibleHousehold(ctx, tx, v, householdID)
		if err != nil {
			return err
		}
		if !v.MayChangeTerms(h.SswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker, a manager or the decision maker can record its terms of approval.")
		}
		current, err := tx.ApprovalTerms.Query().Where(approvalterms.HouseholdID(householdID), approvalterms.EffectiveToIsNil()).All(ctx)
		if err != nil {
			return fmt.Errorf("read current terms: %w", err)
		}
		if err := invalidIfAny(func(fields map[string]string) error {
			for _, c := range current {
				if f.EffectiveTo == nil && !c.EffectiveFrom.Before(f.EffectiveFrom) {
					fields["effective_from"] = "The date the terms take effect must be after " + c.EffectiveFrom.Long() + ", when the current terms took effect"
				}
			}
			return CheckTerms(ctx, tx, householdID, f, fields)
		}); err != nil {
			return err
		}
		for _, c := range current {
			if f.EffectiveTo == nil {
				if err := closeTerms(ctx, tx, actor, c, f.EffectiveFrom.AddDays(-1)); err != nil {
					return err
				}
			}
		}
		t, err = tx.ApprovalTerms.Create().SetHouseholdID(householdID).SetCategories(f.Categories).
			SetNumberOfChildren(f.NumberOfChildren).SetAgeFrom(f.AgeFrom).SetAgeTo(f.AgeTo).SetNotes(f.Notes).
			SetDecision(f.Decision).SetEffectiveFrom(f.EffectiveFrom).SetNillableEffectiveTo(f.EffectiveTo).
			SetNillableReviewID(f.ReviewID).Save(ctx)
		if err != nil {
			return fmt.Errorf("create terms: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionCreate, "approval_terms", t.ID, created(f.values()))
	})
	return t, err
}

// closeTerms ends current terms on the day before new ones take effect.
func closeTerms(ctx context.Context, tx *ent.Client, actor Actor, c *ent.ApprovalTerms, on civil.Date) error {
	if err := tx.ApprovalTerms.UpdateOneID(c.ID).Where(approvalterms.Version(c.Version)).SetEffectiveTo(on).Exec(ctx); err != nil {
		if ent.IsNotFound(err) {
			return stale("current terms", c.Version, c.Version+1)
		}
		return fmt.Errorf("close terms %d: %w", c.ID, err)
	}
	return Audit(ctx, tx, actor, auditevent.ActionUpdate, "approval_terms", c.ID, changed(
		map[string]any{"effective_to": nil}, map[string]any{"effective_to": on.String()}))
}

// UpdateTerms corrects one period of terms, if the viewer may record the
// household's terms and the version is the one they read; the change is
// audited field by field.
func UpdateTerms(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id, version int, f TermsFields) (*ent.ApprovalTerms, error) {
	var t *ent.ApprovalTerms
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, h, err := visibleTerms(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !v.MayChangeTerms(h.SswID) {
			return Errorf(EFORBIDDEN, "Only the household's supervising social worker, a manager or the decision maker can change its terms of approval.")
		}
		if old.Version != version {
			return stale("terms of approval", version, old.Version)
		}
		if err := invalidIfAny(func(fields map[string]string) error { return CheckTerms(ctx, tx, h.ID, f, fields) }); err != nil {
			return err
		}
		changes := changed(termsFieldsOf(old).values(), f.values())
		if len(changes) == 0 {
			t = old
			return nil
		}
		u := tx.ApprovalTerms.UpdateOneID(id).Where(approvalterms.Version(version)).SetCategories(f.Categories).
			SetNumberOfChildren(f.NumberOfChildren).SetAgeFrom(f.AgeFrom).SetAgeTo(f.AgeTo).SetNotes(f.Notes).
			SetDecision(f.Decision).SetEffectiveFrom(f.EffectiveFrom)
		setOrClear(f.EffectiveTo, u.SetEffectiveTo, u.ClearEffectiveTo)
		setOrClear(f.ReviewID, u.SetReviewID, u.ClearReviewID)
		t, err = u.Save(ctx)
		if ent.IsNotFound(err) {
			return stale("terms of approval", version, version+1)
		}
		if err != nil {
			return fmt.Errorf("update terms: %w", err)
		}
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "approval_terms", id, changes)
	})
	return t, err
}

// ViewTerms reads one period of terms the viewer may see, and records that
// they saw it.
func ViewTerms(ctx context.Context, client *ent.Client, actor Actor, v Viewer, id int) (*ent.ApprovalTerms, error) {
	t, _, err := visibleTerms(ctx, client, v, id)
	if err != nil {
		return nil, err
	}
	return t, Audit(ctx, client, actor, auditevent.ActionView, "approval_terms", id, nil)
}

// visibleTerms reads live terms of a household the viewer may see, and the
// household.
func visibleTerms(ctx context.Context, client *ent.Client, v Viewer, id int) (*ent.ApprovalTerms, *ent.Household, error) {
	notFound := Errorf(ENOTFOUND, "There are no terms of approval %d, or you cannot see them.", id)
	t, err := client.ApprovalTerms.Query().Where(approvalterms.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, notFound
	}
	if err != nil {
		return nil, nil, err
	}
	h, err := visibleHousehold(ctx, client, v, t.HouseholdID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil, notFound
	}
	return t, h, err
}
