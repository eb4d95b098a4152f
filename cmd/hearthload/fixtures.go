package main

import (
	"context"
	"fmt"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/review"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store"
)

// fixtures are the people the load signs in as, and the records each of
// them works on, read from the seeded registry before the server starts.
type fixtures struct {
	database     string
	households   int
	ssws         []sswFixture
	carers       []string    // session tokens of carers with an account
	panelMembers int         // panel members signed in
	panelSeats   []panelSeat // recent panels, each with a member who sits on it
	courses      []int
	apiToken     string // a manager's API token, for integrations reading households
}

// sswFixture is a supervising social worker and the households they
// support: the staff member who browses, visits and records training.
type sswFixture struct {
	id         int
	session    string
	households []int
	carers     map[int][]int // household → its carers
	reviews    []int         // open reviews of their households
}

// panelSeat is a panel member and one of the recent panels they sit on,
// with the reviews on its agenda, whose packs they download. A member reads
// only the panels they sit on, so each pairs a panel with its own member.
type panelSeat struct {
	session string
	panel   int
	reviews []int
}

// sessionLife is how long the load's sessions and token live: long enough
// for any run the flags allow, short enough to be gone soon after.
const sessionLife = 2 * time.Hour

func prepare(ctx context.Context, o options) (*fixtures, error) {
	st, err := store.Open(ctx, o.databaseURL, o.dataDir+"/hearth.db")
	if err != nil {
		return nil, err
	}
	defer st.Close()
	registry.Wire(st.Client, st.Dialect)
	// As hearth serve would on starting: a registry seeded by an earlier
	// version gains the later migrations, and its due items this
	// release's rules.
	if _, err := st.Migrate(ctx); err != nil {
		return nil, err
	}
	if _, err := registry.EnsureDueItemsCurrent(ctx, st.Client, st.Dialect); err != nil {
		return nil, err
	}
	client := st.Client
	fx := &fixtures{database: st.Name()}
	if fx.households, err = client.Household.Query().Count(ctx); err != nil {
		return nil, err
	}
	if fx.households == 0 {
		return nil, fmt.Errorf("the registry has no households: run hearth seed --households 50000 on it first")
	}
	sessions := auth.NewSessions(client)
	sessions.Absolute, sessions.Idle = sessionLife, sessionLife
	signIn := func(userID int) (string, error) {
		return sessions.Start(ctx, userID, true, "127.0.0.1", "hearthload")
	}
	if err := fx.prepareStaff(ctx, client, signIn); err != nil {
		return nil, err
	}
	if err := fx.prepareCarers(ctx, client, signIn); err != nil {
		return nil, err
	}
	if err := fx.preparePanels(ctx, client, signIn); err != nil {
		return nil, err
	}
	if fx.courses, err = client.Course.Query().IDs(ctx); err != nil {
		return nil, err
	}
	fx.apiToken, _, err = auth.CreateToken(ctx, client, registry.System("hearthload"),
		auth.NewToken{Name: "hearthload", Role: "manager", ExpiresAt: new(time.Now().Add(sessionLife))}, time.Now())
	return fx, err
}

// prepareStaff signs in up to 16 SSWs with their approved households.
func (fx *fixtures) prepareStaff(ctx context.Context, client *ent.Client, signIn func(int) (string, error)) error {
	users, err := client.User.Query().Where(user.RoleEQ(user.RoleSsw), user.Active(true)).Order(ent.Asc(user.FieldID)).Limit(16).All(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		f := sswFixture{id: u.ID, carers: map[int][]int{}}
		if f.households, err = client.Household.Query().
			Where(household.SswID(u.ID), household.StatusEQ(household.StatusApproved)).Limit(200).IDs(ctx); err != nil {
			return err
		}
		if len(f.households) == 0 {
			continue
		}
		carers, err := client.Carer.Query().Where(carer.HouseholdIDIn(f.households...)).All(ctx)
		if err != nil {
			return err
		}
		for _, c := range carers {
			f.carers[c.HouseholdID] = append(f.carers[c.HouseholdID], c.ID)
		}
		if f.reviews, err = client.Review.Query().Where(review.HouseholdIDIn(f.households...),
			review.StatusNotIn(review.StatusDecided, review.StatusCancelled)).IDs(ctx); err != nil {
			return err
		}
		if f.session, err = signIn(u.ID); err != nil {
			return err
		}
		fx.ssws = append(fx.ssws, f)
	}
	if len(fx.ssws) == 0 {
		return fmt.Errorf("the registry has no SSW with approved households")
	}
	return nil
}

// prepareCarers gives 64 carers of approved households a portal account
// (once: a later run finds them) and signs each in.
func (fx *fixtures) prepareCarers(ctx context.Context, client *ent.Client, signIn func(int) (string, error)) error {
	carers, err := client.Carer.Query().Where(carer.HasHouseholdWith(household.StatusEQ(household.StatusApproved))).
		Order(ent.Asc(carer.FieldID)).Limit(64).All(ctx)
	if err != nil {
		return err
	}
	for _, c := range carers {
		id := 0
		if c.UserID != nil {
			id = *c.UserID
		} else {
			// The registry keeps due dates current as carers change, so
			// even this link is written inside its transaction helper.
			err := registry.InTx(ctx, client, func(tx *ent.Client) error {
				email := fmt.Sprintf("load-carer-%d@hearth.example", c.ID)
				u, err := tx.User.Query().Where(user.Email(email)).Only(ctx)
				if ent.IsNotFound(err) {
					u, err = tx.User.Create().SetRole(user.RoleCarer).SetName(c.FirstName + " " + c.LastName).
						SetEmail(email).Save(ctx)
				}
				if err != nil {
					return err
				}
				id = u.ID
				return tx.Carer.UpdateOneID(c.ID).SetUserID(u.ID).Exec(ctx)
			})
			if err != nil {
				return fmt.Errorf("carer account: %w", err)
			}
		}
		token, err := signIn(id)
		if err != nil {
			return err
		}
		fx.carers = append(fx.carers, token)
	}
	return nil
}

// preparePanels signs in a member of each of the twelve latest panels with
// an agenda, and finds the reviews on it.
func (fx *fixtures) preparePanels(ctx context.Context, client *ent.Client, signIn func(int) (string, error)) error {
	panels, err := client.Panel.Query().Where(panel.HasItems(), panel.HasMembersWith(user.Active(true))).
		Order(ent.Desc(panel.FieldMeetsOn), ent.Asc(panel.FieldID)).Limit(12).
		WithItems().WithMembers(func(q *ent.UserQuery) { q.Where(user.Active(true)).Order(ent.Asc(user.FieldID)) }).All(ctx)
	if err != nil {
		return err
	}
	sessions := map[int]string{} // member → session, one each
	for _, p := range panels {
		member := p.Edges.Members[0].ID
		if _, ok := sessions[member]; !ok {
			if sessions[member], err = signIn(member); err != nil {
				return err
			}
		}
		seat := panelSeat{session: sessions[member], panel: p.ID}
		for _, item := range p.Edges.Items {
			seat.reviews = append(seat.reviews, item.ReviewID)
		}
		fx.panelSeats = append(fx.panelSeats, seat)
	}
	fx.panelMembers = len(sessions)
	if len(fx.panelSeats) == 0 {
		return fmt.Errorf("the registry has no panel with members and items")
	}
	return nil
}
