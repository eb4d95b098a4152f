package registry_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// archiveRace is one kind of record archived through the registry.
type archiveRace struct {
	kind    string // the ent type, as its mutations name it
	table   string
	archive func(ctx context.Context, c *ent.Client, actor registry.Actor, v registry.Viewer, id, version int) error
}

var archiveRaces = []archiveRace{
	{ent.TypeHousehold, "households", registry.ArchiveHousehold},
	{ent.TypeCarer, "carers", registry.ArchiveCarer},
	{ent.TypeHouseholdMember, "household_members", registry.ArchiveMember},
	{ent.TypeHealthAssessment, "health_assessments", registry.ArchiveHealthAssessment},
	{ent.TypeDBSCheck, "dbs_checks", registry.ArchiveDBSCheck},
	{ent.TypeCourse, "courses", registry.ArchiveCourse},
	{ent.TypeTrainingRecord, "training_records", registry.ArchiveTrainingRecord},
	{ent.TypeVisit, "visits", registry.ArchiveVisit},
	{ent.TypePlacement, "placements", registry.ArchivePlacement},
	{ent.TypeReview, "reviews", registry.ArchiveReview},
	{ent.TypeContribution, "contributions", registry.ArchiveContribution},
	{ent.TypePanel, "panels", registry.ArchivePanel},
	{ent.TypePanelItem, "panel_items", registry.ArchivePanelItem},
}

// TestEveryArchiveAnswersALostRaceAsStale archives one record of every
// kind at the version the archiver read, while someone else changes it
// between that read and the archive's write, and shows every archive
// refused the same way, as stale (412 to the API), with nothing archived
// and nothing audited: the answer the API documents for an If-Match that
// no longer matches. Households, reviews, contributions, panels and panel
// items answered "not found" (404) for this race, placements stale.
//
// On PostgreSQL the other change is a real concurrent commit, made from
// another connection after the archive read the record and before it
// writes. SQLite's writers queue at BEGIN, so there no one can change the
// record meanwhile; the change is made inside the archiving transaction,
// which leaves the archive's write facing the same changed row.
func TestEveryArchiveAnswersALostRaceAsStale(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ids := archivableRecords(t, s.Client)
		var racing string // the kind whose next archive loses the race
		s.Client.Use(func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				if m.Type() == racing && m.Op().Is(ent.OpDeleteOne) {
					racing = ""
					if err := changeMeanwhile(ctx, s, m, ids[m.Type()]); err != nil {
						return nil, err
					}
				}
				return next.Mutate(ctx, m)
			})
		})
		admin := registry.Viewer{UserID: 0, Role: user.RoleAdmin}
		for _, a := range archiveRaces {
			id := ids[a.kind]
			before := s.Client.AuditEvent.Query().CountX(t.Context())
			racing = a.kind
			err := a.archive(t.Context(), s.Client, registry.System("test"), admin, id, 1)
			if racing != "" {
				t.Errorf("%s: the archive never wrote, so the race was not run: %v", a.kind, err)
				continue
			}
			if registry.ErrorCode(err) != registry.ESTALE {
				t.Errorf("%s %d archived while someone else changed it: %v (code %q), want %q",
					a.kind, id, err, registry.ErrorCode(err), registry.ESTALE)
			}
			if n := s.Client.AuditEvent.Query().CountX(t.Context()); n != before {
				t.Errorf("%s: %d audit events written for an archive refused", a.kind, n-before)
			}
			if live := liveRows(t, s, a.table, id); live != 1 {
				t.Errorf("%s %d: %d live rows after the refused archive, want 1", a.kind, id, live)
			}
		}
	})
}

// changeMeanwhile raises the version of the record m is about to archive,
// as another person's change would.
func changeMeanwhile(ctx context.Context, s *store.Store, m ent.Mutation, id int) error {
	table := ""
	for _, a := range archiveRaces {
		if a.kind == m.Type() {
			table = a.table
		}
	}
	query := fmt.Sprintf("UPDATE %s SET version = version + 1 WHERE id = $1", table)
	if s.Dialect == dialect.Postgres {
		// Its own connection and commit; a lock held by the archive would
		// make it wait, and the timeout says so rather than hanging.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_, err := s.DB.ExecContext(ctx, query, id)
		return err
	}
	_, err := m.(interface{ Client() *ent.Client }).Client().ExecContext(ctx, query, id)
	return err
}

// liveRows counts the rows of table with id that are not archived.
func liveRows(t *testing.T, s *store.Store, table string, id int) int {
	t.Helper()
	var n int
	q := fmt.Sprintf("SELECT COUNT(*) FROM %s WHERE id = $1 AND archived_at IS NULL", table)
	if err := s.DB.QueryRowContext(t.Context(), q, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// archivableRecords writes one record of each kind that an administrator
// may archive, each at version 1, and returns their ids by kind: a review
// and a panel with nothing on an agenda, and another review on another
// panel's agenda for the panel item.
func archivableRecords(t *testing.T, client *ent.Client) map[string]int {
	t.Helper()
	ids := map[string]int{}
	day := civil.MustParse("2025-03-14")
	storetest.Write(t, client, func(tx *ent.Client) error {
		ctx := t.Context()
		h := tx.Household.Create().SetReference("FH-0001").SetAddressLine1("1 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus("approved").SetApprovedOn(day.AddYears(-2)).SaveX(ctx)
		other := tx.Household.Create().SetReference("FH-0002").SetAddressLine1("2 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus("approved").SetApprovedOn(day.AddYears(-2)).SaveX(ctx)
		c := tx.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Zoë").SetLastName("Ó Briain").SaveX(ctx)
		course := tx.Course.Create().SetCode("FA").SetTitle("First aid").SaveX(ctx)
		r := tx.Review.Create().SetHouseholdID(h.ID).SetKind("annual").SetDueOn(day).SaveX(ctx)
		onPanel := tx.Review.Create().SetHouseholdID(other.ID).SetKind("annual").SetDueOn(day).SaveX(ctx)
		withItem := tx.Panel.Create().SetName("March panel").SetMeetsOn(day).SaveX(ctx)
		ids[ent.TypeHousehold] = tx.Household.Create().SetReference("FH-0003").SetAddressLine1("3 Fore Street").
			SetTown("Totnes").SetPostcode("TQ9 5RP").SetStatus("assessment").SaveX(ctx).ID
		ids[ent.TypeCarer] = tx.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Siân").SetLastName("Ó Briain").SaveX(ctx).ID
		ids[ent.TypeHouseholdMember] = tx.HouseholdMember.Create().SetHouseholdID(h.ID).SetFirstName("Ciarán").
			SetLastName("Ó Briain").SetRelationship("birth_child").SaveX(ctx).ID
		ids[ent.TypeHealthAssessment] = tx.HealthAssessment.Create().SetCarerID(c.ID).SetKind("initial").
			SetAssessedOn(day).SaveX(ctx).ID
		ids[ent.TypeDBSCheck] = tx.DBSCheck.Create().SetCarerID(c.ID).SetCertificateNumber("001234567890").
			SetLevel("enhanced_with_barred_lists").SetIssuedOn(day).SetOutcome("clear").SaveX(ctx).ID
		ids[ent.TypeCourse] = tx.Course.Create().SetCode("SG").SetTitle("Safeguarding").SaveX(ctx).ID
		ids[ent.TypeTrainingRecord] = tx.TrainingRecord.Create().SetCarerID(c.ID).SetCourseID(course.ID).
			SetCompletedOn(day).SaveX(ctx).ID
		ids[ent.TypeVisit] = tx.Visit.Create().SetHouseholdID(h.ID).SetKind("unannounced").SetVisitedOn(day).SaveX(ctx).ID
		ids[ent.TypePlacement] = tx.Placement.Create().SetHouseholdID(h.ID).SetChildReference("AB").
			SetPlacingAuthority("Devon County Council").SetCategory("long_term").SetStartedOn(day).SaveX(ctx).ID
		ids[ent.TypeReview] = tx.Review.Create().SetHouseholdID(h.ID).SetKind("annual").SetDueOn(day.AddYears(1)).SaveX(ctx).ID
		ids[ent.TypeContribution] = tx.Contribution.Create().SetReviewID(r.ID).SetSource("carer").
			SetAuthorName("Zoë Ó Briain").SetText("We are well.").SetReceivedOn(day).SaveX(ctx).ID
		ids[ent.TypePanel] = tx.Panel.Create().SetName("April panel").SetMeetsOn(day.AddDays(30)).SaveX(ctx).ID
		ids[ent.TypePanelItem] = tx.PanelItem.Create().SetPanelID(withItem.ID).SetReviewID(onPanel.ID).SaveX(ctx).ID
		return nil
	})
	return ids
}
