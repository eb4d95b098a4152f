package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/panel"
	"github.com/hearth-registry/hearth/ent/panelitem"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// PanelSummary is a panel in a list, with the length of its agenda.
type PanelSummary struct {
	*ent.Panel
	Items int
}

// PanelList is the panels a viewer may see: every upcoming one, soonest
// first, then the latest past ones, at most past of them.
type PanelList struct {
	Upcoming, Past []PanelSummary
}

// Panels reads the panels the viewer may see around the day on. The
// viewer's scope is applied here, once, so no page can forget it.
func Panels(ctx context.Context, client *ent.Client, v Viewer, on civil.Date, past int) (PanelList, error) {
	q := func() *ent.PanelQuery { return client.Panel.Query().Where(v.PanelScope()...) }
	upcoming, err := q().Where(panel.MeetsOnGTE(on)).Order(ent.Asc(panel.FieldMeetsOn), ent.Asc(panel.FieldID)).All(ctx)
	if err != nil {
		return PanelList{}, fmt.Errorf("read upcoming panels: %w", err)
	}
	earlier, err := q().Where(panel.MeetsOnLT(on)).Order(ent.Desc(panel.FieldMeetsOn), ent.Desc(panel.FieldID)).
		Limit(past).All(ctx)
	if err != nil {
		return PanelList{}, fmt.Errorf("read past panels: %w", err)
	}
	rows, err := panelSummaries(ctx, client, append(upcoming, earlier...))
	if err != nil {
		return PanelList{}, err
	}
	return PanelList{Upcoming: rows[:len(upcoming)], Past: rows[len(upcoming):]}, nil
}

// panelSummaries counts each panel's agenda in one query. Loading the
// items themselves to count them read hundreds of rows a panel at 50,000
// households.
func panelSummaries(ctx context.Context, client *ent.Client, panels []*ent.Panel) ([]PanelSummary, error) {
	ids := make([]int, len(panels))
	for i, p := range panels {
		ids[i] = p.ID
	}
	var counts []struct {
		PanelID int `json:"panel_id"`
		Count   int `json:"count"`
	}
	if len(ids) > 0 {
		err := client.PanelItem.Query().Where(panelitem.PanelIDIn(ids...)).
			GroupBy(panelitem.FieldPanelID).Aggregate(ent.Count()).Scan(ctx, &counts)
		if err != nil {
			return nil, fmt.Errorf("count agenda items: %w", err)
		}
	}
	items := make(map[int]int, len(counts))
	for _, n := range counts {
		items[n.PanelID] = n.Count
	}
	rows := make([]PanelSummary, len(panels))
	for i, p := range panels {
		rows[i] = PanelSummary{Panel: p, Items: items[p.ID]}
	}
	return rows, nil
}

// AgendaItem is one review on a panel's agenda, with the warning a late
// or unsent paper earns.
type AgendaItem struct {
	Item      *ent.PanelItem
	Review    *ent.Review
	Household *ent.Household
	Warning   string
}

// PanelAgenda is a panel as its page shows it: the agenda in order, the
// members and the chair.
type PanelAgenda struct {
	Panel   *ent.Panel
	Agenda  []AgendaItem
	Members []*ent.User
	Chair   *ent.User
}

// ReadPanelAgenda reads a panel the viewer may see, with its agenda in
// order; any other panel is not found. Papers warnings are worked out as
// of today.
func ReadPanelAgenda(ctx context.Context, client *ent.Client, v Viewer, id int, today civil.Date) (PanelAgenda, error) {
	p, err := VisiblePanel(ctx, client, v, id)
	if err != nil {
		return PanelAgenda{}, err
	}
	items, err := client.PanelItem.Query().Where(panelitem.PanelID(id)).
		WithReview(func(q *ent.ReviewQuery) { q.WithHousehold() }).
		Order(ent.Asc(panelitem.FieldPosition), ent.Asc(panelitem.FieldID)).All(ctx)
	if err != nil {
		return PanelAgenda{}, fmt.Errorf("read the agenda: %w", err)
	}
	out := PanelAgenda{Panel: p, Agenda: make([]AgendaItem, 0, len(items))}
	if out.Members, err = client.Panel.QueryMembers(p).Order(ent.Asc(user.FieldName)).All(ctx); err != nil {
		return PanelAgenda{}, fmt.Errorf("read the panel's members: %w", err)
	}
	if p.ChairID != nil {
		if out.Chair, err = client.User.Get(ctx, *p.ChairID); err != nil && !ent.IsNotFound(err) {
			return PanelAgenda{}, fmt.Errorf("read the panel's chair: %w", err)
		}
	}
	for _, it := range items {
		a := AgendaItem{Item: it, Review: it.Edges.Review, Warning: compliance.PapersWarning(p.MeetsOn, it.PapersSentOn, today)}
		if a.Review != nil {
			a.Household = a.Review.Edges.Household
		}
		out.Agenda = append(out.Agenda, a)
	}
	return out, nil
}
