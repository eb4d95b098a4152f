package registry

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/approvalterms"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/predicate"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/pack"
)

// PackScope narrows a review query to the reviews whose pack the viewer
// may download: staff those of the households they may see; a panel
// member those on the agenda of a panel they sit on or chair; nobody else,
// carers included, since a pack holds what others said about them.
func (v Viewer) PackScope() []predicate.Review {
	switch v.Role {
	case user.RolePanelMember:
		return []predicate.Review{review.HasPanelItemsWith(panelitem.HasPanelWith(v.PanelScope()...))}
	case user.RoleCarer:
		return []predicate.Review{review.IDLT(0)}
	}
	return v.ReviewScope()
}

// DownloadPack assembles review id's pack for the viewer, stamped with who
// downloads it and when, from one snapshot of the registry (InSnapshot), so
// that a decision recorded meanwhile is in all of it or none; has render
// draw it; and only then audits the download, so that a pack that could
// not be drawn is not recorded as downloaded. The caller sends what render
// made only when this returns no error: if the audit entry cannot be
// written, the download fails, as every audited read does. A review the
// viewer may not download is "not found", whatever its id.
func DownloadPack(ctx context.Context, client *ent.Client, actor Actor, v Viewer, service string, id int, at time.Time,
	render func(pack.Pack) error) (pack.Pack, error) {
	var p pack.Pack
	err := InSnapshot(ctx, client, func(tx *ent.Client) error {
		r, err := tx.Review.Query().Where(review.ID(id)).Where(v.PackScope()...).
			WithHousehold().WithReviewingOfficer().WithDecidedBy().Only(ctx)
		if ent.IsNotFound(err) || (err == nil && r.Edges.Household == nil) {
			return Errorf(ENOTFOUND, "There is no review pack %d, or you cannot download it.", id)
		}
		if err != nil {
			return fmt.Errorf("read review %d: %w", id, err)
		}
		p, err = assemblePack(ctx, tx, r, service, actor.Label, at)
		return err
	})
	if err != nil {
		return pack.Pack{}, err
	}
	if err := render(p); err != nil {
		return pack.Pack{}, err
	}
	return p, Audit(ctx, client, actor, auditevent.ActionDownload, "review_pack", id,
		audit.Changes{"reference": {New: p.Reference}})
}

// assemblePack gathers everything the pack of review r shows.
func assemblePack(ctx context.Context, client *ent.Client, r *ent.Review, service, by string, at time.Time) (pack.Pack, error) {
	h := r.Edges.Household
	period, err := reviewPeriod(ctx, client, r)
	if err != nil {
		return pack.Pack{}, err
	}
	p := pack.Pack{
		Service: service, Reference: fmt.Sprintf("%s / R-%d", h.Reference, r.ID),
		Household: pack.Household{Reference: h.Reference, Address: address(h), Status: label(string(h.Status))},
		Review: pack.Review{Kind: reviewKindLabel(r.Kind), Period: period.From.Long() + " – " + period.To.Long(),
			DueOn: r.DueOn.Long(), MeetingOn: longDate(r.MeetingOn), Report: r.Report},
		DownloadedBy: by, DownloadedAt: at,
	}
	if o := r.Edges.ReviewingOfficer; o != nil {
		p.Review.ReviewingOfficer = o.Name
	}
	if r.Recommendation != nil {
		p.Review.Recommendation = label(string(*r.Recommendation))
	}
	names, carers, err := carerNames(ctx, client, r.HouseholdID)
	if err != nil {
		return pack.Pack{}, err
	}
	src := packSource{r: r, period: period, carers: carers, names: names}
	steps := []func(context.Context, *ent.Client, packSource, *pack.Pack) error{
		packPanel, packPeople, packTerms, packCompliance, packPlacements, packVisits, packContributions, packPrevious,
	}
	for _, step := range steps {
		if err := step(ctx, client, src, &p); err != nil {
			return pack.Pack{}, err
		}
	}
	return p, nil
}

// packSource is what the pack's sections are drawn from: the review, its
// period, and the household's carers, read once for every section.
type packSource struct {
	r      *ent.Review
	period ReviewPeriod
	carers []*ent.Carer
	names  map[int]string // carer id to full name
}

// packPanel names the latest panel the review is on, and who decided it.
func packPanel(ctx context.Context, client *ent.Client, src packSource, p *pack.Pack) error {
	r := src.r
	item, err := client.PanelItem.Query().Where(panelitem.ReviewID(r.ID)).WithPanel().
		Order(ent.Desc(panelitem.FieldID)).First(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return fmt.Errorf("read panel item: %w", err)
	}
	if item != nil && item.Edges.Panel != nil {
		p.Panel = pack.Panel{Name: item.Edges.Panel.Name, MeetsOn: item.Edges.Panel.MeetsOn.Long()}
	}
	if d := r.Edges.DecidedBy; d != nil {
		p.Panel.ADM = d.Name
	}
	return nil
}

// packTerms lists the terms in force during the period, latest first.
func packTerms(ctx context.Context, client *ent.Client, src packSource, p *pack.Pack) error {
	r, period := src.r, src.period
	terms, err := client.ApprovalTerms.Query().Where(approvalterms.HouseholdID(r.HouseholdID),
		approvalterms.EffectiveFromLTE(period.To),
		approvalterms.Or(approvalterms.EffectiveToIsNil(), approvalterms.EffectiveToGTE(period.From))).
		Order(ent.Desc(approvalterms.FieldEffectiveFrom)).All(ctx)
	if err != nil {
		return fmt.Errorf("read terms: %w", err)
	}
	for _, t := range terms {
		cats := make([]string, len(t.Categories))
		for i, c := range t.Categories {
			cats[i] = label(c)
		}
		notes := "From " + t.EffectiveFrom.Short()
		if t.EffectiveTo != nil {
			notes += " to " + t.EffectiveTo.Short()
		}
		if t.Notes != "" {
			notes += ". " + t.Notes
		}
		p.Terms = append(p.Terms, pack.Term{Category: strings.Join(cats, ", "),
			AgeRange: fmt.Sprintf("%d–%d", t.AgeFrom, t.AgeTo), Places: fmt.Sprint(t.NumberOfChildren), Notes: notes})
	}
	return nil
}

// packContributions shows every view gathered, in the order received.
func packContributions(ctx context.Context, client *ent.Client, src packSource, p *pack.Pack) error {
	r := src.r
	cs, err := client.Contribution.Query().Where(contribution.ReviewID(r.ID)).
		Order(ent.Asc(contribution.FieldReceivedOn), ent.Asc(contribution.FieldID)).All(ctx)
	if err != nil {
		return fmt.Errorf("read contributions: %w", err)
	}
	for _, c := range cs {
		p.Contributions = append(p.Contributions, pack.Contribution{Source: sourceLabels[c.Source],
			Author: c.AuthorName, Received: c.ReceivedOn.Short(), Text: c.Text})
	}
	return nil
}

// packPrevious shows what the last decided review recommended and what
// the decision maker made of it.
func packPrevious(ctx context.Context, client *ent.Client, src packSource, p *pack.Pack) error {
	r := src.r
	prev, err := client.Review.Query().Where(review.HouseholdID(r.HouseholdID), review.IDNEQ(r.ID),
		review.StatusEQ(review.StatusDecided), review.CreatedAtLT(r.CreatedAt.Add(time.Second))).
		Order(ent.Desc(review.FieldDecidedOn), ent.Desc(review.FieldID)).First(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read previous review: %w", err)
	}
	held := prev.DecidedOn
	if prev.MeetingOn != nil {
		held = prev.MeetingOn
	}
	o := pack.Outcome{Recommendation: "None recorded", Outcome: "Not recorded"}
	if prev.Recommendation != nil {
		o.Recommendation = label(string(*prev.Recommendation))
	}
	if prev.Outcome != nil {
		o.Outcome = label(string(*prev.Outcome)) + " on " + longDate(prev.DecidedOn)
	}
	p.Previous = &pack.PreviousReview{HeldOn: longDate(held), Recommendations: []pack.Outcome{o}}
	return nil
}

func carerNames(ctx context.Context, client *ent.Client, householdID int) (map[int]string, []*ent.Carer, error) {
	cs, err := client.Carer.Query().Where(carer.HouseholdID(householdID)).Order(ent.Asc(carer.FieldID)).All(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read carers: %w", err)
	}
	names := map[int]string{}
	for _, c := range cs {
		names[c.ID] = fullName(c.FirstName, c.LastName)
	}
	return names, cs, nil
}

func address(h *ent.Household) string {
	parts := []string{h.AddressLine1}
	if h.AddressLine2 != "" {
		parts = append(parts, h.AddressLine2)
	}
	return strings.Join(append(parts, h.Town+" "+h.Postcode), ", ")
}

func longDate(d *civil.Date) string {
	if d == nil {
		return ""
	}
	return d.Long()
}

// label turns an enum value into words: "terms_revised" → "Terms revised".
func label(v string) string {
	s := strings.ReplaceAll(v, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func reviewKindLabel(k review.Kind) string {
	switch k {
	case review.KindFirst:
		return "First review"
	case review.KindAnnual:
		return "Annual review"
	case review.KindPostAllegation:
		return "Review after an allegation"
	}
	return "Review after a change of circumstances"
}

// SourceLabel names where views came from, as a reader says it.
func SourceLabel(s contribution.Source) string { return sourceLabels[s] }

var sourceLabels = map[contribution.Source]string{
	contribution.SourceCarer: "Foster carer", contribution.SourceSsw: "Supervising social worker",
	contribution.SourceFosteredChild: "Child in placement", contribution.SourceHouseholdChild: "Child of the household",
	contribution.SourceChildSocialWorker: "Child's social worker", contribution.SourceIro: "Independent reviewing officer",
	contribution.SourcePlacingAuthority: "Placing authority", contribution.SourceOther: "Other",
}
