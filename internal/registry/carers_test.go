package registry_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// seedEmptyHousehold writes a household with nobody in it yet.
func seedEmptyHousehold(t *testing.T, client *ent.Client, ref string) int {
	t.Helper()
	var id int
	storetest.Write(t, client, func(tx *ent.Client) error {
		h, err := tx.Household.Create().SetReference(ref).SetAddressLine1("1 Fore Street").SetTown("Totnes").
			SetPostcode("TQ9 5RP").SetStatus("assessment").Save(t.Context())
		if err == nil {
			id = h.ID
		}
		return err
	})
	return id
}

// TestConcurrentCarersKeepTheLimit adds eight carers to one household at
// once: exactly two are added, and the others are told the household is
// full, on each database.
func TestConcurrentCarersKeepTheLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		household := seedEmptyHousehold(t, s.Client, "FH-0001")
		manager := registry.Viewer{Role: user.RoleManager}
		errs := make([]error, 8)
		var wg sync.WaitGroup
		for i := range errs {
			wg.Go(func() {
				_, errs[i] = registry.CreateCarer(t.Context(), s.Client, registry.System("test"), manager, household,
					registry.CarerFields{FirstName: fmt.Sprintf("Carer %d", i), LastName: "Ó Briain"})
			})
		}
		wg.Wait()
		added, full := 0, 0
		for i, err := range errs {
			switch {
			case err == nil:
				added++
			case registry.ErrorCode(err) == registry.EINVALID:
				full++
			default:
				t.Errorf("carer %d: %v", i, err)
			}
		}
		if n := s.Client.Carer.Query().CountX(t.Context()); added != registry.MaxCarers || full != 6 || n != registry.MaxCarers {
			t.Errorf("%d added, %d refused as full; %d carers stored, want %d", added, full, n, registry.MaxCarers)
		}
	})
}

// TestDBSCheckIsForExactlyOnePerson shows a DBS check with no subject, or
// with both a carer and a household member, refused and nothing written.
func TestDBSCheckIsForExactlyOnePerson(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		household := seedEmptyHousehold(t, s.Client, "FH-0001")
		var carer, member int
		storetest.Write(t, s.Client, func(tx *ent.Client) error {
			carer = tx.Carer.Create().SetHouseholdID(household).SetFirstName("Zoë").SetLastName("Ó Briain").SaveX(t.Context()).ID
			member = tx.HouseholdMember.Create().SetHouseholdID(household).SetFirstName("Siân").SetLastName("Ó Briain").
				SetRelationship("adult_child").SaveX(t.Context()).ID
			return nil
		})
		check := registry.DBSFields{CertificateNumber: "001234567890", IssuedOn: civil.MustParse("2024-01-10"),
			Level: "enhanced_with_barred_lists", Outcome: "clear"}
		for name, subject := range map[string]registry.DBSSubject{
			"ErrNobody": {}, "ErrBoth": {CarerID: &carer, MemberID: &member},
		} {
			t.Run(name, func(t *testing.T) {
				_, err := registry.CreateDBSCheck(t.Context(), s.Client, registry.System("test"),
					registry.Viewer{Role: user.RoleManager}, subject, check)
				if registry.ErrorCode(err) != registry.EINVALID {
					t.Errorf("got %v, want it refused as invalid", err)
				}
				if n := s.Client.DBSCheck.Query().CountX(t.Context()) + s.Client.AuditEvent.Query().CountX(t.Context()); n != 0 {
					t.Errorf("%d checks and audit events written", n)
				}
			})
		}
	})
}
