package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/dbscheck"
	"github.com/hearth-registry/hearth/ent/healthassessment"
	"github.com/hearth-registry/hearth/ent/householdmember"
	"github.com/hearth-registry/hearth/ent/placement"
	"github.com/hearth-registry/hearth/ent/trainingrecord"
	"github.com/hearth-registry/hearth/ent/visit"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/pack"
)

// packPeople lists the carers and the other members of the household.
func packPeople(ctx context.Context, client *ent.Client, src packSource, p *pack.Pack) error {
	r := src.r
	for _, c := range src.carers {
		p.Carers = append(p.Carers, pack.Person{Name: fullName(c.FirstName, c.LastName), Relationship: "Carer", Born: shortDate(c.DateOfBirth)})
	}
	members, err := client.HouseholdMember.Query().Where(householdmember.HouseholdID(r.HouseholdID)).
		Order(ent.Asc(householdmember.FieldID)).All(ctx)
	if err != nil {
		return fmt.Errorf("read household members: %w", err)
	}
	for _, m := range members {
		rel := label(string(m.Relationship))
		if m.MovedOutOn != nil {
			rel += " (moved out " + m.MovedOutOn.Short() + ")"
		}
		p.Members = append(p.Members, pack.Person{Name: fullName(m.FirstName, m.LastName), Relationship: rel, Born: shortDate(m.DateOfBirth)})
	}
	return nil
}

// packCompliance shows the household's items as the rules assess them
// today, with the training record and the health and DBS checks each
// item is about.
func packCompliance(ctx context.Context, client *ent.Client, src packSource, p *pack.Pack) error {
	r := src.r
	_, items, policy, err := HouseholdCompliance(ctx, client, r.HouseholdID)
	if err != nil {
		return err
	}
	today := civil.Today(p.DownloadedAt)
	status := func(it compliance.Item) string {
		return statusLabels[it.StatusOn(today, policy.WarningDaysFor(it.Kind))]
	}
	latest := map[compliance.Kind]map[int]compliance.Item{compliance.HealthAssessment: {}, compliance.DBSCheck: {}}
	for _, it := range items {
		if it.Standing == compliance.NotApplicable {
			continue
		}
		p.Compliance = append(p.Compliance, pack.Item{What: it.What, For: it.Subject.Name, DueOn: it.DueOn.Short(),
			Status: status(it), Reason: it.Reason})
		switch it.Kind {
		case compliance.TSDStandards:
			p.Training = append(p.Training, pack.Training{Carer: it.Subject.Name, Course: "TSD standards",
				Expires: it.DueOn.Short(), Status: status(it)})
		case compliance.Training:
			if it.Standing == compliance.Open {
				p.Training = append(p.Training, pack.Training{Carer: it.Subject.Name, Course: it.What,
					Completed: "Not recorded", Expires: "Due " + it.DueOn.Short(), Status: status(it)})
			}
		case compliance.HealthAssessment, compliance.DBSCheck:
			latest[it.Kind][it.Subject.ID] = it
		}
	}
	if err := packTraining(ctx, client, src, today, p); err != nil {
		return err
	}
	return packChecks(ctx, client, src, latest, status, p)
}

// packTraining lists every course each carer has completed.
func packTraining(ctx context.Context, client *ent.Client, src packSource, today civil.Date, p *pack.Pack) error {
	names := src.names
	ids := make([]int, len(src.carers))
	for i, c := range src.carers {
		ids[i] = c.ID
	}
	records, err := client.TrainingRecord.Query().Where(trainingrecord.CarerIDIn(ids...)).WithCourse().
		Order(ent.Asc(trainingrecord.FieldCarerID), ent.Desc(trainingrecord.FieldCompletedOn), ent.Asc(trainingrecord.FieldID)).All(ctx)
	if err != nil {
		return fmt.Errorf("read training: %w", err)
	}
	for _, t := range records {
		status, course := "Current", ""
		if t.ExpiresOn != nil && t.ExpiresOn.Before(today) {
			status = "Expired"
		}
		if t.Edges.Course != nil {
			course = t.Edges.Course.Title
		}
		expires := "Does not expire"
		if t.ExpiresOn != nil {
			expires = t.ExpiresOn.Short()
		}
		p.Training = append(p.Training, pack.Training{Carer: names[t.CarerID], Course: course,
			Completed: t.CompletedOn.Short(), Expires: expires, Status: status})
	}
	return nil
}

// packChecks shows each carer's latest health assessment and DBS check,
// with the date the rules say the next is due.
func packChecks(ctx context.Context, client *ent.Client, src packSource, due map[compliance.Kind]map[int]compliance.Item,
	status func(compliance.Item) string, p *pack.Pack) error {
	names := src.names
	for _, c := range src.carers {
		health, err := client.HealthAssessment.Query().Where(healthassessment.CarerID(c.ID)).
			Order(ent.Desc(healthassessment.FieldAssessedOn)).First(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return fmt.Errorf("read health assessments: %w", err)
		}
		dbs, err := client.DBSCheck.Query().Where(dbscheck.CarerID(c.ID)).Order(ent.Desc(dbscheck.FieldIssuedOn)).First(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return fmt.Errorf("read DBS checks: %w", err)
		}
		p.Checks = append(p.Checks, check(names[c.ID], "Health", health != nil, func() string { return health.AssessedOn.Short() },
			due[compliance.HealthAssessment][c.ID], status))
		p.Checks = append(p.Checks, check(names[c.ID], "DBS", dbs != nil, func() string { return dbs.IssuedOn.Short() },
			due[compliance.DBSCheck][c.ID], status))
	}
	return nil
}

func check(person, kind string, done bool, on func() string, next compliance.Item, status func(compliance.Item) string) pack.Check {
	c := pack.Check{Person: person, Kind: kind, Done: "None recorded"}
	if done {
		c.Done = on()
	}
	if !next.DueOn.IsZero() {
		c.Expires, c.Status = next.DueOn.Short(), status(next)
	}
	return c
}

// packPlacements lists the placements during the period, by reference.
func packPlacements(ctx context.Context, client *ent.Client, src packSource, p *pack.Pack) error {
	r, period := src.r, src.period
	ps, err := client.Placement.Query().Where(placement.HouseholdID(r.HouseholdID), placement.StartedOnLTE(period.To),
		placement.Or(placement.EndedOnIsNil(), placement.EndedOnGTE(period.From))).
		Order(ent.Asc(placement.FieldStartedOn), ent.Asc(placement.FieldID)).All(ctx)
	if err != nil {
		return fmt.Errorf("read placements: %w", err)
	}
	for _, pl := range ps {
		p.Placements = append(p.Placements, pack.Placement{Reference: pl.ChildReference, Started: pl.StartedOn.Short(),
			Ended: shortDate(pl.EndedOn), Category: label(string(pl.Category))})
	}
	return nil
}

// packVisits lists the visits during the period.
func packVisits(ctx context.Context, client *ent.Client, src packSource, p *pack.Pack) error {
	r, period := src.r, src.period
	vs, err := client.Visit.Query().Where(visit.HouseholdID(r.HouseholdID), visit.VisitedOnGTE(period.From),
		visit.VisitedOnLTE(period.To)).WithVisitor().Order(ent.Asc(visit.FieldVisitedOn), ent.Asc(visit.FieldID)).All(ctx)
	if err != nil {
		return fmt.Errorf("read visits: %w", err)
	}
	for _, v := range vs {
		by := ""
		if v.Edges.Visitor != nil {
			by = v.Edges.Visitor.Name
		}
		p.Visits = append(p.Visits, pack.Visit{On: v.VisitedOn.Short(), Kind: label(string(v.Kind)), By: by, Notes: v.Note})
	}
	return nil
}

func shortDate(d *civil.Date) string {
	if d == nil {
		return ""
	}
	return d.Short()
}

var statusLabels = map[compliance.Status]string{compliance.Overdue: "Overdue", compliance.DueSoon: "Due soon",
	compliance.OK: "OK", compliance.NotApplicableNow: "Not applicable"}
