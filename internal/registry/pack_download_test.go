package registry_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/pack"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/sar"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// packFixture is a household with a review on a panel's agenda, and the
// views gathered for it so far.
type packFixture struct{ review, panel int }

func writePackFixture(t *testing.T, client *ent.Client) packFixture {
	t.Helper()
	var f packFixture
	day := civil.MustParse("2026-03-14")
	storetest.Write(t, client, func(tx *ent.Client) error {
		ctx := t.Context()
		h := tx.Household.Create().SetReference("FH-0042").SetAddressLine1("1 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus("approved").SetApprovedOn(day.AddYears(-3)).SaveX(ctx)
		tx.Carer.Create().SetHouseholdID(h.ID).SetFirstName("Zoë").SetLastName("Ó Briain").ExecX(ctx)
		r := tx.Review.Create().SetHouseholdID(h.ID).SetKind("annual").SetDueOn(day).SaveX(ctx)
		tx.Contribution.Create().SetReviewID(r.ID).SetSource("carer").SetAuthorName("Zoë Ó Briain").
			SetText("Gathered before.").SetReceivedOn(day.AddDays(-20)).ExecX(ctx)
		p := tx.Panel.Create().SetName("March panel").SetMeetsOn(day.AddDays(10)).SaveX(ctx)
		tx.PanelItem.Create().SetPanelID(p.ID).SetReviewID(r.ID).ExecX(ctx)
		f = packFixture{review: r.ID, panel: p.ID}
		return nil
	})
	return f
}

// downloads counts the download entries in the audit trail.
func downloads(t *testing.T, client *ent.Client) int {
	t.Helper()
	return client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionDownload)).CountX(t.Context())
}

// TestPackDownloadIsAuditedOnlyOnceDrawn shows a review pack, and a
// panel's bundle of them, recorded as downloaded only when drawing them
// succeeded: a pack that fails to draw leaves no download in the audit
// trail (it left one before), one that is drawn leaves exactly one (and
// the bundle one per pack and one for itself), and when the audit entry
// cannot be written the download fails rather than going unrecorded.
func TestPackDownloadIsAuditedOnlyOnceDrawn(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		f := writePackFixture(t, s.Client)
		actor, manager, at := registry.System("test"), registry.Viewer{Role: user.RoleManager}, time.Now()
		broken := errors.New("the renderer refused the pack")
		fail := func(pack.Pack) error { return broken }
		failAll := func([]pack.Pack) error { return broken }

		if _, err := registry.DownloadPack(ctx, s.Client, actor, manager, "Service", f.review, at, fail); !errors.Is(err, broken) {
			t.Fatalf("a pack that failed to draw: %v, want %v", err, broken)
		}
		if _, _, err := registry.DownloadPanelPacks(ctx, s.Client, actor, manager, "Service", f.panel, at, failAll); !errors.Is(err, broken) {
			t.Fatalf("a bundle that failed to draw: %v, want %v", err, broken)
		}
		if n := downloads(t, s.Client); n != 0 {
			t.Fatalf("%d downloads audited for packs that failed to draw, want 0", n)
		}

		drawn := 0
		if _, err := registry.DownloadPack(ctx, s.Client, actor, manager, "Service", f.review, at,
			func(pack.Pack) error { drawn++; return nil }); err != nil {
			t.Fatal(err)
		}
		if n := downloads(t, s.Client); drawn != 1 || n != 1 {
			t.Fatalf("one pack drawn %d times, audited %d times; want 1 and 1", drawn, n)
		}
		if _, packs, err := registry.DownloadPanelPacks(ctx, s.Client, actor, manager, "Service", f.panel, at,
			func([]pack.Pack) error { return nil }); err != nil || len(packs) != 1 {
			t.Fatalf("bundle: %d packs, %v", len(packs), err)
		}
		if n := downloads(t, s.Client); n != 1+2 {
			t.Fatalf("%d downloads audited after a pack and a bundle of one, want 3", n)
		}

		// Fail closed: an audit entry that cannot be written fails the
		// download, though the pack was drawn.
		refuse := true
		s.Client.AuditEvent.Use(func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				if refuse {
					return nil, errors.New("the audit trail is unavailable")
				}
				return next.Mutate(ctx, m)
			})
		})
		if _, err := registry.DownloadPack(ctx, s.Client, actor, manager, "Service", f.review, at,
			func(pack.Pack) error { return nil }); err == nil {
			t.Error("a pack whose download could not be audited was handed over")
		}
		if _, _, err := registry.DownloadPanelPacks(ctx, s.Client, actor, manager, "Service", f.panel, at,
			func([]pack.Pack) error { return nil }); err == nil {
			t.Error("a bundle whose download could not be audited was handed over")
		}
		refuse = false
		if n := downloads(t, s.Client); n != 3 {
			t.Errorf("%d downloads audited, want still 3", n)
		}
	})
}

// TestPackReadsOneSnapshot records a view for the review while its pack
// is being assembled, just after the review itself was read: the pack
// shows the registry as it was when it began, without the new view, where
// before, its later reads saw what had been committed meanwhile. The same
// for a panel's bundle.
func TestPackReadsOneSnapshot(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		f := writePackFixture(t, s.Client)
		armed := false
		s.Client.Intercept(ent.InterceptFunc(func(next ent.Querier) ent.Querier {
			return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
				v, err := next.Query(ctx, q)
				if _, ok := q.(*ent.ReviewQuery); ok && armed && err == nil {
					armed = false
					storetest.Write(t, s.Client, func(tx *ent.Client) error {
						return tx.Contribution.Create().SetReviewID(f.review).SetSource("ssw").SetAuthorName("Ngozi Adeyemi").
							SetText("Recorded meanwhile.").SetReceivedOn(civil.MustParse("2026-03-01")).Exec(context.WithoutCancel(ctx))
					})
				}
				return v, err
			})
		}))
		views := func(p pack.Pack) []string {
			var texts []string
			for _, c := range p.Contributions {
				texts = append(texts, c.Text)
			}
			return texts
		}
		manager, none := registry.Viewer{Role: user.RoleManager}, func(pack.Pack) error { return nil }

		armed = true
		p, err := registry.DownloadPack(ctx, s.Client, registry.System("test"), manager, "Service", f.review, time.Now(), none)
		if err != nil {
			t.Fatal(err)
		}
		if armed {
			t.Fatal("no view was recorded during the download: the test proves nothing")
		}
		if got := views(p); !slices.Equal(got, []string{"Gathered before."}) {
			t.Errorf("the pack shows views %q: it mixes the registry before and after a view recorded meanwhile", got)
		}

		// The bundle: the first pack's snapshot is the bundle's, so the view
		// recorded above shows, and one recorded meanwhile again does not.
		armed = true
		_, packs, err := registry.DownloadPanelPacks(ctx, s.Client, registry.System("test"), manager, "Service", f.panel,
			time.Now(), func([]pack.Pack) error { return nil })
		if err != nil || len(packs) != 1 {
			t.Fatalf("bundle: %d packs, %v", len(packs), err)
		}
		if got := views(packs[0]); len(got) != 2 {
			t.Errorf("the bundle's pack shows views %q, want the two recorded before it began", got)
		}
	})
}

// TestSubjectAccessIsAuditedOnlyOnceMade shows the subject access bundle
// held to the same rule as a pack: one that fails to be made is not
// recorded as exported, one that is made is recorded once.
func TestSubjectAccessIsAuditedOnlyOnceMade(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		writePackFixture(t, s.Client)
		carer := s.Client.Carer.Query().OnlyIDX(ctx)
		actor, manager := registry.System("test"), registry.Viewer{Role: user.RoleManager}
		exports := func() int {
			return s.Client.AuditEvent.Query().Where(auditevent.ActionEQ(auditevent.ActionExport), auditevent.Entity("carer")).CountX(ctx)
		}
		broken := errors.New("the bundle could not be written")
		if _, err := registry.SubjectAccess(ctx, s.Client, actor, manager, carer, "Service", time.Now(),
			func(sar.Bundle) error { return broken }); !errors.Is(err, broken) {
			t.Fatalf("a bundle that failed: %v, want %v", err, broken)
		}
		if n := exports(); n != 0 {
			t.Fatalf("%d exports audited for a bundle that failed, want 0", n)
		}
		if _, err := registry.SubjectAccess(ctx, s.Client, actor, manager, carer, "Service", time.Now(),
			func(sar.Bundle) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if n := exports(); n != 1 {
			t.Errorf("%d exports audited for one bundle, want 1", n)
		}
	})
}
