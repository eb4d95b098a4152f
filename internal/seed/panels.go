package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
)

// panelSize is the most items one panel meeting hears. Real fostering
// panels hear six to twelve in a sitting; a registry of tens of thousands
// of households (a national provider, or many services in one database)
// holds many panels on the same day rather than one with hundreds of
// items, which no panel could read.
const panelSize = 12

// panelSeats is how many members sit on each panel.
const panelSeats = 6

// panelMembers is how many panel members a service of n households has:
// the demo's six, and one more for every 500 households beyond, so that at
// scale each member sits on a few panels a month, as on a real central list.
func panelMembers(n int) int { return max(panelSeats, n/500) }

// panelDay is the panels meeting on one date, in the order they filled.
type panelDay struct {
	panels []*ent.Panel
	items  int // items placed on the last panel
}

// panelCalendar is every panel of the generated service, made as reviews
// need them.
type panelCalendar struct {
	days    map[civil.Date]*panelDay
	members []int
	// next is the first member of the next extra panel: each new panel
	// takes the next panelSeats members of the list, round and round.
	next int
}

// writePanels writes a panel for every month from the earliest approval the
// generator can produce to two months ahead, chaired and attended by the
// first panel members; more panels on the same date are added as the
// first one fills (panelFor).
func writePanels(ctx context.Context, tx *ent.Tx, today civil.Date, staff []*ent.User, r *refs, counts *Counts) error {
	cal := &panelCalendar{days: map[civil.Date]*panelDay{}}
	for _, u := range staff {
		if u.Role == user.RolePanelMember {
			cal.members = append(cal.members, u.ID)
		}
	}
	seats := cal.members[:min(panelSeats, len(cal.members))]
	cal.next = len(seats) % len(cal.members)
	var pb []*ent.PanelCreate
	var dates []civil.Date
	for d := PanelOnOrAfter(today.AddYears(-13)); !d.After(today.AddDays(70)); d = PanelOnOrAfter(d.AddDays(1)) {
		pb = append(pb, newPanel(tx, d, 1, seats))
		dates = append(dates, d)
	}
	panels, err := bulk(ctx, pb, func(ctx context.Context, b ...*ent.PanelCreate) ([]*ent.Panel, error) {
		return tx.Panel.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("panels: %w", err)
	}
	for i, p := range panels {
		cal.days[dates[i]] = &panelDay{panels: []*ent.Panel{p}}
	}
	counts.Panels += len(panels)
	r.panels = cal
	return nil
}

func newPanel(tx *ent.Tx, on civil.Date, number int, members []int) *ent.PanelCreate {
	name := "Fostering panel, " + on.Time(time.UTC).Format("January 2006")
	if number > 1 {
		name = fmt.Sprintf("Fostering panel %d, %s", number, on.Time(time.UTC).Format("2 January 2006"))
	}
	return tx.Panel.Create().SetName(name).SetMeetsOn(on).SetLocation("Town Hall, Torquay").
		SetChairID(members[0]).AddMemberIDs(members...)
}

// panelFor returns the panel meeting on date with room for one more item,
// adding a panel that day when the last one is full; false when no panel
// meets that day.
func (cal *panelCalendar) panelFor(ctx context.Context, tx *ent.Tx, on civil.Date, counts *Counts) (*ent.Panel, bool, error) {
	day, ok := cal.days[on]
	if !ok {
		return nil, false, nil
	}
	if day.items >= panelSize {
		seats := make([]int, 0, panelSeats)
		for len(seats) < min(panelSeats, len(cal.members)) {
			seats = append(seats, cal.members[cal.next])
			cal.next = (cal.next + 1) % len(cal.members)
		}
		p, err := newPanel(tx, on, len(day.panels)+1, seats).Save(ctx)
		if err != nil {
			return nil, false, fmt.Errorf("panel: %w", err)
		}
		counts.Panels++
		day.panels, day.items = append(day.panels, p), 0
	}
	day.items++
	return day.panels[len(day.panels)-1], true, nil
}
