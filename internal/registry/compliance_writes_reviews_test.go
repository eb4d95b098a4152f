package registry_test

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/schema"
)

func createReview(w *writer) (string, error) {
	h, err := w.household()
	if err != nil {
		return "", err
	}
	k := oneOf(w, review.KindFirst, review.KindAnnual, review.KindPostAllegation, review.KindChangeOfCircumstances)
	r, err := w.tx.Review.Create().SetHouseholdID(h).SetKind(k).SetDueOn(w.date()).
		SetNillableMeetingOn(w.maybeDate(0.6)).SetPanelRequired(k == review.KindFirst).Save(w.ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s review %d of household %d due %s, meeting %s", k, r.ID, h, r.DueOn, show(r.MeetingOn)), nil
}

// updateReview picks a review, one matching prefer if there is one,
// created when there is none, and applies set.
func updateReview(w *writer, prefer []predicate.Review, set func(*ent.ReviewUpdateOne) string) (string, error) {
	ids, err := w.tx.Review.Query().Where(prefer...).IDs(w.ctx)
	if err == nil && len(ids) == 0 {
		ids, err = w.tx.Review.Query().IDs(w.ctx)
	}
	id, err := w.pick(ids, err)
	if id == 0 || err != nil {
		return w.orCreate(err, createReview)
	}
	u := w.tx.Review.UpdateOneID(id)
	what := set(u)
	return fmt.Sprintf("review %d: %s", id, what), u.Exec(w.ctx)
}

func setReviewStatus(w *writer) (string, error) {
	return updateReview(w, nil, func(u *ent.ReviewUpdateOne) string {
		s := oneOf(w, review.StatusScheduled, review.StatusGatheringViews, review.StatusReportWritten,
			review.StatusAwaitingPanel, review.StatusDecided, review.StatusCancelled)
		u.SetStatus(s)
		return "status " + string(s)
	})
}

func setMeetingOn(w *writer) (string, error) {
	return updateReview(w, nil, func(u *ent.ReviewUpdateOne) string {
		d := w.maybeDate(0.3)
		if u.SetNillableMeetingOn(d); d == nil {
			u.ClearMeetingOn()
		}
		return "meeting_on " + show(d)
	})
}

func decideReview(w *writer) (string, error) {
	return updateReview(w, nil, func(u *ent.ReviewUpdateOne) string {
		o, d := oneOf(w, review.OutcomeApprovalContinues, review.OutcomeTermsRevised, review.OutcomeApprovalTerminated), w.maybeDate(0.3)
		agreed := w.chance(0.5)
		u.SetStatus(review.StatusDecided).SetOutcome(o).SetNillableDecidedOn(d).SetCarerAgreedToChange(agreed)
		return fmt.Sprintf("decided %s on %s, carer agreed %t", o, show(d), agreed)
	})
}

func setNoticeSent(w *writer) (string, error) {
	decided := []predicate.Review{review.StatusEQ(review.StatusDecided)}
	return updateReview(w, decided, func(u *ent.ReviewUpdateOne) string {
		d := w.maybeDate(0.3)
		if u.SetNillableNoticeSentOn(d); d == nil {
			u.ClearNoticeSentOn()
		}
		return "notice_sent_on " + show(d)
	})
}

func setAllegationConcluded(w *writer) (string, error) {
	allegations := []predicate.Review{review.KindEQ(review.KindPostAllegation)}
	return updateReview(w, allegations, func(u *ent.ReviewUpdateOne) string {
		d := w.maybeDate(0.3)
		if u.SetNillableAllegationConcludedOn(d); d == nil {
			u.ClearAllegationConcludedOn()
		}
		return "allegation_concluded_on " + show(d)
	})
}

func archiveReview(w *writer) (string, error) {
	id, err := w.pick(w.tx.Review.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createReview)
	}
	return fmt.Sprintf("review %d", id), w.tx.Review.DeleteOneID(id).Exec(w.ctx)
}

func createPanel(w *writer) (string, error) {
	w.next++
	p, err := w.tx.Panel.Create().SetName(fmt.Sprintf("Panel %d", w.next)).SetMeetsOn(w.date()).Save(w.ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("panel %d meets %s", p.ID, p.MeetsOn), nil
}

func movePanel(w *writer) (string, error) {
	id, err := w.pick(w.tx.Panel.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createPanel)
	}
	w.next++
	d, name := w.date(), fmt.Sprintf("Panel %d", w.next)
	return fmt.Sprintf("panel %d: %s meets %s", id, name, d),
		w.tx.Panel.UpdateOneID(id).SetName(name).SetMeetsOn(d).Exec(w.ctx)
}

func createPanelItem(w *writer) (string, error) {
	p, err := w.pick(w.tx.Panel.Query().IDs(w.ctx))
	if p == 0 || err != nil {
		return w.orCreate(err, createPanel)
	}
	r, err := w.pick(w.tx.Review.Query().IDs(w.ctx))
	if r == 0 || err != nil {
		return w.orCreate(err, createReview)
	}
	taken, err := w.tx.PanelItem.Query().Where(panelitem.PanelID(p), panelitem.ReviewID(r)).Exist(schema.IncludeArchived(w.ctx))
	if taken || err != nil {
		return w.orCreate(err, createPanel) // the next draw may find a free pair
	}
	i, err := w.tx.PanelItem.Create().SetPanelID(p).SetReviewID(r).SetPosition(1 + w.rng.IntN(5)).
		SetNillablePapersSentOn(w.maybeDate(0.8)).Save(w.ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("panel item %d: review %d to panel %d, papers sent %s", i.ID, r, p, show(i.PapersSentOn)), nil
}

// updatePanelItem picks a panel item, created when there is none, and
// applies set.
func updatePanelItem(w *writer, set func(*ent.PanelItemUpdateOne) string) (string, error) {
	id, err := w.pick(w.tx.PanelItem.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createPanelItem)
	}
	u := w.tx.PanelItem.UpdateOneID(id)
	what := set(u)
	return fmt.Sprintf("panel item %d: %s", id, what), u.Exec(w.ctx)
}

func setPapersSent(w *writer) (string, error) {
	return updatePanelItem(w, func(u *ent.PanelItemUpdateOne) string {
		d := w.maybeDate(0.3)
		if u.SetNillablePapersSentOn(d); d == nil {
			u.ClearPapersSentOn()
		}
		return "papers_sent_on " + show(d)
	})
}

func setRecommended(w *writer) (string, error) {
	return updatePanelItem(w, func(u *ent.PanelItemUpdateOne) string {
		d := w.maybeDate(0.3)
		if u.SetNillableRecommendedOn(d); d == nil {
			u.ClearRecommendedOn()
		}
		return "recommended_on " + show(d)
	})
}

func archivePanelItem(w *writer) (string, error) {
	id, err := w.pick(w.tx.PanelItem.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createPanelItem)
	}
	return fmt.Sprintf("panel item %d", id), w.tx.PanelItem.DeleteOneID(id).Exec(w.ctx)
}

func createTerms(w *writer) (string, error) {
	h, err := w.household()
	if err != nil {
		return "", err
	}
	cats := []string{oneOf(w, categories...)}
	if w.chance(0.3) {
		cats = append(cats, oneOf(w, categories...))
	}
	slices.Sort(cats)
	cats = slices.Compact(cats)
	c := w.tx.ApprovalTerms.Create().SetHouseholdID(h).SetCategories(cats).SetNumberOfChildren(1 + w.rng.IntN(3)).
		SetAgeFrom(0).SetAgeTo(17).SetEffectiveFrom(w.date()).SetNillableEffectiveTo(w.maybeDate(0.8)).
		SetDecision("approved by the agency decision maker")
	r, err := w.pick(w.tx.Review.Query().Where(review.HouseholdID(h)).IDs(w.ctx))
	if err != nil {
		return "", err
	}
	if r != 0 && w.chance(0.5) {
		c.SetReviewID(r)
	}
	t, err := c.Save(w.ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("terms %d for household %d: %v from %s to %s, review %s", t.ID, h, cats, t.EffectiveFrom,
		show(t.EffectiveTo), showID(t.ReviewID)), nil
}

func closeTerms(w *writer) (string, error) {
	id, err := w.pick(w.tx.ApprovalTerms.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createTerms)
	}
	d := w.maybeDate(0.4)
	u := w.tx.ApprovalTerms.UpdateOneID(id).SetNillableEffectiveTo(d)
	if d == nil {
		u.ClearEffectiveTo()
	}
	return fmt.Sprintf("terms %d: effective_to %s", id, show(d)), u.Exec(w.ctx)
}

func createCourse(w *writer) (string, error) {
	w.next++
	c := w.tx.Course.Create().SetCode(fmt.Sprintf("C%03d", w.next)).SetTitle(fmt.Sprintf("Course %d", w.next)).
		SetMandatory(w.chance(0.8)).SetValidityMonths(oneOf(w, 0, 12, 36))
	if w.chance(0.4) {
		c.SetAppliesToCategories([]string{oneOf(w, categories...)})
	}
	k, err := c.Save(w.ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("course %d, mandatory %t, valid %d months, for %v", k.ID, k.Mandatory, k.ValidityMonths, k.AppliesToCategories), nil
}

func changeCourse(w *writer) (string, error) {
	id, err := w.pick(w.tx.Course.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createCourse)
	}
	u, what := w.tx.Course.UpdateOneID(id), ""
	switch w.rng.IntN(4) {
	case 0:
		m := w.chance(0.6)
		u.SetMandatory(m)
		what = fmt.Sprintf("mandatory %t", m)
	case 1:
		v := oneOf(w, 0, 6, 12, 36)
		u.SetValidityMonths(v)
		what = fmt.Sprintf("validity_months %d", v)
	case 2:
		if w.chance(0.5) {
			u.ClearAppliesToCategories()
			what = "applies to everyone"
		} else {
			c := oneOf(w, categories...)
			u.SetAppliesToCategories([]string{c})
			what = "applies to " + c
		}
	default:
		w.next++
		u.SetTitle(fmt.Sprintf("Course %d", w.next))
		what = "renamed"
	}
	return fmt.Sprintf("course %d: %s", id, what), u.Exec(w.ctx)
}

func archiveCourse(w *writer) (string, error) {
	id, err := w.pick(w.tx.Course.Query().IDs(w.ctx))
	if id == 0 || err != nil {
		return w.orCreate(err, createCourse)
	}
	return fmt.Sprintf("course %d", id), w.tx.Course.DeleteOneID(id).Exec(w.ctx)
}

// policySettings are the policy's columns with values to draw from, the
// defaults among them.
var policySettings = []struct {
	name   string
	values []int
}{
	{"warning_days", []int{14, 30, 60, 90}},
	{"health_renewal_months", []int{12, 24, 36}},
	{"dbs_renewal_months", []int{12, 24, 36}},
	{"supervisory_visit_days", []int{28, 42, 56}},
	{"post_allegation_review_days", []int{28, 42}},
	{"new_carer_training_months", []int{6, 12, 18}},
}

// setServicePolicy saves the policy with every setting drawn afresh, or
// changes just one of them: the warning window alone moves no due date, so
// the hook skips the service-wide refresh for it.
func setServicePolicy(w *writer) (string, error) {
	ids, err := w.tx.ServicePolicy.Query().IDs(w.ctx)
	if err != nil {
		return "", err
	}
	one := len(ids) > 0 && w.chance(0.5)
	only := w.rng.IntN(len(policySettings))
	var what []string
	draw := func(m *ent.ServicePolicyMutation) error {
		for i, set := range policySettings {
			if one && i != only {
				continue
			}
			v := oneOf(w, set.values...)
			if err := m.SetField(set.name, v); err != nil {
				return err
			}
			what = append(what, fmt.Sprintf("%s %d", set.name, v))
		}
		return nil
	}
	if len(ids) == 0 {
		c := w.tx.ServicePolicy.Create()
		if err := draw(c.Mutation()); err != nil {
			return "", err
		}
		return "create: " + strings.Join(what, ", "), c.Exec(w.ctx)
	}
	u := w.tx.ServicePolicy.UpdateOneID(ids[0])
	if err := draw(u.Mutation()); err != nil {
		return "", err
	}
	return "update: " + strings.Join(what, ", "), u.Exec(w.ctx)
}
