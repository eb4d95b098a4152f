package registry

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/ent/placement"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/internal/civil"
)

// ExpectedView is one person or body whose views a review should gather,
// derived from the household's carers, members and placements rather than
// typed by hand, and whether their views have been received.
type ExpectedView struct {
	Source         contribution.Source
	Who            string // as contributions are attributed: a name, a child's reference, an authority
	Why            string
	ContributionID *int // the views received, or nil while missing
}

// ReviewPeriod is the time a review looks back over: from the last review
// meeting held before it (or approval, for a first review) to its own
// meeting, or its due date while the meeting is not yet held.
type ReviewPeriod struct{ From, To civil.Date }

// ExpectedViews lists whose views review id should have (reg 28(3)): each
// carer; the supervising social worker; each child placed during the
// period and their social worker or IRO; each placing authority of the
// last year; and each child of the household. A view is matched to its
// contribution by source and by who it is attributed to, ignoring case.
func ExpectedViews(ctx context.Context, client *ent.Client, v Viewer, id int) ([]ExpectedView, ReviewPeriod, error) {
	r, err := VisibleReview(ctx, client, v, id)
	if err != nil {
		return nil, ReviewPeriod{}, err
	}
	period, err := reviewPeriod(ctx, client, r)
	if err != nil {
		return nil, period, err
	}
	h := r.HouseholdID
	carers, err := client.Carer.Query().Where(carer.HouseholdID(h)).Order(ent.Asc(carer.FieldID)).All(ctx)
	if err != nil {
		return nil, period, fmt.Errorf("read carers: %w", err)
	}
	members, err := client.HouseholdMember.Query().Where(householdmember.HouseholdID(h),
		householdmember.RelationshipIn(householdmember.RelationshipBirthChild, householdmember.RelationshipAdoptedChild)).
		Order(ent.Asc(householdmember.FieldID)).All(ctx)
	if err != nil {
		return nil, period, fmt.Errorf("read household members: %w", err)
	}
	yearBefore := period.To.AddYears(-1)
	placements, err := client.Placement.Query().Where(placement.HouseholdID(h), placement.StartedOnLTE(period.To),
		placement.Or(placement.EndedOnIsNil(), placement.EndedOnGTE(civil.Earliest(period.From, yearBefore)))).
		Order(ent.Asc(placement.FieldStartedOn), ent.Asc(placement.FieldID)).All(ctx)
	if err != nil {
		return nil, period, fmt.Errorf("read placements: %w", err)
	}
	given, err := client.Contribution.Query().Where(contribution.ReviewID(id)).Order(ent.Asc(contribution.FieldID)).All(ctx)
	if err != nil {
		return nil, period, fmt.Errorf("read contributions: %w", err)
	}

	var want []ExpectedView
	add := func(s contribution.Source, who, why string) {
		want = append(want, ExpectedView{Source: s, Who: who, Why: why})
	}
	for _, c := range carers {
		add(contribution.SourceCarer, fullName(c.FirstName, c.LastName), "Foster carer (reg 28(3))")
	}
	add(contribution.SourceSsw, "Supervising social worker", "Supervising social worker's report on the year")
	var authorities []string
	for _, p := range placements {
		inPeriod := p.EndedOn == nil || !p.EndedOn.Before(period.From)
		if inPeriod {
			add(contribution.SourceFosteredChild, p.ChildReference, "Child placed during the period, as their age and understanding allow (reg 28(3))")
			add(contribution.SourceChildSocialWorker, p.ChildReference, "Social worker or IRO of child "+p.ChildReference)
		}
		if !slices.ContainsFunc(authorities, func(a string) bool { return strings.EqualFold(a, p.PlacingAuthority) }) {
			authorities = append(authorities, p.PlacingAuthority)
			add(contribution.SourcePlacingAuthority, p.PlacingAuthority, "Placing authority in the last year (reg 28(3))")
		}
	}
	for _, m := range members {
		if m.MovedOutOn != nil && m.MovedOutOn.Before(period.From) {
			continue
		}
		if m.DateOfBirth != nil && !m.DateOfBirth.AddYears(18).After(period.To) {
			continue
		}
		add(contribution.SourceHouseholdChild, fullName(m.FirstName, m.LastName), "Child of the household")
	}
	matchViews(want, given)
	return want, period, nil
}

// matchViews marks each expected view received by the first unused
// contribution from the same source attributed to the same person. The
// views of a child's social worker or IRO count for either source, and
// name the child they are about: "IRO for J.S." matches child J.S.; the
// supervising social worker's views match whoever wrote them.
func matchViews(want []ExpectedView, given []*ent.Contribution) {
	used := make([]bool, len(given))
	for i := range want {
		for j, c := range given {
			if used[j] || !sameSource(want[i].Source, c.Source) || !attributedTo(want[i], c.AuthorName) {
				continue
			}
			// The carers' joint views ("Dermot Ionescu and Aoife Ionescu")
			// are each named carer's views: they stay free for the next.
			used[j] = !jointCarers(c)
			want[i].ContributionID = &given[j].ID
			break
		}
	}
}

func sameSource(want, got contribution.Source) bool {
	if want == contribution.SourceChildSocialWorker {
		return got == contribution.SourceChildSocialWorker || got == contribution.SourceIro
	}
	return want == got
}

func attributedTo(w ExpectedView, author string) bool {
	switch w.Source {
	case contribution.SourceSsw:
		return true
	case contribution.SourceChildSocialWorker:
		return strings.Contains(strings.ToLower(author), strings.ToLower(w.Who))
	case contribution.SourceCarer:
		if slices.ContainsFunc(strings.Split(author, " and "), func(name string) bool {
			return strings.EqualFold(strings.TrimSpace(name), w.Who)
		}) {
			return true
		}
	}
	return strings.EqualFold(strings.TrimSpace(author), w.Who)
}

// reviewPeriod is the period review r looks back over.
func reviewPeriod(ctx context.Context, client *ent.Client, r *ent.Review) (ReviewPeriod, error) {
	to := r.DueOn
	if r.MeetingOn != nil {
		to = *r.MeetingOn
	}
	prev, err := client.Review.Query().Where(review.HouseholdID(r.HouseholdID), review.IDNEQ(r.ID),
		review.MeetingOnNotNil(), review.MeetingOnLT(to), review.StatusNEQ(review.StatusCancelled)).
		Order(ent.Desc(review.FieldMeetingOn)).First(ctx)
	switch {
	case err == nil:
		return ReviewPeriod{From: prev.MeetingOn.AddDays(1), To: to}, nil
	case !ent.IsNotFound(err):
		return ReviewPeriod{}, fmt.Errorf("read previous review: %w", err)
	}
	h := r.Edges.Household
	if h != nil && h.ApprovedOn != nil {
		return ReviewPeriod{From: *h.ApprovedOn, To: to}, nil
	}
	return ReviewPeriod{From: to.AddYears(-1), To: to}, nil
}

// jointCarers says whether c is the foster carers' views given together,
// attributed to each of them by name, joined with "and".
func jointCarers(c *ent.Contribution) bool {
	return c.Source == contribution.SourceCarer && strings.Contains(c.AuthorName, " and ")
}
