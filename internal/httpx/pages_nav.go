package httpx

import (
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent/user"
)

// navItem is one link of the primary navigation.
type navItem struct {
	Href, Label string
	Current     bool
}

// navFor is the primary navigation for role, with the section of path
// marked current: staff work across households, reviews and panels; a
// carer sees their own training and household; a panel member their
// panels.
func navFor(role user.Role, path string) []navItem {
	var items []navItem
	switch role {
	case user.RoleCarer:
		items = []navItem{{Href: "/", Label: "My training"}, {Href: "/my/household", Label: "My household"},
			{Href: "/my/views", Label: "My views"}}
	case user.RolePanelMember:
		items = []navItem{{Href: "/", Label: "My panels"}}
	default:
		items = []navItem{{Href: "/", Label: "Dashboard"}, {Href: "/households", Label: "Households"},
			{Href: "/training", Label: "Training"}, {Href: "/panels", Label: "Panels"}}
		if role == user.RoleAdmin || role == user.RoleManager {
			items = append(items, navItem{Href: "/admin/audit", Label: "Audit trail"})
		}
		if role == user.RoleAdmin {
			items = append(items, navItem{Href: "/admin/users", Label: "Users"}, navItem{Href: "/admin/tokens", Label: "API tokens"},
				navItem{Href: "/admin/policy", Label: "Settings"})
		}
	}
	best := -1
	for i, it := range items {
		if it.Href == path || (it.Href != "/" && strings.HasPrefix(path, it.Href)) {
			best = i
		}
	}
	if best < 0 && (strings.HasPrefix(path, "/reviews") || strings.HasPrefix(path, "/households")) && len(items) > 1 {
		best = 1
	}
	if best >= 0 {
		items[best].Current = true
	}
	return items
}

// withNav adds the navigation for the signed-in user to a page's data.
func withNav(c fiber.Ctx, data fiber.Map) fiber.Map {
	if u := CurrentUser(c); u != nil {
		data["Nav"] = navFor(u.Role, c.Path())
	}
	return data
}
